/**
 * Strings that attack a page, a template engine or a spreadsheet, and noise
 * that can sit in a narrative part without looking like a heading, a table
 * label or a number, for the narrative mutation operators (tests/fixtures/hostile/ carries the
 * same kinds of strings in whole reports).
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">点击</a>',
  '[链接](javascript:alert(1))',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<!-- 注释',
  '-->',
  '{alert(1)}',
  '{`${globalThis.x}`}',
  '---\ntitle: x\n---',
  '<style>body{display:none}</style>',
  '=HYPERLINK("http://example.invalid","x")',
  '+SUM(A1:A2)',
  '@cmd',
  '"引号", 逗号',
  '\u202e\u202d',
  '\u200b\u200d\ufeff',
  '🏛️👩‍⚖️',
  '../../etc/passwd',
  '\\u0000',
];

/** Characters that spell no section title, table label, numeral or unit of the template. */
const NOISE_ALPHABET = [...'的是在了有和人这中大为上个我以要时来用们生到作地于出就对成会可发动同工也能过说产种面而方后多定学所民得经山水风花雪月天光明'];

export function noiseText(length: number, pickIndex: (n: number) => number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += NOISE_ALPHABET[pickIndex(NOISE_ALPHABET.length)]!;
  return s;
}
