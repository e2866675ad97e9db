/**
 * Choosing among the readings of rows printed with fewer values than cells,
 * by the table's own arithmetic. Identities are applied from the most local
 * outward: first those inside the row (its total column), then the column
 * identities (勾稽 balance, outcome sum) together with every other row. A
 * value is kept only when all surviving readings agree on it; counts are never
 * negative. Nothing here guesses: no surviving reading, or several that
 * disagree, leaves the cell unreadable.
 */
import type { CellStatus } from '../../schema/codes.ts';
import type { RowReading, Slot } from './split.ts';
import { combineByCopies, combineInPlace, compileIdentities, propagateRows, type Cell, type CompiledIdentity } from './propagate.ts';
import type { Piece } from './values.ts';
import { emptyList, mapList } from '../packed.ts';

export interface GridIdentity {
  left: [string, number][];
  right: [string, number][];
}

export interface ResolvedCell {
  status: CellStatus;
  value: number | null;
  raw: string | null;
  unit: string | null;
}

/**
 * Cells by row: rows printed cell for cell keep their pieces (`printed`, each
 * read as printedCell gives it: printedStatus, and a value and unit only for
 * numbers; no cell object is made for them); the others have resolved cells.
 */
export interface Resolved {
  cells: Map<string, ResolvedCell[]>;
  printed: Map<string, Piece[]>;
  notes: RowNote[];
}

export interface RowNote {
  row: string;
  imputed: number[];
  unreadable: number[];
  /** Printed text the row's values came from. */
  printed: string;
  readings: number;
  surviving: number;
  /** 'glued' digits, cells 'left_out', more values than cells, or empty positions at both ends ('shifted'). */
  cause: 'glued' | 'left_out' | 'overflow' | 'shifted';
  /** Identities that decided, e.g. row_total. */
  decidedBy: 'row' | 'columns' | null;
}

type Grid = Map<string, Cell[]>;

const MAX_COMBINATIONS = 20_000;

function pieceValue(p: Piece): number | null {
  return p.kind === 'num' ? p.value : null;
}

function slotValues(reading: Slot[]): Cell[] {
  const row = emptyList<Cell>();
  for (const s of reading) row.push(s === null ? undefined : pieceValue(s));
  return row;
}

function pieceValues(pieces: Piece[]): Cell[] {
  const row = emptyList<Cell>();
  for (const p of pieces) row.push(pieceValue(p));
  return row;
}

function nullRow(width: number): Cell[] {
  const row = emptyList<Cell>();
  for (let i = 0; i < width; i++) row.push(null);
  return row;
}

function signature(cells: Cell[]): string {
  return mapList(cells, (c) => (c === undefined ? '?' : c === null ? '-' : String(c))).join(',');
}

function distinct(vectors: Cell[][]): Cell[][] {
  const seen = new Map<string, Cell[]>();
  for (const v of vectors) {
    const key = signature(v);
    if (!seen.has(key)) seen.set(key, v);
  }
  return [...seen.values()];
}

/** Identities whose cells all lie in one row, per row (computed once per identity list). */
const LOCAL = new WeakMap<GridIdentity[], Map<string, GridIdentity[]>>();
function localIdentities(identities: GridIdentity[], row: string): GridIdentity[] {
  let byRow = LOCAL.get(identities);
  if (!byRow) {
    byRow = new Map();
    for (const id of identities) {
      const rows = new Set([...id.left, ...id.right].map(([r]) => r));
      if (rows.size !== 1) continue;
      const [r] = rows;
      byRow.set(r!, [...(byRow.get(r!) ?? []), id]);
    }
    LOCAL.set(identities, byRow);
  }
  return byRow.get(row) ?? [];
}

/** A value kept per key (a template, an identity list) and row, made on first use: the same for every report. */
export function perRow<K, V>(memo: { get(key: K): Map<string, V> | undefined; set(key: K, byRow: Map<string, V>): unknown }, key: K, row: string, make: () => V): V {
  let byRow = memo.get(key);
  if (!byRow) memo.set(key, (byRow = new Map()));
  let value = byRow.get(row);
  if (value === undefined) byRow.set(row, (value = make()));
  return value;
}

/** localIdentities compiled for a grid of the row alone (row 0), per identity list and row. */
const COMPILED_LOCAL = new WeakMap<GridIdentity[], Map<string, CompiledIdentity[]>>();
const compiledLocal = (identities: GridIdentity[], row: string): CompiledIdentity[] =>
  perRow(COMPILED_LOCAL, identities, row, () => compileIdentities(localIdentities(identities, row), new Map([[row, 0]])));

/** The rows some identity names, per identity list (read only). */
const LINKED = new WeakMap<GridIdentity[], ReadonlySet<string>>();
const NO_ROWS: ReadonlySet<string> = new Set();
function linkedRows(identities: GridIdentity[]): ReadonlySet<string> {
  let rows = LINKED.get(identities);
  if (!rows) LINKED.set(identities, (rows = new Set(identities.flatMap((id) => [...id.left, ...id.right].map(([r]) => r)))));
  return rows;
}

/** An identity list compiled to a grid's row indexes, and the last column it names: per list and row order (a table's rows come in one order). */
interface CompiledGrid {
  rowIndex: Map<string, number>;
  compiled: CompiledIdentity[];
  maxCol: number;
}
const COMPILED_GRID = new WeakMap<GridIdentity[], Map<string, CompiledGrid>>();
function compiledGrid(identities: GridIdentity[], rowKeys: string[]): CompiledGrid {
  return perRow(COMPILED_GRID, identities, rowKeys.join('\u0000'), () => {
    const rowIndex = new Map(rowKeys.map((k, i) => [k, i]));
    const compiled = compileIdentities(identities, rowIndex);
    return { rowIndex, compiled, maxCol: compiled.reduce((m, id) => Math.max(m, ...id.cols), -1) };
  });
}

/**
 * Whether resolveRows has nothing to solve in these rows: each printed cell for cell, or not
 * at all. Then every row is kept as printed (its reading's cells: printedPieces), with no note,
 * and a table reads its rows without the maps resolveRows makes.
 */
export function printedAsIs(readings: readonly (RowReading | null)[]): boolean {
  for (let k = 0; k < readings.length; k++) {
    const r = readings[k]!;
    if (r !== null && r.kind !== 'cells') return false;
  }
  return true;
}

/** A row's printed cells when printedAsIs holds (what resolveRows puts in `printed`); undefined for a row not printed. */
export function printedPieces(reading: RowReading | null): Piece[] | undefined {
  return reading !== null && reading.kind === 'cells' ? reading.cells : undefined;
}

/** resolveRows of rows listed by code: codes[k]'s reading is readings[k]. */
export function resolveListed(codes: readonly string[], readings: readonly (RowReading | null)[], width: (row: string) => number, identities: GridIdentity[]): Resolved {
  const rows = new Map<string, RowReading | null>();
  for (let k = 0; k < codes.length; k++) rows.set(codes[k]!, readings[k]!);
  return resolveRows(rows, width, identities);
}

export function resolveRows(
  rows: Map<string, RowReading | null>,
  width: (row: string) => number,
  identities: GridIdentity[],
): Resolved {
  // Without a row of several readings, nothing is solved: each row is as printed.
  let anyReadings = false;
  let anyOverflow = false;
  for (const reading of rows.values()) {
    if (reading?.kind === 'readings') anyReadings = true;
    else if (reading?.kind === 'overflow') anyOverflow = true;
  }
  // The usual table: every row printed cell for cell (or not at all), kept as printed (what finish gives).
  if (!anyReadings && !anyOverflow) {
    const printed = new Map<string, Piece[]>();
    for (const [key, reading] of rows) if (reading !== null) printed.set(key, (reading as Extract<RowReading, { kind: 'cells' }>).cells);
    return { cells: new Map(), printed, notes: [] };
  }
  const grid: Grid = new Map();
  const pending = new Map<string, Cell[][]>();
  const decided = new Map<string, 'row' | 'columns' | null>();
  if (!anyReadings) return finish(rows, grid, width, pending, new Map(), decided);
  for (const [key, reading] of rows) {
    if (reading?.kind === 'cells') grid.set(key, pieceValues(reading.cells));
    else grid.set(key, nullRow(width(key)));
  }
  // 1. Identities inside the row.
  for (const [key, reading] of rows) if (reading?.kind === 'readings') solveWithinRow(key, reading, identities, grid, pending, decided);
  // 2. Column identities, all undecided rows together.
  const linked = pending.size ? linkedRows(identities) : NO_ROWS;
  const finals = solveAcrossRows(identities, grid, pending, linked);
  for (const k of pending.keys()) decided.set(k, linked.has(k) ? 'columns' : null);
  return finish(rows, grid, width, pending, finals, decided);
}

type Readings = Extract<RowReading, { kind: 'readings' }>;

/**
 * A row of several readings, by its own identities: the one reading every reading that
 * holds gives is put in the grid (decided by the row), else those that hold are pending.
 */
function solveWithinRow(key: string, reading: Readings, identities: GridIdentity[], grid: Grid, pending: Map<string, Cell[][]>, decided: Map<string, 'row' | 'columns' | null>): void {
  // One reading: the text alone decides; the validate stage reports any arithmetic it breaks.
  // (Unless the row's identities already chose it among the splits: then it is imputed.)
  if (reading.readings.length === 1 && !reading.readings[0]!.includes(null) && !reading.pruned) {
    grid.set(key, slotValues(reading.readings[0]!));
    return;
  }
  // The row alone, as row 0: its own identities name no other row.
  const local = compiledLocal(identities, key);
  const kept: Cell[][] = [];
  for (const r of reading.readings) {
    const g = [slotValues(r)];
    if (propagateRows(g, local)) kept.push(g[0]!);
  }
  const unique = distinct(kept);
  if (unique.length === 1 && unique[0]!.every((c) => c !== undefined)) {
    grid.set(key, unique[0]!);
    decided.set(key, 'row');
  } else if (unique.length > 0) pending.set(key, unique);
}

/**
 * The pending rows' readings that survive the column identities, tried together (one
 * reading per linked row, every combination, when there are not too many); rows no
 * identity links keep all theirs. By row; a linked row missing had too many combinations.
 */
function solveAcrossRows(identities: GridIdentity[], grid: Grid, pending: Map<string, Cell[][]>, linked: ReadonlySet<string>): Map<string, Cell[][]> {
  const finals = new Map<string, Cell[][]>();
  for (const [k, v] of pending) if (!linked.has(k)) finals.set(k, v);
  const keys = [...pending.keys()].filter((k) => linked.has(k));
  const total = keys.reduce((n, k) => n * pending.get(k)!.length, 1);
  if (keys.length === 0 || total > MAX_COMBINATIONS) return finals;
  // One reading per linked row, chosen in turn: rows by index, identities compiled to row indexes (propagateRows).
  const rowKeys = [...grid.keys()];
  const { rowIndex, compiled, maxCol } = compiledGrid(identities, rowKeys);
  const base = mapList(rowKeys, (k) => grid.get(k)!);
  // Only a row with a cell propagate may fill (unknown, or past its end) is copied per combination.
  const writable = mapList(base, (r) => r.length <= maxCol || r.includes(undefined));
  const keyIndex = mapList(keys, (k) => rowIndex.get(k)!);
  const options = mapList(keys, (k) => pending.get(k)!);
  // Every row long enough for the identities (propagation then only fills unknown cells): one grid, changes undone.
  const fast = base.every((r) => r.length > maxCol) && options.every((vs) => vs.every((v) => v.length > maxCol));
  const found = fast ? combineInPlace(base, keyIndex, options, compiled) : combineByCopies(base, writable, keyIndex, options, compiled);
  for (let j = 0; j < keys.length; j++) finals.set(keys[j]!, found[j]!);
  return finals;
}

function finish(
  rows: Map<string, RowReading | null>,
  grid: Grid,
  widthOf: (row: string) => number,
  pending: Map<string, Cell[][]>,
  finals: Map<string, Cell[][]>,
  decided: Map<string, 'row' | 'columns' | null>,
): Resolved {
  const cells = new Map<string, ResolvedCell[]>();
  const printed = new Map<string, Piece[]>();
  const notes: RowNote[] = [];
  for (const [key, reading] of rows) {
    if (reading === null) continue;
    if (reading.kind === 'cells') {
      printed.set(key, reading.cells);
      continue;
    }
    if (reading.kind === 'overflow') {
      const width = widthOf(key);
      cells.set(key, Array.from({ length: width }, () => resolvedCell('unreadable', null, reading.raw, null)));
      notes.push({ row: key, imputed: [], unreadable: range(width), printed: reading.raw, readings: 0, surviving: 0, cause: 'overflow', decidedBy: null });
      continue;
    }
    const { out, note } = resolvedRow(key, reading, grid.get(key)!, pending.has(key) ? (finals.get(key) ?? []) : null, decided.get(key) ?? null);
    cells.set(key, out);
    if (note.imputed.length > 0 || note.unreadable.length > 0) notes.push(note);
  }
  return { cells, printed, notes };
}

/**
 * The cells of a row of several readings, and its note: a cell all readings print alike is
 * as printed; else imputed where every surviving reading (`survivors`; null: the row was not
 * pending, its grid row is the one) gives one number, unreadable where not.
 */
function resolvedRow(key: string, reading: Readings, gridRow: Cell[], survivors: Cell[][] | null, decidedBy: 'row' | 'columns' | null): { out: ResolvedCell[]; note: RowNote } {
  const width = gridRow.length;
  const vectors = survivors ?? (gridRow.every((c) => c === null) ? [] : [gridRow]);
  const out: ResolvedCell[] = [];
  const note: RowNote = {
    row: key, imputed: [], unreadable: [], printed: reading.tokens.join(' '), readings: reading.readings.length,
    surviving: distinct(vectors).length,
    cause: reading.shifted ? 'shifted' : reading.readings.some((r) => r.includes(null)) && !reading.readings.some((r) => !r.includes(null)) ? 'left_out' : 'glued',
    decidedBy,
  };
  let sources: (string | null)[] | undefined;
  for (let col = 0; col < width; col++) {
    // Readings the row's identities already narrowed agree by arithmetic, not by the text alone.
    const printed = reading.pruned ? null : agreedPiece(reading.readings, col);
    if (printed) {
      out.push(printedCell(printed));
      continue;
    }
    const v0 = vectors.length > 0 ? vectors[0]![col] : undefined;
    let agreed = typeof v0 === 'number';
    for (let i = 1; agreed && i < vectors.length; i++) agreed = vectors[i]![col] === v0;
    // Imputed or unreadable, made by one call (V8 then compiles no separate path for the rarer).
    const imputed = agreed && typeof v0 === 'number';
    out.push(resolvedCell(imputed ? 'imputed' : 'unreadable', imputed ? v0 : null, (sources ??= sourcesOfColumns(reading, width))[col]!, null));
    (imputed ? note.imputed : note.unreadable).push(col);
  }
  return { out, note };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The piece every reading puts in this cell, when they all agree: then the text alone decides it. */
function agreedPiece(readings: Slot[][], col: number): Piece | null {
  if (readings.length === 0) return null;
  const first = readings[0]![col];
  if (!first) return null;
  for (const r of readings) {
    const s = r[col];
    if (!s || s.raw !== first.raw || s.source !== first.source) return null;
  }
  return first;
}

/**
 * Per column, the printed tokens its cell may have come from, for `raw`: the tokens some
 * reading puts there, in printed order (all the row's tokens when none does). One pass
 * over the readings for every column, each token marked once per column.
 */
function sourcesOfColumns(reading: Extract<RowReading, { kind: 'readings' }>, width: number): (string | null)[] {
  let size = reading.tokens.length;
  for (const r of reading.readings) {
    for (let col = 0; col < width; col++) {
      const s = r[col];
      if (s && s.source >= size) size = s.source + 1;
    }
  }
  const seen = new Uint8Array(width * size);
  for (const r of reading.readings) {
    for (let col = 0; col < width; col++) {
      const s = r[col];
      if (s) seen[col * size + s.source] = 1;
    }
  }
  const out: (string | null)[] = [];
  for (let col = 0; col < width; col++) {
    const picked: (string | undefined)[] = [];
    for (let i = 0; i < size; i++) if (seen[col * size + i] === 1) picked.push(reading.tokens[i]);
    out.push(picked.length === 0 ? reading.tokens.join(' ') || null : picked.join(' '));
  }
  return out;
}

/** The status printedCell gives a piece. */
export function printedStatus(p: Piece): CellStatus {
  return p.kind === 'blank' ? 'blank' : p.kind === 'na' ? 'not_applicable' : p.kind === 'unreadable' ? 'unreadable' : 'reported';
}

export function printedCell(p: Piece): ResolvedCell {
  if (p.kind === 'blank') return resolvedCell('blank', null, '', null);
  if (p.kind === 'na') return resolvedCell('not_applicable', null, p.raw, null);
  if (p.kind === 'unreadable') return resolvedCell('unreadable', null, p.raw, null);
  return resolvedCell('reported', p.value, p.raw, p.unit);
}

/** A resolved cell: every one is made here, so all have one shape (fields in one order). */
export function resolvedCell(status: CellStatus, value: number | null, raw: string | null, unit: string | null): ResolvedCell {
  return { status, value, raw, unit };
}

// Primed at load, as sourcedPiece is (values.ts).
resolvedCell('blank', null, null, null);
resolvedCell('blank', 0.5, '', '元');

/** What a cell the report lacks holds (read, or assigned over a table's cells; never changed). */
export const MISSING_CELL: Readonly<ResolvedCell> = resolvedCell('missing', null, null, null);
