/**
 * Mutation operators: each turns one corpus report into a damaged variant and
 * says what it did, so the invariants know what the parser may legitimately
 * read from it (see README.md). Pure functions of (text, bytes, rng).
 */
import iconv from 'iconv-lite';
import { HOSTILE_STRINGS, noiseText } from './hostile.ts';
import type { Rng } from './prng.ts';
import { narrativeSpans, sectionBlocks, type Span } from './text.ts';

export interface Mutation {
  bytes: Uint8Array;
  /** Every edit lies inside the body of a narrative part: the tables must read exactly as in the original. */
  narrativeOnly: boolean;
  /** Text the mutation moved or cut, as it stands in the mutant: a number printed there may land in another cell. */
  touched: string;
}

export interface OperatorInput {
  text: string;
  bytes: Uint8Array;
  units: string[];
  rng: Rng;
  /** Longest huge line drawn (characters); the npm test sample keeps it small to stay fast. */
  hugeLineMax: number;
}

export type Operator = (input: OperatorInput) => Mutation | null;

const utf8 = new TextEncoder();
const lossy = new TextDecoder('utf-8');

function fromText(text: string, narrativeOnly: boolean, touched: string): Mutation {
  return { bytes: utf8.encode(text), narrativeOnly, touched };
}

/** The text around a byte offset of a byte-level mutant: where cut digits may now be read. */
function windowAt(bytes: Uint8Array, offset: number, radius = 48): string {
  return lossy.decode(bytes.subarray(Math.max(0, offset - radius), Math.min(bytes.length, offset + radius)));
}

function joinUnits(units: string[]): string {
  return units.join('');
}

/** The text of some units (out-of-range indexes give nothing), one per line. */
function unitTouch(units: string[], ...indexes: number[]): string {
  return indexes.map((i) => units[i] ?? '').join('\n');
}

// ---------- byte level ----------

const truncate: Operator = ({ bytes, rng }) => {
  if (bytes.length < 2) return null;
  const at = rng.int(bytes.length);
  const cut = bytes.slice(0, at);
  return { bytes: cut, narrativeOnly: false, touched: windowAt(cut, cut.length) };
};

const randomBytes: Operator = ({ bytes, rng }) => {
  const at = rng.int(bytes.length + 1);
  const noise = Uint8Array.from({ length: rng.range(1, 16) }, () => rng.int(256));
  const overwrite = rng.next() < 0.5;
  const out = new Uint8Array(bytes.length + (overwrite ? 0 : noise.length));
  out.set(bytes.subarray(0, at));
  out.set(noise.subarray(0, overwrite ? Math.min(noise.length, bytes.length - at) : noise.length), at);
  out.set(bytes.subarray(overwrite ? Math.min(bytes.length, at + noise.length) : at), at + (overwrite ? Math.min(noise.length, bytes.length - at) : noise.length));
  return { bytes: out, narrativeOnly: false, touched: windowAt(out, at) };
};

/** A fragment re-encoded as GBK inside a UTF-8 file (a copy-paste from another page). */
const mixedEncoding: Operator = ({ text, rng }) => {
  const spans = narrativeSpans(text);
  const inNarrative = spans.length > 0 && rng.next() < 0.5;
  const span: Span = inNarrative ? rng.pick(spans) : { start: 0, end: text.length };
  if (span.end - span.start < 8) return null;
  const len = rng.range(4, Math.min(80, span.end - span.start - 2));
  const start = span.start + rng.int(span.end - span.start - len - 1);
  const fragment = text.slice(start, start + len);
  const parts = [utf8.encode(text.slice(0, start)), new Uint8Array(iconv.encode(fragment, 'gbk')), utf8.encode(text.slice(start + len))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  // Never narrative-only: a decoder may rightly refuse a file of mixed encodings as a whole (then nothing is read, which the
  // value invariants allow and the harness counts as a failed record).
  return { bytes: out, narrativeOnly: false, touched: fragment };
};

// ---------- line / piece level ----------

const deleteUnits: Operator = ({ units, rng }) => {
  if (units.length < 3) return null;
  const at = rng.int(units.length);
  const n = Math.min(rng.range(1, 3), units.length - at);
  const out = [...units.slice(0, at), ...units.slice(at + n)];
  return fromText(joinUnits(out), false, unitTouch(out, at - 1, at, at + 1));
};

const duplicateUnit: Operator = ({ units, rng }) => {
  if (units.length === 0) return null;
  const at = rng.int(units.length);
  const out = [...units.slice(0, at + 1), units[at]!, ...units.slice(at + 1)];
  return fromText(joinUnits(out), false, unitTouch(out, at, at + 1, at + 2));
};

const swapUnits: Operator = ({ units, rng }) => {
  if (units.length < 2) return null;
  const a = rng.int(units.length - 1);
  const b = Math.min(units.length - 1, a + rng.range(1, 8));
  const out = [...units];
  [out[a], out[b]] = [out[b]!, out[a]!];
  // In a one-cell-per-line table every unit between the two changes its place relative to them.
  return fromText(joinUnits(out), false, out.slice(a, b + 1).join(''));
};

// A cell border: a pipe, a tab, or a run of blanks (ASCII or U+3000).
const CELL_BORDER = /(\||\t|[ \u3000]+)/;

/** One cell of a row drops out and an empty cell closes the row: every later cell moves one column left. */
const shiftCells: Operator = ({ units, rng }) => {
  const rows = units.map((u, i) => ({ u, i })).filter(({ u }) => u.split(CELL_BORDER).length >= 5 && /\d/.test(u));
  if (rows.length === 0) return null;
  const { u, i } = rng.pick(rows);
  const parts = u.split(CELL_BORDER);
  // parts alternate cell, border, cell, …: drop one cell with the border after it, then add one empty cell at the end.
  const cellIndexes = parts.map((_, k) => k).filter((k) => k % 2 === 0 && k + 1 < parts.length);
  const k = rng.pick(cellIndexes);
  const border = parts[k + 1]!;
  const kept = [...parts.slice(0, k), ...parts.slice(k + 2)];
  const eol = /[\r\n]+$/.exec(u)?.[0] ?? '';
  const body = kept.join('').slice(0, kept.join('').length - eol.length);
  const shifted = body + border + eol;
  const out = [...units];
  out[i] = shifted;
  return fromText(joinUnits(out), false, shifted);
};

/** A line of tens of thousands to millions of characters: noise, empty cells, or digits. */
const hugeLine: Operator = ({ text, units, rng, hugeLineMax }) => {
  const size = Math.min(hugeLineMax, rng.pick([20_000, 200_000, 1_000_000]));
  const kind = rng.int(3);
  const line = kind === 0 ? noiseText(size, rng.int) : kind === 1 ? '| '.repeat(size / 2) : '1234567890'.repeat(size / 10);
  const spans = narrativeSpans(text);
  if (kind === 0 && spans.length > 0 && rng.next() < 0.5) {
    const span = rng.pick(spans);
    const at = span.start + 1 + rng.int(span.end - span.start - 3);
    if (!/[\r\n\d]/.test(text.slice(at - 1, at + 1))) return fromText(text.slice(0, at) + line + text.slice(at), true, '');
  }
  const at = rng.int(units.length + 1);
  return fromText(joinUnits([...units.slice(0, at), `\n${line}\n`, ...units.slice(at)]), false, line.slice(0, 64));
};

// ---------- part / table level ----------

/** A table part (二, 三 or 四) printed twice: right after itself or at the end. */
const repeatTable: Operator = ({ text, rng }) => {
  const blocks = sectionBlocks(text).filter((b) => b.number >= 2 && b.number <= 4);
  if (blocks.length === 0) return null;
  const { span } = rng.pick(blocks);
  const block = text.slice(span.start, span.end);
  const sep = block.endsWith('\n') ? '' : '\n';
  const out = rng.next() < 0.5 ? text.slice(0, span.end) + sep + block + text.slice(span.end) : text + '\n' + block;
  return fromText(out, false, '');
};

/** One part moved before or after another (sections out of order). */
const reorderSections: Operator = ({ text, rng }) => {
  const blocks = sectionBlocks(text);
  if (blocks.length < 2) return null;
  const pieces = blocks.map((b) => text.slice(b.span.start, b.span.end)).map((p) => (/[\r\n]$/.test(p) ? p : p + '\n'));
  const from = rng.int(pieces.length);
  let to = rng.int(pieces.length - 1);
  if (to >= from) to++;
  const [moved] = pieces.splice(from, 1);
  pieces.splice(to, 0, moved!);
  return fromText(text.slice(0, blocks[0]!.span.start) + pieces.join(''), false, '');
};

// ---------- narrative only ----------

function narrativePoint(text: string, rng: Rng): number | null {
  const spans = narrativeSpans(text);
  if (spans.length === 0) return null;
  const span = rng.pick(spans);
  const at = span.start + 1 + rng.int(span.end - span.start - 3);
  // Not next to a digit (would glue a number) nor to a line end (would move a heading).
  return /[\r\n\d０-９]/.test(text.slice(at - 1, at + 1)) ? null : at;
}

/** Hostile markup, template syntax, emoji or noise written into a narrative part. */
const narrativeInsert: Operator = ({ text, rng }) => {
  const at = narrativePoint(text, rng);
  if (at === null) return null;
  const insert = rng.next() < 0.6 ? rng.pick(HOSTILE_STRINGS).replace(/\n/g, ' ') : noiseText(rng.range(1, 400), rng.int);
  return fromText(text.slice(0, at) + insert + text.slice(at), true, '');
};

/** A few characters of a narrative part lost (no digit, no line end). */
const narrativeDelete: Operator = ({ text, rng }) => {
  const at = narrativePoint(text, rng);
  if (at === null) return null;
  const len = rng.range(1, 40);
  const cut = text.slice(at, at + len);
  if (/[\r\n\d０-９]/.test(cut) || /[\r\n\d０-９]/.test(text.slice(at + len, at + len + 1))) return null;
  return fromText(text.slice(0, at) + text.slice(at + len), true, '');
};

export const OPERATORS = {
  truncate,
  randomBytes,
  mixedEncoding,
  deleteUnits,
  duplicateUnit,
  swapUnits,
  shiftCells,
  hugeLine,
  repeatTable,
  reorderSections,
  narrativeInsert,
  narrativeDelete,
} as const satisfies Record<string, Operator>;

export type OperatorName = keyof typeof OPERATORS;
export const OPERATOR_NAMES = Object.keys(OPERATORS) as OperatorName[];

