/**
 * The search index is written as several Pagefind bundles (shards) that the
 * search page merges in the browser (mergeIndex): Pagefind's indexer holds a
 * whole bundle in memory, so a bundle per a few thousand reports bounds its
 * memory, and a changed report rebuilds only its shard. A report goes to the
 * shard of its agency by a stable hash, so all years of one agency share a
 * shard and adding reports elsewhere does not move it. Pure.
 */
import { createHash } from 'node:crypto';

/**
 * Reports per shard the count of shards is chosen for (at most this many on
 * average): 32 shards for 10,000 reports and 256 for 100,000, so that one
 * changed report rebuilds a thirty-second of the 10,000-report index. With 625
 * (16 shards at 10,000) Pagefind's rebuild of that shard took about 1 s more
 * CPU, on a rebuild where search and the site share the two cores. The page
 * searches shards one group at a time (bundle.ts), so more shards do not make
 * a common query download more.
 */
export const REPORTS_PER_SHARD = 400;

/** The Pagefind filter that names a record's shard. */
export const SHARD_FILTER = 'shard';

/** Smallest power of two of shards that keeps the average at or below `perShard` reports. */
export function shardCount(reports: number, perShard = REPORTS_PER_SHARD): number {
  if (!Number.isInteger(perShard) || perShard < 1) throw new Error(`reports per shard must be a positive integer, not ${perShard}`);
  let count = 1;
  while (count * perShard < reports) count *= 2;
  return count;
}

/** The shard (0 … count-1) of a key: the first 32 bits of its sha256, modulo count (a power of two). */
export function shardOf(key: string, count: number): number {
  const head = createHash('sha256').update(key).digest().readUInt32BE(0);
  return head % count;
}

/** Folder name of a shard under the output folder: `s00`, `s01`, … (width fixed by the count). */
export function shardName(index: number, count: number): string {
  return `s${String(index).padStart(Math.max(2, String(count - 1).length), '0')}`;
}

export interface ShardInput {
  report_id: string;
  agency_id: string | null;
  sha256: string;
}

/** Reports grouped by shard, each group in report_id order. */
export function assignShards(reports: readonly ShardInput[], count: number): ShardInput[][] {
  const groups: ShardInput[][] = Array.from({ length: count }, () => []);
  const sorted = [...reports].sort((a, b) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0));
  for (const r of sorted) groups[shardOf(r.agency_id ?? r.report_id, count)]!.push(r);
  return groups;
}

/** What a shard is built from: the code fingerprint and each report's id and content hash. */
export function shardDigest(fingerprint: string, reports: readonly ShardInput[]): string {
  const hash = createHash('sha256').update(`${fingerprint}\n`);
  for (const r of reports) hash.update(`${r.report_id} ${r.sha256}\n`);
  return hash.digest('hex');
}
