/**
 * One row's value tokens → the cells of the template row. When the report
 * printed fewer values than the row has cells, every way of reading them is
 * listed (digits glued across cells split at each possible place; or one to
 * three cells left out), so the table's arithmetic can choose. Enumeration is
 * bounded: a row with more readings than MAX_READINGS is not guessed at.
 */
import type { Token } from './tokens.ts';
import { BLANK_PIECE, pieceOf, type Piece } from './values.ts';

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
}

export type RowReading =
  | { kind: 'cells'; cells: Piece[] }
  | { kind: 'readings'; readings: Slot[][]; tokens: string[] }
  | { kind: 'overflow'; raw: string };

export const MAX_READINGS = 20_000;
const MAX_LEFT_OUT = 3;

type ValueToken = Exclude<Token, { kind: 'text' }>;

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

export function readRow(tokens: ValueToken[], n: number, rules: ColumnRules): RowReading {
  let values = tokens.slice();
  const filled = values.filter((t) => t.kind !== 'blank').length;
  if (filled === n) return { kind: 'cells', cells: values.filter((t) => t.kind !== 'blank').map(tokenPiece) };
  if (filled === 0) return { kind: 'cells', cells: Array.from({ length: n }, () => BLANK_PIECE) };
  // Empty cells printed as such: drop surplus blanks (colspan fillers first, then row-end fillers).
  while (values.length > n && values[0]!.kind === 'blank') values.shift();
  while (values.length > n && values[values.length - 1]!.kind === 'blank') values.pop();
  if (values.length === n) return { kind: 'cells', cells: values.map(tokenPiece) };
  values = values.filter((t) => t.kind !== 'blank');
  const raws = values.map((t) => (t.kind === 'blank' ? '' : t.raw));
  if (filled > n) return { kind: 'overflow', raw: raws.join(' ') };
  const readings: Slot[][] = [];
  const complete = glueReadings(values, n, rules, readings);
  if (complete && n - values.length <= MAX_LEFT_OUT) leftOutReadings(values, n, rules, readings);
  return { kind: 'readings', readings: complete ? readings : [], tokens: raws };
}

/** Ways to cut one number token into k pieces (sign on the first, unit on the last, no leading zeros). */
function cuts(raw: string, k: number): string[][] {
  // sign, digits (with a decimal point or thousands commas), money unit
  const m = /^([+-]?)([\d.,]+)(万元|元)?$/.exec(raw);
  if (!m) return k === 1 ? [[raw]] : [];
  const sign = m[1]!;
  const body = m[2]!.replace(/,/g, '');
  const unit = m[3] ?? '';
  if (k > body.replace('.', '').length) return [];
  const out: string[][] = [];
  const walk = (from: number, left: number, acc: string[]): void => {
    if (out.length > MAX_READINGS) return;
    if (left === 1) {
      const last = body.slice(from);
      if (validPiece(last)) out.push([...acc, last]);
      return;
    }
    for (let end = from + 1; end <= body.length - (left - 1); end++) {
      const part = body.slice(from, end);
      if (!validPiece(part)) continue;
      walk(end, left - 1, [...acc, part]);
    }
  };
  walk(0, k, []);
  return out.map((parts) => parts.map((p, i) => `${i === 0 ? sign : ''}${p}${i === parts.length - 1 ? unit : ''}`));
}

// One cell's digits: 0, or no leading zero; a decimal point only between digits.
function validPiece(p: string): boolean {
  return /^(?:0|[1-9]\d*)(?:\.\d+)?$/.test(p);
}

/** Every split of the glued tokens into exactly n cells; false when there are too many to weigh. */
function glueReadings(values: ValueToken[], n: number, rules: ColumnRules, out: Slot[][]): boolean {
  const splits = values.map((t) => (t.kind === 'num' ? t.raw : null));
  // Upper bound on the splits before enumerating any: n − tokens more cuts among the digits' inner gaps.
  const gaps = splits.reduce((g, raw) => g + (raw === null ? 0 : Math.max(raw.replace(/\D/g, '').length - 1, 0)), 0);
  if (binomialAtMost(gaps, n - values.length, MAX_READINGS) > MAX_READINGS) return false;
  let count = 0;
  const walk = (ti: number, col: number, acc: Slot[]): boolean => {
    if (ti === values.length) {
      if (col === n) {
        out.push(acc);
        count += 1;
      }
      return count <= MAX_READINGS;
    }
    const t = values[ti]!;
    const leftTokens = values.length - ti - 1;
    const raw = splits[ti];
    if (raw === null) {
      const piece: SourcedPiece = { ...tokenPiece(t), source: ti };
      return walk(ti + 1, col + 1, [...acc, piece]);
    }
    const maxK = n - col - leftTokens;
    for (let k = 1; k <= maxK; k++) {
      for (const parts of cuts(raw, k)) {
        const pieces = parts.map((p): SourcedPiece => ({ ...pieceOf(p), source: ti }));
        if (!pieces.every((p, i) => fits(p, col + i, rules))) continue;
        if (!walk(ti + 1, col + k, [...acc, ...pieces])) return false;
      }
    }
    return true;
  };
  return walk(0, 0, []);
}

/** C(n, k), or a number above cap as soon as it exceeds cap. */
function binomialAtMost(n: number, k: number, cap: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) {
    c = (c * (n - k + i)) / i;
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
