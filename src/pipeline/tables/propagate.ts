/**
 * The table's identities on a grid of rows by index: solving cells left out
 * (propagateRows), and trying every combination of candidate rows against
 * them (combineInPlace).
 */
import type { GridIdentity } from './resolve.ts';
import { emptyList, mapList } from '../packed.ts';

/** undefined: a cell left out, solvable; null: no number (blank, not applicable, unreadable). */
export type Cell = number | null | undefined;

/** An identity's cells as row indexes (−1: a row the grid lacks) and columns; the first `left` count +, the rest −. */
export interface CompiledIdentity {
  rows: Int32Array;
  cols: Int32Array;
  left: number;
}

export function compileIdentities(identities: GridIdentity[], rowIndex: Map<string, number>): CompiledIdentity[] {
  return identities.map((id) => {
    const cells = [...id.left, ...id.right];
    return {
      rows: Int32Array.from(cells, ([row]) => rowIndex.get(row) ?? -1),
      cols: Int32Array.from(cells, ([, col]) => col),
      left: id.left.length,
    };
  });
}

/** Per identity of the propagateRows call running, 1 once its outcome cannot change (reused). */
let settled = new Uint8Array(64);

/**
 * Solve identities with one unknown cell, then check those fully known; false on a contradiction.
 * On a grid of rows by index, with the identities compiled to those indexes; `log`
 * records each cell filled (see combineInPlace).
 */
export function propagateRows(grid: Cell[][], identities: CompiledIdentity[], log?: WriteLog): boolean {
  // An identity with a cell that has no number, or whose cells all hold numbers that add up, stays
  // so (only unknown cells are filled): it is passed over in later sweeps, its outcome the same.
  if (settled.length < identities.length) settled = new Uint8Array(identities.length * 2);
  settled.fill(0, 0, identities.length);
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < identities.length; i++) {
      if (settled[i] === 1) continue;
      const id = identities[i]!;
      let sum = 0;
      let unknownRow: Cell[] | null = null;
      let unknownCol = 0;
      let unknownSign = 0;
      let unknowns = 0;
      let usable = true;
      for (let k = 0; k < id.rows.length; k++) {
        const r = id.rows[k]!;
        const row = r >= 0 ? grid[r] : undefined;
        const v = row?.[id.cols[k]!];
        if (v === null || row === undefined) {
          usable = false;
          break;
        }
        if (v === undefined) {
          unknowns += 1;
          if (unknowns > 1) break;
          unknownRow = row;
          unknownCol = id.cols[k]!;
          unknownSign = k < id.left ? 1 : -1;
        } else if (k < id.left) sum += v;
        else sum -= v;
      }
      if (!usable) settled[i] = 1;
      if (!usable || unknowns > 1) continue;
      if (unknowns === 0) {
        if (Math.abs(sum) > 1e-9) return false;
        settled[i] = 1;
        continue;
      }
      const value = -sum / unknownSign;
      if (value < 0 || Math.abs(value - Math.round(value)) > 1e-9) return false;
      unknownRow![unknownCol] = Math.round(value);
      if (log) {
        log.rows.push(unknownRow!);
        log.cols.push(unknownCol);
      }
      changed = true;
    }
  }
  return true;
}

/** Cells propagateRows filled, in order: row arrays and columns. */
interface WriteLog {
  rows: Cell[][];
  cols: number[];
}

/**
 * What combineByCopies (resolve.ts) gives, when every row is longer than the identities'
 * last column (propagation then only fills cells that were unknown, never lengthens a row):
 * one working grid, each combination's filled cells set back to unknown after it. A partial
 * combination that already breaks an identity whose cells are all known numbers is dropped
 * at once: propagation never changes a known cell, so every combination under it fails.
 */
export function combineInPlace(base: Cell[][], keyIndex: number[], options: Cell[][][], compiled: CompiledIdentity[]): Cell[][][] {
  const found: Cell[][][] = mapList(keyIndex, () => emptyList<Cell[]>());
  // Rows that may have unknown cells are copied once; the chosen readings are put in place as they are
  // (their filled cells are set back too).
  const grid = mapList(base, (r) => (r.includes(undefined) ? r.slice() : r));
  const log: WriteLog = { rows: [], cols: [] };
  // checks[i]: the identities all of whose rows are known once row keyIndex[i] is chosen.
  const position = new Int32Array(base.length).fill(-1);
  keyIndex.forEach((r, j) => (position[r] = j));
  const checks: CompiledIdentity[][] = mapList(keyIndex, () => emptyList<CompiledIdentity>());
  // An identity with no cell in a chosen row and no unknown cell is the same in every combination:
  // it never fills a cell, and no fill reaches it. It is checked once here (when it breaks, every
  // combination fails), and propagation at each combination runs over the others only, in order.
  const moving = emptyList<CompiledIdentity>();
  for (const id of compiled) {
    let last = 0;
    let fixed = true;
    for (let k = 0; k < id.rows.length; k++) {
      const r = id.rows[k]!;
      if (r < 0) continue;
      if (position[r]! >= 0 || base[r]![id.cols[k]!] === undefined) fixed = false;
      last = Math.max(last, position[r]!);
    }
    if (!fixed) {
      moving.push(id);
      checks[last]!.push(id);
    } else if (breaksKnown(base, [id])) return found;
  }
  const walk = (i: number): void => {
    if (i === keyIndex.length) {
      const holds = propagateRows(grid, moving, log);
      if (holds) for (let j = 0; j < keyIndex.length; j++) found[j]!.push(grid[keyIndex[j]!]!.slice());
      for (let w = log.rows.length - 1; w >= 0; w--) log.rows[w]![log.cols[w]!] = undefined;
      log.rows.length = 0;
      log.cols.length = 0;
      return;
    }
    for (const v of options[i]!) {
      grid[keyIndex[i]!] = v;
      if (!breaksKnown(grid, checks[i]!)) walk(i + 1);
    }
  };
  walk(0);
  return found;
}

/** Whether an identity whose cells all hold numbers does not sum to zero (summed as propagateRows sums). */
function breaksKnown(grid: Cell[][], identities: CompiledIdentity[]): boolean {
  for (const id of identities) {
    let sum = 0;
    let known = true;
    for (let k = 0; k < id.rows.length; k++) {
      const r = id.rows[k]!;
      const v = r >= 0 ? grid[r]![id.cols[k]!] : null;
      if (v === null || v === undefined) {
        known = false;
        break;
      }
      if (k < id.left) sum += v;
      else sum -= v;
    }
    if (known && Math.abs(sum) > 1e-9) return true;
  }
  return false;
}

/**
 * Every combination of one reading per row keyIndex[j] (options[j]), each on its own copy of
 * the grid, propagated; per j, the rows of the combinations that hold (in walk order).
 * The general walk; combineInPlace gives the same without the copies.
 */
export function combineByCopies(base: Cell[][], writable: boolean[], keyIndex: number[], options: Cell[][][], compiled: CompiledIdentity[]): Cell[][][] {
  const found: Cell[][][] = mapList(keyIndex, () => emptyList<Cell[]>());
  const chosen: Cell[][] = [];
  const walk = (i: number): void => {
    if (i === keyIndex.length) {
      const g: Cell[][] = [];
      for (let r = 0; r < base.length; r++) g.push(writable[r] ? base[r]!.slice() : base[r]!);
      for (let j = 0; j < keyIndex.length; j++) g[keyIndex[j]!] = chosen[j]!.slice();
      if (!propagateRows(g, compiled)) return;
      for (let j = 0; j < keyIndex.length; j++) found[j]!.push(g[keyIndex[j]!]!);
      return;
    }
    for (const v of options[i]!) {
      chosen.push(v);
      walk(i + 1);
      chosen.pop();
    }
  };
  walk(0);
  return found;
}
