/**
 * Text helpers for the mutation harness: the units a mutation works on, the
 * blocks of the six parts, and the numbers a text prints. They locate places
 * to mutate; they never decide what the parser must read (that is the parser's job).
 */
import { SECTIONS } from '../schema/codes.ts';

export interface Span {
  start: number;
  end: number;
}

// A line with its own terminator (CRLF, CR or LF), or the last line without one.
const LINE = /[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g;
// In a file of a few very long lines: a piece ends after 。, after a run of
// blanks (ASCII, U+3000, tab) or after a `|` cell border.
const PIECE = /[^。\s\u3000|]*(?:[。|]|[\s\u3000]+)|[^。\s\u3000|]+$/g;

/** Lines of the text (with terminators); a text of few lines is cut into sentence/cell pieces. */
export function splitUnits(text: string): string[] {
  const lines = text.match(LINE) ?? [];
  if (lines.length >= 20) return lines;
  return lines.flatMap((l) => l.match(PIECE) ?? [l]).filter((u) => u.length > 0);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Start offsets of the part headings (一、总体情况 …), in text order; a part not found is left out. */
export function sectionHeadings(text: string): { number: number; start: number; end: number }[] {
  const found: { number: number; start: number; end: number }[] = [];
  for (const s of SECTIONS) {
    const fragments = s.match.slice(0, 2).map(escapeRe).join('|');
    // The numeral, a list mark (、 . ．) and the official title or its short form.
    const re = new RegExp(`${s.numeral}[、.．][\\s\\u3000]*(?:${fragments})`, 'u');
    const m = re.exec(text);
    if (m) found.push({ number: s.number, start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Blocks from each heading to the next one (the text before the first heading is not a block). */
export function sectionBlocks(text: string): { number: number; span: Span; bodyStart: number }[] {
  const heads = sectionHeadings(text);
  return heads.map((h, i) => ({ number: h.number, span: { start: h.start, end: heads[i + 1]?.start ?? text.length }, bodyStart: h.end }));
}

/** Bodies of the narrative parts (一, 五, 六) that are followed by another heading, so no table can sit in them. */
export function narrativeSpans(text: string): Span[] {
  const narrative = new Set<number>(SECTIONS.filter((s) => s.narrative).map((s) => s.number));
  const blocks = sectionBlocks(text);
  return blocks
    .filter((b, i) => narrative.has(b.number) && i < blocks.length - 1)
    .map((b) => ({ start: b.bodyStart, end: b.span.end }))
    .filter((s) => s.end - s.start > 4);
}

/** Every number the text prints (after NFKC: full-width digits count), with each part of a 1,234 or 12.5 run. */
export function printedNumbers(text: string): number[] {
  const out: number[] = [];
  // A run of digits with inner thousands commas or a decimal point.
  for (const m of text.normalize('NFKC').matchAll(/\d+(?:[.,]\d+)*/g)) {
    const run = m[0];
    out.push(Number(run.replace(/,/g, '')));
    if (/[.,]/.test(run)) for (const part of run.split(/[.,]/)) out.push(Number(part));
  }
  return out;
}

/** Numbers printed more often in `after` than in `before`: what a mutation newly printed. */
export function newNumbers(before: string, after: string): Set<number> {
  const count = new Map<number, number>();
  for (const n of printedNumbers(before)) count.set(n, (count.get(n) ?? 0) + 1);
  const out = new Set<number>();
  for (const n of printedNumbers(after)) {
    const left = count.get(n) ?? 0;
    if (left > 0) count.set(n, left - 1);
    else out.add(n);
  }
  return out;
}

/** Whether `value` (or its magnitude) is one of `printed`, read as is or as 万 / 亿 of a printed amount. */
export function isPrinted(value: number, printed: Iterable<number>): boolean {
  // A sign is printed apart from the digits (-15, 减少15): compare magnitudes.
  value = Math.abs(value);
  for (const p of printed) {
    if (Math.abs(p - value) < 1e-6 || Math.abs(p * 1e4 - value) < 1e-3 || Math.abs(p * 1e8 - value) < 1e-1) return true;
  }
  return false;
}
