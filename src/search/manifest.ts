/**
 * The two small files build-search.ts writes beside the shard bundles:
 *
 * - `search.json`, read by the search page: the shard folders to load (the
 *   first one's pagefind.js is the primary, the others are merged) and the
 *   values of each filter, so the page can fill its lists without loading
 *   Pagefind's filter index.
 * - `search-manifest.json`, read by the next build: what each shard was built
 *   from (a digest), so a build rebuilds only the shards whose reports or code
 *   changed, and each report's agency (no report JSON is read to place an
 *   unchanged report).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILTER_KEYS, type FilterKey } from './filters.ts';
import type { SearchRecord } from './records.ts';
import { byCodeUnits as byId } from '../compare.ts';

export const SITE_FILE = 'search.json';
export const MANIFEST_FILE = 'search-manifest.json';

export type FilterValues = Partial<Record<FilterKey, string[]>>;

export interface SiteSearchFile {
  shards: string[];
  filters: FilterValues;
}

export interface ShardEntry {
  name: string;
  digest: string;
  /** True for the first shard with records: the one whose pagefind.js and WebAssembly the page loads. */
  primary: boolean;
  records: number;
  filters: FilterValues;
  /** `[report_id, sha256, agency_id]` of each report of the shard, in report_id order. */
  reports: [string, string, string | null][];
}

export interface Manifest {
  fingerprint: string;
  shardCount: number;
  shards: ShardEntry[];
}

/** Each filter's values among the records, sorted. */
export function filterValues(records: readonly SearchRecord[]): FilterValues {
  const out: FilterValues = {};
  for (const key of FILTER_KEYS) {
    const values = new Set(records.flatMap((r) => r.filters[key] ?? []));
    if (values.size > 0) out[key] = [...values].sort(byId);
  }
  return out;
}

/** Filter values of several shards together, sorted. */
export function mergeFilterValues(all: readonly FilterValues[]): FilterValues {
  const out: FilterValues = {};
  for (const key of FILTER_KEYS) {
    const values = new Set(all.flatMap((f) => f[key] ?? []));
    if (values.size > 0) out[key] = [...values].sort(byId);
  }
  return out;
}

/** The manifest of the last build in `out`, or null when there is none or it is not one. */
export function readManifest(out: string): Manifest | null {
  const path = join(out, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
    if (typeof parsed.fingerprint !== 'string' || typeof parsed.shardCount !== 'number' || !Array.isArray(parsed.shards)) return null;
    return parsed as Manifest;
  } catch {
    // A manifest that does not parse is as good as none: the build starts clean.
    return null;
  }
}

/** `<report_id> <sha256>` → agency_id of every report the manifest lists. */
export function knownAgencies(manifest: Manifest | null): Map<string, string | null> {
  return new Map((manifest?.shards ?? []).flatMap((s) => s.reports.map(([id, sha, agency]) => [`${id} ${sha}`, agency] as const)));
}

/** JSON with sorted object keys and a final line end: the same manifest gives the same bytes. */
export function stableJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => byId(a, b)).map(([k, x]) => [k, sortKeys(x)])) : v;
  return `${JSON.stringify(sortKeys(value))}\n`;
}
