/**
 * The values of a table's cells by place, for the arithmetic and narrative
 * rules: built once per table into flat arrays indexed by the schema's order
 * of rows and columns, so reading a cell is an array read. Only cells that
 * carry a value (reported or imputed) have one; a later cell at the same
 * place wins.
 */
import { APPLICANTS, APPLICATION_ROWS, PROCEEDINGS, RESULTS, VALUE_STATUSES } from '../../schema/codes.ts';
import type { ApplicationKey, Identity, ReviewKey } from '../../schema/identities.ts';
import type { ApplicationCell, CellValue, ReviewCell } from '../../schema/types.ts';

function valueOf(cell: CellValue): number | null {
  return VALUE_STATUSES.includes(cell.status) && cell.value !== null ? cell.value : null;
}

/** A table's shape: where a (row, column) pair of codes sits in the flat arrays. */
class Shape {
  private readonly rows: Map<string, number>;
  private readonly columns: Map<string, number>;
  readonly size: number;
  /** The row and column codes of each place. */
  readonly rowAt: readonly string[];
  readonly columnAt: readonly string[];
  constructor(rowCodes: readonly string[], columnCodes: readonly string[]) {
    this.rows = new Map(rowCodes.map((c, i) => [c, i]));
    this.columns = new Map(columnCodes.map((c, i) => [c, i]));
    this.size = rowCodes.length * columnCodes.length;
    this.rowAt = rowCodes.flatMap((r) => columnCodes.map(() => r));
    this.columnAt = rowCodes.flatMap(() => columnCodes);
  }
  /** The place of a pair, or -1 for a code the schema does not have. */
  placeOf(row: string, column: string): number {
    const r = this.rows.get(row);
    const c = this.columns.get(column);
    return r === undefined || c === undefined ? -1 : r * this.columns.size + c;
  }
}

/** Cell values by place. */
export class Values<K> {
  private readonly shape: Shape;
  private readonly keyOf: (k: K) => [string, string];
  /** By place: the value, or null (a plain array: cheaper to make per table than typed ones). */
  private readonly value: (number | null)[];
  /** Where the next cell is likely to go: tables list their cells row by row in schema order. */
  private next = 0;
  /** Cells whose codes the schema does not have, by row and column (so a lookup by them still finds them). */
  private other: Map<string, Map<string, number | null>> | null = null;
  constructor(shape: Shape, keyOf: (k: K) => [string, string]) {
    this.shape = shape;
    this.keyOf = keyOf;
    this.value = new Array<number | null>(shape.size).fill(null);
  }
  set(row: string, column: string, v: number | null): void {
    const shape = this.shape;
    let at = this.next;
    // The likely place, checked; else the place looked up.
    if (at >= shape.size || shape.rowAt[at] !== row || shape.columnAt[at] !== column) at = shape.placeOf(row, column);
    if (at >= 0) {
      this.next = at + 1;
      this.value[at] = v;
    } else {
      this.other ??= new Map();
      let columns = this.other.get(row);
      if (!columns) this.other.set(row, (columns = new Map()));
      columns.set(column, v);
    }
  }
  /** The value at a place (from placeOf), or null. */
  at(place: number): number | null {
    return this.value[place] as number | null;
  }
  /** The value of the cell with key k, or null. */
  readonly lookup = (k: K): number | null => {
    const [row, column] = this.keyOf(k);
    const at = this.shape.placeOf(row, column);
    return at >= 0 ? this.at(at) : (this.other?.get(row)?.get(column) ?? null);
  };
  /**
   * identityHolds(id, lookup) (schema/identities.ts) for an identity compiled
   * to places, summed in the same order: undefined when a value it needs is
   * unknown.
   */
  holds(id: CompiledIdentity): boolean | undefined {
    let l = 0;
    let r = 0;
    for (let i = 0; i < id.left.length; i++) {
      const v = this.value[id.left[i]!] as number | null;
      if (v === null) return undefined;
      l += v;
    }
    for (let i = 0; i < id.right.length; i++) {
      const v = this.value[id.right[i]!] as number | null;
      if (v === null) return undefined;
      r += v;
    }
    return Math.abs(l - r) < 1e-9;
  }
}

/** An identity with its terms as places, summed in the same order. */
export interface CompiledIdentity {
  left: Int32Array;
  right: Int32Array;
}

function compile<K>(shape: Shape, keyOf: (k: K) => [string, string], id: Identity<K>): CompiledIdentity {
  const places = (keys: readonly K[]) =>
    Int32Array.from(keys, (k) => {
      const at = shape.placeOf(...keyOf(k));
      if (at < 0) throw new Error(`identity term outside the schema: ${keyOf(k).join('|')}`);
      return at;
    });
  return { left: places(id.left), right: places(id.right) };
}

const APPLICATION_SHAPE = new Shape(APPLICATION_ROWS.map((r) => r.code), APPLICANTS.map((a) => a.code));
const REVIEW_SHAPE = new Shape(PROCEEDINGS.map((p) => p.code), RESULTS.map((r) => r.code));
const applicationKey = (k: ApplicationKey): [string, string] => [k.row, k.applicant];
const reviewKey = (k: ReviewKey): [string, string] => [k.proceeding, k.result];

export function applicationValues(cells: readonly ApplicationCell[]): Values<ApplicationKey> {
  const v = new Values(APPLICATION_SHAPE, applicationKey);
  for (const c of cells) v.set(c.row, c.applicant, valueOf(c));
  return v;
}

export function reviewValues(cells: readonly ReviewCell[]): Values<ReviewKey> {
  const v = new Values(REVIEW_SHAPE, reviewKey);
  for (const c of cells) v.set(c.proceeding, c.result, valueOf(c));
  return v;
}

export const compileApplicationIdentity = (id: Identity<ApplicationKey>): CompiledIdentity => compile(APPLICATION_SHAPE, applicationKey, id);
export const compileReviewIdentity = (id: Identity<ReviewKey>): CompiledIdentity => compile(REVIEW_SHAPE, reviewKey, id);
