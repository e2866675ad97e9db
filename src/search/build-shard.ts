/**
 * One shard of the search index: read its reports, make their records, have
 * Pagefind write the bundle (in this thread's own Pagefind process), and
 * check what it wrote. Throws, naming the shard, when anything is wrong.
 * build-search.ts runs it in the main thread or in shard-worker.ts.
 */
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { ReportRecord } from '../schema/types.ts';
import { checkFragments, readReports, writtenPageCount } from './index-files.ts';
import { filterValues, type ShardEntry } from './manifest.ts';
import { buildSearchRecords, SEARCH_LANGUAGE, type SearchRecord } from './records.ts';
import { SHARD_FILTER, type ShardInput } from './shards.ts';

/** What one shard is built from. */
export interface ShardJob {
  /** The reports folder (`<data>/reports`). */
  data: string;
  /** The index folder; the shard is written to `<out>/<name>`. */
  out: string;
  name: string;
  digest: string;
  group: ShardInput[];
}

/** What Pagefind writes that the page never loads: its UI bundles and worker. */
const UNUSED = /^pagefind-(?:component-ui|modular-ui|ui|highlight|worker)\.(?:js|css)$/u;
/** What only the primary shard keeps: the page loads one pagefind.js and one WebAssembly file and merges the other shards into them. */
export const ONLY_PRIMARY = /^(?:pagefind\.js|wasm\..+\.pagefind)$/u;

/** Writes one shard's bundle into dir (replacing it) in a fresh Pagefind process. */
async function writeShard(dir: string, records: readonly SearchRecord[]): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
  if (!index || errors.length > 0) throw new Error(`createIndex: ${errors.join('; ')}`);
  for (const record of records) {
    const added = await index.addCustomRecord(record);
    if (added.errors.length > 0) throw new Error(`${record.url}: ${added.errors.join('; ')}`);
    if (added.file.uniqueWords === 0) throw new Error(`${record.url}: Pagefind found no words in ${record.content.length} characters`);
  }
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: staging });
  if (written.errors.length > 0) throw new Error(`writeFiles: ${written.errors.join('; ')}`);
  await pagefind.close();
  for (const name of readdirSync(staging)) if (UNUSED.test(name)) rmSync(join(staging, name));
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}

/**
 * Builds one shard and returns its manifest entry. The bundle keeps
 * pagefind.js and the WebAssembly: which shard is primary is known only once
 * every shard's record count is (build-search.ts then trims the others).
 */
export async function buildShard(job: ShardJob): Promise<ShardEntry> {
  const { name, group } = job;
  const reports = readReports(job.data, group.map((r) => r.report_id));
  // Each record carries its shard as a filter: the page searches shards merged later on their own (bundle.ts).
  const records = buildSearchRecords(reports).records.map((r) => ({ ...r, filters: { ...r.filters, [SHARD_FILTER]: [name] } }));
  const dir = join(job.out, name);
  const entry: ShardEntry = { name, digest: job.digest, primary: false, records: records.length, filters: filterValues(records), reports: group.map((r) => [r.report_id, r.sha256, r.agency_id]) };
  if (records.length === 0) return entry;
  await writeShard(dir, records);
  const pages = writtenPageCount(dir);
  if (pages < records.length) throw new Error(`${dir} holds ${pages} pages, ${records.length} records were added`);
  const problems = checkFragments(dir, records, new Map<string, ReportRecord>(reports.map((r) => [r.report_id, r])));
  if (problems.length > 0) throw new Error(`${dir}: ${problems.length} fragments wrong, e.g. ${problems.slice(0, 3).join('; ')}`);
  return entry;
}

/** Removes what only the primary shard keeps from a shard folder. */
export function trimToSecondary(dir: string): void {
  for (const name of readdirSync(dir)) if (ONLY_PRIMARY.test(name)) rmSync(join(dir, name));
}
