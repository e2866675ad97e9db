/**
 * Accuracy of parsed records against the generator's ground truth, cell by
 * cell: a knowable cell is right when the parser gives its value; a cell that
 * is not knowable must get no value at all (a number there is invented).
 */
import { VALUE_STATUSES } from '../schema/codes.ts';
import type { ReportRecord } from '../schema/types.ts';
import type { Truth, TruthMetadata } from './truth.ts';

export interface Accuracy {
  reports: number;
  knowable: number;
  right: number;
  /** Values reported for cells that are not knowable (must be 0). */
  invented: number;
  /** Knowable cells per table, and how many were right. */
  byTable: Record<string, { knowable: number; right: number; invented: number }>;
  /** Metadata fields right, out of `reports`. */
  metadata: Record<string, number>;
  /** Reports by layout: knowable cells and right ones. */
  byLayout: Record<string, { knowable: number; right: number }>;
  /** A few wrong cells, for the log: file, key, expected, got. */
  examples: string[];
}

const META_FIELDS: (keyof TruthMetadata)[] = ['agency_name', 'year', 'template', 'published_date', 'province', 'city', 'county', 'admin_level', 'is_department'];

export function emptyAccuracy(): Accuracy {
  return { reports: 0, knowable: 0, right: 0, invented: 0, byTable: {}, metadata: Object.fromEntries(META_FIELDS.map((f) => [f, 0])), byLayout: {}, examples: [] };
}

function cellKeyOf(table: string, c: Record<string, unknown>): string {
  if (table === 'applications') return `${c.row}/${c.applicant}`;
  if (table === 'proactive_disclosure') return `${c.category}/${c.measure}`;
  return `${c.proceeding}/${c.result}`;
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}

/** Adds one report's comparison to `acc`. */
export function compareRecord(acc: Accuracy, truth: Truth, record: ReportRecord): void {
  acc.reports++;
  const layout = (acc.byLayout[truth.layout] ??= { knowable: 0, right: 0 });
  for (const [table, t] of Object.entries(truth.tables)) {
    const parsed = new Map<string, number | null>();
    for (const c of record.tables[table as keyof ReportRecord['tables']].cells as unknown as Record<string, unknown>[]) {
      parsed.set(cellKeyOf(table, c), VALUE_STATUSES.includes(c.status as never) && typeof c.value === 'number' ? c.value : null);
    }
    const byTable = (acc.byTable[table] ??= { knowable: 0, right: 0, invented: 0 });
    for (const cell of t.cells) {
      const got = parsed.get(cell.key) ?? null;
      if (cell.knowable && cell.value !== null) {
        acc.knowable++;
        byTable.knowable++;
        layout.knowable++;
        if (got !== null && same(got, cell.value)) {
          acc.right++;
          byTable.right++;
          layout.right++;
        } else if (acc.examples.length < 20) acc.examples.push(`${truth.file} ${table}/${cell.key}: expected ${cell.value}, got ${got ?? 'no value'}`);
      } else if (got !== null) {
        acc.invented++;
        byTable.invented++;
        if (acc.examples.length < 20) acc.examples.push(`${truth.file} ${table}/${cell.key}: not knowable (${cell.status}), got ${got}`);
      }
    }
  }
  for (const f of META_FIELDS) {
    if ((record.metadata as unknown as Record<string, unknown>)[f] === truth.metadata[f]) acc.metadata[f]!++;
  }
}

export function percent(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(2)}%`;
}
