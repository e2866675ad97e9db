/**
 * Length of a text in characters (Unicode code points), as `[...s].length`
 * counts them, without building an array of one-character strings: UTF-16
 * length less one for each surrogate pair (a lone surrogate counts as one).
 */
export function codePointCount(s: string): number {
  // Most text has no character beyond the Basic Multilingual Plane.
  if (!/[\ud800-\udbff]/.test(s)) return s.length;
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return s.length - pairs;
}

/** Which UTF-16 units JavaScript's \s matches, read from the engine itself so the two cannot differ. */
export const IS_SPACE = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) IS_SPACE[c] = 1;

/**
 * The non-empty pieces of `s` between runs of whitespace: `s.split(/\s+/)`
 * without its empty first and last pieces, in one scan instead of a regular
 * expression per call (tables split every cell this way).
 */
export function spaceSeparated(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (IS_SPACE[s.charCodeAt(i)] === 1) {
      if (start >= 0) out.push(s.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}
