/**
 * One row's value tokens → the cells of the template row. When the report
 * printed fewer values than the row has cells, every way of reading them is
 * listed (digits glued across cells split at each possible place; or one to
 * three cells left out), so the table's arithmetic can choose. Enumeration is
 * bounded: a row with more readings than MAX_READINGS (glue.ts) is not guessed at.
 */
import type { Token } from './tokens.ts';
import { fits, glueReadings, tokenPiece, validPiece, zeroLedReadings } from './glue.ts';
import { BLANK_PIECE, sourcedPiece, type Piece } from './values.ts';
import { emptyList, mapList } from '../packed.ts';
import { listOfLength } from './slots.ts';

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

const MAX_LEFT_OUT = 3;

/**
 * A row's readings, every such object made here with the same fields in the
 * same order (`shifted` and `pruned` undefined when not so), so code reading
 * them meets one object shape.
 */
function readingsRow(readings: Slot[][], tokens: string[], shifted: boolean, pruned: boolean): RowReading {
  return { kind: 'readings', readings: readings.length > 0 ? readings : noReadings(), tokens, shifted: shifted ? true : undefined, pruned: pruned ? true : undefined };
}

/** No readings, as the same kind of array as a list of them (an empty `[]` is another: see packed.ts). */
function noReadings(): Slot[][] {
  return emptyList<Slot[]>();
}

export type ValueToken = Exclude<Token, { kind: 'text' }>;

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
  // The rows' values one after another, each row a range of them.
  const tokens: ValueToken[] = [];
  const ranges = mapList(rows, (r) => {
    const from = tokens.length;
    tokens.push(...r.values);
    return { from, to: tokens.length, n: r.n };
  });
  return surplusSideOf(tokens, ranges, (r) => r.n);
}

/**
 * surplusSide of rows whose values are tokens[row.from, row.to), as wide as `widthOf` says
 * (a row it gives no width is passed over).
 */
export function surplusSideOf<R extends { from: number; to: number }>(tokens: readonly Token[], rows: readonly R[], widthOf: (row: R) => number | undefined): SurplusSide {
  let lead = 0;
  let trail = 0;
  for (const row of rows) {
    const n = widthOf(row);
    if (n === undefined) continue;
    const length = row.to - row.from;
    if (length <= n || printedCount(tokens, row.from, row.to) !== n) continue;
    const { before, after } = edgeBlanks(tokens, row.from, row.to);
    if (before + after !== length - n) continue;
    if (after === 0) lead += 1;
    else if (before === 0) trail += 1;
  }
  if (lead > 0 && trail === 0) return 'lead';
  if (trail > 0 && lead === 0) return 'trail';
  return null;
}

/** The tokens in [from, to) that are not blank (counted, no list made). */
function printedCount(tokens: readonly Token[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (tokens[k]!.kind !== 'blank') n++;
  return n;
}

/** Blank tokens at the start and at the end of tokens[from, to). */
function edgeBlanks(tokens: readonly Token[], from: number, to: number): { before: number; after: number } {
  const length = to - from;
  let before = 0;
  while (before < length && tokens[from + before]!.kind === 'blank') before += 1;
  let after = 0;
  while (after < length - before && tokens[to - 1 - after]!.kind === 'blank') after += 1;
  return { before, after };
}

/** The readings of a row's values, tokens[from, to) (by default all of them; none of them text). */
export function readRow(tokens: readonly Token[], n: number, rules: ColumnRules, side: SurplusSide = null, from = 0, to = tokens.length): RowReading {
  // The usual row: one printed value per cell, no empty positions.
  if (to - from === n && n > 0) {
    let k = 0;
    while (k < n && tokens[from + k]!.kind !== 'blank') k++;
    if (k === n) {
      // A packed array, as the other rows' cells are, made at its size.
      const cells = listOfLength<Piece>(n);
      for (k = 0; k < n; k++) cells[k] = tokenPiece(tokens[from + k] as ValueToken);
      return { kind: 'cells', cells };
    }
  }
  let values = tokens.slice(from, to) as ValueToken[];
  const filled = printedCount(values, 0, values.length);
  // A whole row of empty positions before the first value: the row itself printed nothing, and
  // the values after it belong to a row whose label is lost — never this row's.
  if (filled > 0 && edgeBlanks(values, 0, values.length).before >= n) return { kind: 'overflow', raw: values.filter((t) => t.kind !== 'blank').map((t) => t.raw).join(' ') };
  if (filled === n) return { kind: 'cells', cells: mapList(values.filter((t) => t.kind !== 'blank'), tokenPiece) };
  if (filled === 0) return { kind: 'cells', cells: Array.from({ length: n }, () => BLANK_PIECE) };
  // Empty cells printed as such, with surplus empty positions at the row's ends: which
  // end they are dropped from is the table's (see surplusSide); when it does not say,
  // every way is a reading, and a cell is kept only where all of them agree.
  const { before, after } = edgeBlanks(values, 0, values.length);
  const surplus = values.length - n;
  if (surplus > 0 && surplus <= before + after) {
    const from = Math.max(0, surplus - after);
    const to = Math.min(before, surplus);
    const leading = side === 'lead' ? [to] : side === 'trail' ? [from] : range(from, to);
    if (leading.length === 1) return laidOutRow(values.slice(leading[0]!, leading[0]! + n), n, rules);
    const raws = mapList(values, (t) => (t.kind === 'blank' ? '' : t.raw));
    const readings = mapList(leading, (k) => mapList(values.slice(k, k + n), (t, col): SourcedPiece => sourcedPiece(tokenPiece(t), k + col)));
    return readingsRow(readings, raws, true, false);
  }
  while (values.length > n && values[0]!.kind === 'blank') values.shift();
  while (values.length > n && values[values.length - 1]!.kind === 'blank') values.pop();
  if (values.length === n) return laidOutRow(values, n, rules);
  values = values.filter((t) => t.kind !== 'blank');
  const raws = mapList(values, (t) => (t.kind === 'blank' ? '' : t.raw));
  if (filled > n) return { kind: 'overflow', raw: raws.join(' ') };
  const readings: Slot[][] = [];
  const glue = glueReadings(values, n, rules, readings);
  if (glue.complete) zeroLedReadings(values, n, rules, readings);
  if (glue.complete && n - values.length <= MAX_LEFT_OUT) leftOutReadings(values, n, rules, readings);
  return readingsRow(glue.complete ? readings : [], raws, false, glue.pruned);
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
  const asPrinted = mapList(values, tokenPiece);
  let last = values.length - 1;
  while (last >= 0 && values[last]!.kind === 'blank') last -= 1;
  const filled = values.filter((t) => t.kind !== 'blank');
  // Only one printed run, then nothing: several printed values are cells as laid out.
  if (last !== 0 || filled.length !== 1) return { kind: 'cells', cells: asPrinted };
  if (asPrinted.every((p, col) => wholeFits(p, col, rules))) return { kind: 'cells', cells: asPrinted };
  const readings: Slot[][] = [];
  const glue = glueReadings(filled, n, rules, readings);
  const tokens = mapList(filled, (t) => t.raw);
  // Too many splits to weigh: no reading can be chosen.
  if (!glue.complete) return readingsRow([], tokens, false, false);
  return readingsRow(readings, tokens, false, glue.pruned);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
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
      const piece: SourcedPiece = sourcedPiece(tokenPiece(values[ti]!), ti);
      if (wholeFits(piece, col, rules)) walk(ti + 1, col + 1, gaps, [...acc, piece]);
    }
  };
  walk(0, 0, missing, []);
}
