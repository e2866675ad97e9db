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

/** Digit runs longer than this are kept whole: no table splits a 64-digit run into cells. */
const MAX_SPLIT_RUN = 64;

/** The digit runs of a text (after NFKC: full-width digits count), with inner thousands commas or a decimal point. */
function digitRuns(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0]);
}

/**
 * The numbers one digit run can stand for: the run itself, each part of 1,234 or 12.5, and every
 * contiguous digit substring (a report that glues cells prints 007 for the three cells 0, 0, 7, and
 * the tables stage may split it).
 */
function runNumbers(run: string): number[] {
  const out = [Number(run.replace(/,/g, ''))];
  const digits = run.replace(/[.,]/g, '');
  if (/[.,]/.test(run)) for (const part of run.split(/[.,]/)) out.push(Number(part));
  if (digits.length <= MAX_SPLIT_RUN) {
    for (let i = 0; i < digits.length; i++) for (let j = i + 1; j <= Math.min(digits.length, i + 16); j++) out.push(Number(digits.slice(i, j)));
  }
  return out;
}

/** Every number the text prints or could print under a split of glued digits. */
export function printedNumbers(text: string): Set<number> {
  return new Set(digitRuns(text).flatMap(runNumbers));
}

/** Numbers of the digit runs printed more often in `after` than in `before`: what a mutation newly printed. */
export function newNumbers(before: string, after: string): Set<number> {
  const count = new Map<string, number>();
  for (const r of digitRuns(before)) count.set(r, (count.get(r) ?? 0) + 1);
  const out = new Set<number>();
  for (const r of digitRuns(after)) {
    const left = count.get(r) ?? 0;
    if (left > 0) count.set(r, left - 1);
    else for (const n of runNumbers(r)) out.add(n);
  }
  return out;
}

/** Whether `value` (or its magnitude) is one of `printed`, read as is or as 万 / 亿 of a printed amount. */
export function isPrinted(value: number, printed: Set<number>): boolean {
  // A sign is printed apart from the digits (-15, 减少15): compare magnitudes.
  const v = Math.abs(value);
  if (printed.has(v)) return true;
  // An amount in 万元 or 亿元 normalised to yuan (12.5万元 → 125000).
  return [1e4, 1e8].some((unit) => Number.isInteger(Math.round((v / unit) * 1e6)) && printed.has(Math.round((v / unit) * 1e6) / 1e6));
}
