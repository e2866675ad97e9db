/**
 * One row's value tokens → the cells of the template row. When the report
 * printed fewer values than the row has cells, every way of reading them is
 * listed (digits glued across cells split at each possible place; or one to
 * three cells left out), so the table's arithmetic can choose. Enumeration is
 * bounded: a row with more readings than MAX_READINGS is not guessed at.
 */
import type { Token } from './tokens.ts';
import { isDigitCode } from './scan.ts';
import { BLANK_PIECE, MAX_DIGITS, pieceOf, type Piece } from './values.ts';

/** A piece with the index of the printed token it came from. */
export interface SourcedPiece extends Piece {
  source: number;
}
/** null: a cell the report left out (its value is unknown). */
export type Slot = SourcedPiece | null;

export interface ColumnRules {
  /** The column may print a sign (本年增/减). */
  signed: (col: number) => boolean;
  /** The column may print decimals or a money unit (amounts). */
  decimal: (col: number) => boolean;
  /**
   * Identities among the row's own cells (its total columns). With them, splits
   * of glued digits that break one are dropped while they are listed, so a long
   * run is not given up on for its number of splits alone.
   */
  identities?: readonly RowIdentity[];
}

/** sum(left) = sum(right), over the row's column indexes. */
export interface RowIdentity {
  left: readonly number[];
  right: readonly number[];
}

export type RowReading =
  | { kind: 'cells'; cells: Piece[] }
  | { kind: 'readings'; readings: Slot[][]; tokens: string[]; shifted?: boolean; pruned?: boolean }
  | { kind: 'overflow'; raw: string };

export const MAX_READINGS = 20_000;
/** Partial splits visited at most when the row's identities prune them. */
const MAX_VISITS = 400_000;
const MAX_LEFT_OUT = 3;

export type ValueToken = Exclude<Token, { kind: 'text' }>;

function tokenPiece(t: ValueToken): Piece {
  if (t.kind === 'blank') return BLANK_PIECE;
  if (t.kind === 'na') return { raw: t.raw, kind: 'na', value: null, unit: null };
  return pieceOf(t.raw);
}

/** Whether a piece may stand in this column: a sign only where signed, decimals or a unit only in amounts. */
function fits(piece: Piece, col: number, rules: ColumnRules): boolean {
  if (piece.kind !== 'num') return true;
  const raw = piece.raw;
  if ((raw[0] === '-' || raw[0] === '+') && !rules.signed(col)) return false;
  if ((raw.includes('.') || raw.endsWith('元')) && !rules.decimal(col)) return false;
  return true;
}

/** A token taken whole must be one valid number (no leading zeros: "007" is three cells, not 7). */
function wholeFits(piece: Piece, col: number, rules: ColumnRules): boolean {
  if (piece.kind !== 'num') return true;
  // the digits of a number token, without sign, unit and thousands commas
  const body = piece.raw.replace(/^[+-]|万?元$|,/g, '');
  return validPiece(body) && fits(piece, col, rules);
}

/**
 * Where a table's rows put the empty positions they have beyond the template's
 * cells: 'lead' (colspan fillers after the label, values right-aligned) or
 * 'trail' (rows shorter than the table, padded at the end), learnt from the
 * rows that print every cell and have surplus empty positions on one side
 * only. null when no row tells, or rows disagree.
 */
export type SurplusSide = 'lead' | 'trail' | null;

export function surplusSide(rows: { values: readonly ValueToken[]; n: number }[]): SurplusSide {
  let lead = 0;
  let trail = 0;
  for (const { values, n } of rows) {
    if (values.length <= n || values.filter((t) => t.kind !== 'blank').length !== n) continue;
    const { before, after } = edgeBlanks(values);
    if (before + after !== values.length - n) continue;
    if (after === 0) lead += 1;
    else if (before === 0) trail += 1;
  }
  if (lead > 0 && trail === 0) return 'lead';
  if (trail > 0 && lead === 0) return 'trail';
  return null;
}

function edgeBlanks(values: readonly ValueToken[]): { before: number; after: number } {
  let before = 0;
  while (before < values.length && values[before]!.kind === 'blank') before += 1;
  let after = 0;
  while (after < values.length - before && values[values.length - 1 - after]!.kind === 'blank') after += 1;
  return { before, after };
}

export function readRow(tokens: ValueToken[], n: number, rules: ColumnRules, side: SurplusSide = null): RowReading {
  // The usual row: one printed value per cell, no empty positions.
  if (tokens.length === n && n > 0 && tokens.every((t) => t.kind !== 'blank')) return { kind: 'cells', cells: tokens.map(tokenPiece) };
  let values = tokens.slice();
  const filled = values.filter((t) => t.kind !== 'blank').length;
  // A whole row of empty positions before the first value: the row itself printed nothing, and
  // the values after it belong to a row whose label is lost — never this row's.
  if (filled > 0 && edgeBlanks(values).before >= n) return { kind: 'overflow', raw: values.filter((t) => t.kind !== 'blank').map((t) => t.raw).join(' ') };
  if (filled === n) return { kind: 'cells', cells: values.filter((t) => t.kind !== 'blank').map(tokenPiece) };
  if (filled === 0) return { kind: 'cells', cells: Array.from({ length: n }, () => BLANK_PIECE) };
  // Empty cells printed as such, with surplus empty positions at the row's ends: which
  // end they are dropped from is the table's (see surplusSide); when it does not say,
  // every way is a reading, and a cell is kept only where all of them agree.
  const { before, after } = edgeBlanks(values);
  const surplus = values.length - n;
  if (surplus > 0 && surplus <= before + after) {
    const from = Math.max(0, surplus - after);
    const to = Math.min(before, surplus);
    const leading = side === 'lead' ? [to] : side === 'trail' ? [from] : range(from, to);
    if (leading.length === 1) return laidOutRow(values.slice(leading[0]!, leading[0]! + n), n, rules);
    const raws = values.map((t) => (t.kind === 'blank' ? '' : t.raw));
    const readings = leading.map((k) => values.slice(k, k + n).map((t, col): SourcedPiece => ({ ...tokenPiece(t), source: k + col })));
    return { kind: 'readings', readings, tokens: raws, shifted: true };
  }
  while (values.length > n && values[0]!.kind === 'blank') values.shift();
  while (values.length > n && values[values.length - 1]!.kind === 'blank') values.pop();
  if (values.length === n) return laidOutRow(values, n, rules);
  values = values.filter((t) => t.kind !== 'blank');
  const raws = values.map((t) => (t.kind === 'blank' ? '' : t.raw));
  if (filled > n) return { kind: 'overflow', raw: raws.join(' ') };
  const readings: Slot[][] = [];
  const glue = glueReadings(values, n, rules, readings);
  if (glue.complete) zeroLedReadings(values, n, rules, readings);
  if (glue.complete && n - values.length <= MAX_LEFT_OUT) leftOutReadings(values, n, rules, readings);
  return { kind: 'readings', readings: glue.complete ? readings : [], tokens: raws, ...(glue.pruned ? { pruned: true } : {}) };
}

/**
 * A row printed with one position per template cell. When its only value is
 * in the first position and every later one is empty, the later ones are
 * printed empty cells (a separator is printed for each; the html stage does
 * not pad short rows), so the value is one cell. Only a number that cannot
 * stand alone (a leading zero: "0000000") is digits glued across the cells,
 * and its splits are the readings.
 */
function laidOutRow(values: ValueToken[], n: number, rules: ColumnRules): RowReading {
  const asPrinted = values.map(tokenPiece);
  let last = values.length - 1;
  while (last >= 0 && values[last]!.kind === 'blank') last -= 1;
  const filled = values.filter((t) => t.kind !== 'blank');
  // Only one printed run, then nothing: several printed values are cells as laid out.
  if (last !== 0 || filled.length !== 1) return { kind: 'cells', cells: asPrinted };
  if (asPrinted.every((p, col) => wholeFits(p, col, rules))) return { kind: 'cells', cells: asPrinted };
  const readings: Slot[][] = [];
  const glue = glueReadings(filled, n, rules, readings);
  const tokens = filled.map((t) => t.raw);
  // Too many splits to weigh: no reading can be chosen.
  if (!glue.complete) return { kind: 'readings', readings: [], tokens };
  return { kind: 'readings', readings, tokens, ...(glue.pruned ? { pruned: true } : {}) };
}

// A whole number token of two or more digits with a leading zero ("00", "012").
const ZERO_LED = /^0\d+$/;

// One cell's digits: 0, or no leading zero; a decimal point only between digits.
function validPiece(p: string): boolean {
  // /^(?:0|[1-9]\d*)(?:\.\d+)?$/ spelled out: it runs on every split tried.
  const n = p.length;
  if (n === 0) return false;
  let i = 0;
  const c = p.charCodeAt(0);
  if (c === 48) i = 1;
  else if (c >= 49 && c <= 57) {
    i = 1;
    while (i < n && isDigitCode(p.charCodeAt(i))) i++;
  } else return false;
  if (i === n) return true;
  if (p.charCodeAt(i) !== 46 || i + 1 === n) return false;
  for (i++; i < n; i++) if (!isDigitCode(p.charCodeAt(i))) return false;
  return true;
}

/** False when a row identity completed by the cells from `from` on does not hold (cells without a number aside). */
function holdsSoFar(acc: Slot[], from: number, identities: readonly RowIdentity[]): boolean {
  for (const id of identities) {
    const last = lastColumn(id);
    if (last < from || last >= acc.length) continue;
    let sum = 0;
    let usable = true;
    for (const c of id.left) {
      const slot = acc[c];
      if (!slot || slot.kind !== 'num' || slot.value === null) usable = false;
      else sum += slot.value;
    }
    for (const c of id.right) {
      const slot = acc[c];
      if (!slot || slot.kind !== 'num' || slot.value === null) usable = false;
      else sum -= slot.value;
    }
    if (usable && Math.abs(sum) > 1e-9) return false;
  }
  return true;
}

/** The last column an identity names (worked out once per identity). */
const LAST_COLUMN = new WeakMap<RowIdentity, number>();
function lastColumn(id: RowIdentity): number {
  let last = LAST_COLUMN.get(id);
  if (last === undefined) {
    last = Math.max(...id.left, ...id.right);
    LAST_COLUMN.set(id, last);
  }
  return last;
}

/** Digits in a text (what `s.replace(/\D/g, '').length` counts). */
function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** A number token's parts for splitting: sign, digits (decimal point kept, thousands commas dropped), money unit. */
interface GluedNumber {
  sign: string;
  body: string;
  unit: string;
  /** A whole token of digits with a leading zero ("00"), when such a token may also be one cell. */
  zeroLed: boolean;
}

// sign, digits (with a decimal point or thousands commas), money unit
const GLUED_NUMBER = /^([+-]?)([\d.,]+)(万元|元)?$/;

/**
 * Every split of the glued tokens into exactly n cells, one cell at a time
 * (sign on a token's first piece, money unit on its last, no leading zeros
 * within a split; with `zeroWhole`, a whole token printed with a leading
 * zero, "00", is also read as one cell).
 * When there are too many to list and the rules give row identities, a partial
 * split that breaks one is dropped at once (then `pruned`). Not `complete`
 * when there are still too many to weigh.
 */
function glueReadings(
  values: ValueToken[],
  n: number,
  rules: ColumnRules,
  out: Slot[][],
  zeroWhole = false,
): { complete: boolean; pruned: boolean } {
  // Upper bound on the splits before enumerating any: n − tokens more cuts among the digits' inner gaps.
  const gaps = values.reduce((g, t) => g + (t.kind === 'num' ? Math.max(digitCount(t.raw) - 1, 0) : 0), 0);
  // The row's identities prune only a run with too many splits to list them all; a shorter one lists every split.
  const identities = binomialAtMost(gaps, n - values.length, MAX_READINGS) > MAX_READINGS ? (rules.identities ?? []) : [];
  if (identities.length === 0 && binomialAtMost(gaps, n - values.length, MAX_READINGS) > MAX_READINGS) return { complete: false, pruned: false };
  // Each token read once: its parts when it is a number to split, else the one piece it is.
  const glued: (GluedNumber | null)[] = [];
  const whole: (SourcedPiece | null)[] = [];
  for (let ti = 0; ti < values.length; ti++) {
    const t = values[ti]!;
    const m = t.kind === 'num' ? GLUED_NUMBER.exec(t.raw) : null;
    if (m) {
      const body = m[2]!.replace(/,/g, '');
      glued.push({ sign: m[1]!, body, unit: m[3] ?? '', zeroLed: zeroWhole && ZERO_LED.test(body) });
      whole.push(null);
    } else {
      glued.push(null);
      whole.push({ ...tokenPiece(t), source: ti });
    }
  }
  // The piece cut from token ti's digits [from, end), or null when no cell may be printed so; each made once.
  const cutPieces = values.map(() => new Map<number, SourcedPiece | null>());
  const pieceAt = (ti: number, g: GluedNumber, from: number, end: number): SourcedPiece | null => {
    const key = from * (MAX_DIGITS + 2) + (end - from);
    let piece = cutPieces[ti]!.get(key);
    if (piece === undefined) {
      const last = end === g.body.length;
      const part = g.body.slice(from, end);
      piece = !validPiece(part) && !(g.zeroLed && from === 0 && last) ? null : { ...pieceOf(`${from === 0 ? g.sign : ''}${part}${last ? g.unit : ''}`), source: ti };
      cutPieces[ti]!.set(key, piece);
    }
    return piece;
  };
  let visits = 0;
  let pruned = false;
  // The split being built, one cell per entry; a complete one is copied out.
  const acc: Slot[] = [];
  /** Adds one cell, then goes on with `ti` (cells cut from token ti's digits from `from`, `left` allowed, or the next token when from < 0); false when the enumeration must stop. */
  const place = (piece: SourcedPiece, ti: number, from: number, left: number): boolean => {
    visits += 1;
    if (visits > MAX_VISITS) return false;
    const col = acc.length;
    if (!fits(piece, col, rules)) return true;
    acc.push(piece);
    if (identities.length > 0 && !holdsSoFar(acc, col, identities)) {
      pruned = true;
      acc.pop();
      return true;
    }
    const going = from < 0 ? walk(ti + 1) : cut(ti, from, left);
    acc.pop();
    return going;
  };
  const walk = (ti: number): boolean => {
    if (ti === values.length) {
      if (acc.length === n) out.push(acc.slice());
      return out.length <= MAX_READINGS;
    }
    const cellsLeft = n - acc.length - (values.length - ti - 1);
    if (cellsLeft < 1) return true;
    const g = glued[ti];
    if (!g) return place(whole[ti]!, ti, -1, 0);
    return cut(ti, 0, cellsLeft);
  };
  /** Cells cut from token ti, from position `from` of its digits, with `left` cells still allowed. */
  const cut = (ti: number, from: number, left: number): boolean => {
    const g = glued[ti]!;
    const body = g.body;
    // No cell has more than MAX_DIGITS digits (and a decimal point): this bounds the loop on a huge digit run.
    const maxEnd = Math.min(body.length, from + MAX_DIGITS + 1);
    for (let end = from + 1; end <= maxEnd; end++) {
      const last = end === body.length;
      if (!last && left === 1) continue;
      const piece = pieceAt(ti, g, from, end);
      if (piece === null) continue;
      if (!place(piece, ti, last ? -1 : end, left - 1)) return false;
    }
    return true;
  };
  const complete = walk(0);
  return { complete, pruned };
}

function valueKey(reading: Slot[]): string {
  return reading.map((s) => (s === null ? '?' : s.kind === 'num' ? String(s.value) : '-')).join(',');
}

/**
 * A token printed with a leading zero ("00") is evidence of gluing, but not of
 * how much: it may be several cells, or one cell's digits printed twice. The
 * readings that take it as one cell are added when the row's identities do
 * not already single out one reading among the usual splits (none survives, or
 * one of these survives with other values): the arithmetic then chooses, or,
 * with none or several left, the cells are unreadable. When they add nothing
 * the row's own total accepts, they are left out, so they cannot unsettle a
 * row the usual splits decide.
 */
function zeroLedReadings(values: ValueToken[], n: number, rules: ColumnRules, out: Slot[][]): void {
  const identities = rules.identities ?? [];
  if (identities.length === 0 || !values.some((t) => t.kind === 'num' && ZERO_LED.test(t.raw))) return;
  const all: Slot[][] = [];
  if (!glueReadings(values, n, rules, all, true).complete) return;
  const extra = all.filter((r) => r.some((s) => s !== null && ZERO_LED.test(s.raw)));
  if (extra.length === 0) return;
  const holds = (r: Slot[]): boolean => holdsSoFar(r, 0, identities);
  const accepted = new Set(out.filter(holds).map(valueKey));
  const adds = extra.filter(holds).some((r) => !accepted.has(valueKey(r)));
  if (accepted.size === 0 || adds) out.push(...extra);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** C(n, k), or a number above cap as soon as it exceeds cap. */
function binomialAtMost(n: number, k: number, cap: number): number {
  if (k < 0 || k > n) return 0;
  // C(n, k) = C(n, m) with m the smaller of k and n − k: the product of (n − m + i) / i for i = 1…m.
  const m = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= m; i++) {
    c = (c * (n - m + i)) / i;
    if (c > cap) return cap + 1;
  }
  return Math.round(c);
}

/** The printed tokens in order with n − tokens cells left out, at every possible place. */
function leftOutReadings(values: ValueToken[], n: number, rules: ColumnRules, out: Slot[][]): void {
  const missing = n - values.length;
  if (missing <= 0) return;
  const walk = (ti: number, col: number, gaps: number, acc: Slot[]): void => {
    if (col === n) {
      if (ti === values.length) out.push(acc);
      return;
    }
    if (gaps > 0) walk(ti, col + 1, gaps - 1, [...acc, null]);
    if (ti < values.length) {
      const piece: SourcedPiece = { ...tokenPiece(values[ti]!), source: ti };
      if (wholeFits(piece, col, rules)) walk(ti + 1, col + 1, gaps, [...acc, piece]);
    }
  };
  walk(0, 0, missing, []);
}
