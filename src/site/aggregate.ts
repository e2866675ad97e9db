/** The shape of an aggregated table: a DatasetDef (so the CSV writer and the page share its columns) plus rows. */
import { REPORTS, type ColumnDef, type DatasetDef } from '../schema/datasets.ts';

export type AggValue = string | number | null;
export type AggRow = Record<string, AggValue>;

export interface AggColumn extends ColumnDef {
  /** Shown as a percentage; the CSV keeps the fraction. */
  percent?: boolean;
}

export interface AggTable extends DatasetDef {
  slug: string;
  /** What the table shows and how it is computed, in Chinese. */
  description: string;
  notes: string[];
  columns: AggColumn[];
  rows: AggRow[];
  /** Column → row → link target, e.g. an agency page. */
  links?: Record<string, (row: AggRow) => string | null>;
}

/** A column of reports.csv (year, province, admin_level, template …) with its titles from datasets.ts. */
export function reportColumn(name: string): AggColumn {
  const c = REPORTS.columns.find((x) => x.name === name);
  if (!c) throw new Error(`reports.csv has no column ${name}`);
  return { ...c };
}

export const col = (name: string, type: ColumnDef['type'], zh: string, en: string, percent = false): AggColumn => ({ name, type, zh, en, percent });

/** Adds up the known values; null when none is known (never a made-up 0). */
export function sumKnown(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

/**
 * sumKnown as a running total, for adding up several columns in one pass over
 * the reports: the same additions in the same order, so the same result.
 */
export class KnownSum {
  private sum = 0;
  /** Values added. */
  n = 0;
  add(v: number | null | undefined): void {
    if (v === null || v === undefined) return;
    this.sum += v;
    this.n++;
  }
  get value(): number | null {
    return this.n === 0 ? null : this.sum;
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Rounds a ratio for output so the CSV is byte-identical across platforms. */
export function ratio(n: number | null, d: number | null): number | null {
  if (n === null || d === null || d === 0) return null;
  return Math.round((n / d) * 10000) / 10000;
}

/** Groups items by a composite key, keys sorted (numbers numerically, unknown last). */
export function groupBy<T>(items: readonly T[], key: (t: T) => AggValue[]): { key: AggValue[]; items: T[] }[] {
  // One Map per key part (a Map tells 2020 from "2020" and null from "null"; undefined counts as null), groups in the order first met.
  type Level = Map<AggValue, Level | { key: AggValue[]; items: T[] }>;
  const root: Level = new Map();
  const groups: { key: AggValue[]; items: T[] }[] = [];
  for (const item of items) {
    const k = key(item);
    let level = root;
    for (let i = 0; i < k.length - 1; i++) {
      let next = level.get(k[i] ?? null) as Level | undefined;
      if (!next) level.set(k[i] ?? null, (next = new Map()));
      level = next;
    }
    const last = k[k.length - 1] ?? null;
    let g = level.get(last) as { key: AggValue[]; items: T[] } | undefined;
    if (!g) {
      g = { key: k, items: [] };
      level.set(last, g);
      groups.push(g);
    }
    g.items.push(item);
  }
  return groups.sort((a, b) => compareKeys(a.key, b.key));
}

export function compareValues(a: AggValue, b: AggValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

function compareKeys(a: AggValue[], b: AggValue[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareValues(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}
