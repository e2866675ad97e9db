/**
 * One shard of the search index: read its reports, make their records, have
 * Pagefind write the bundle (in this thread's own Pagefind process), and
 * check what it wrote. Throws, naming the shard, when anything is wrong.
 * build-search.ts runs it in the main thread or in shard-worker.ts.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { checkFragment, checkFragments, fileStamp, readReports, recordsByReport, writtenPageCount, type EarlierChecks, type FragmentCheck } from './index-files.ts';
import { readRecordCache, writeRecordCache, type CachedRecord } from './record-cache.ts';
import { checksPathFor, readPassedChecks, writePassedChecks, type PassedCheck } from './fragment-checks.ts';
import { bundleVersion, pruneToMetadata, seedFromPrevious } from './shard-files.ts';
import { filterValues, type ShardEntry } from './manifest.ts';
import { timer } from '../pipeline/timings.ts';
import { buildPartedRecords, SEARCH_LANGUAGE, type PartedRecord, type SearchRecord } from './records.ts';
import { byCodeUnits } from '../compare.ts';
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
  /** The code fingerprint (build-search.ts), which the digest is made with. */
  fingerprint: string;
  /** The shard's record cache file (record-cache.ts), read and then written; absent: every report is read. */
  recordCache?: string;
}

/** What Pagefind writes that the page never loads: its UI bundles and worker. */
const UNUSED = /^pagefind-(?:component-ui|modular-ui|ui|highlight|worker)\.(?:js|css)$/u;
/** What only the primary shard keeps: the page loads one pagefind.js and one WebAssembly file and merges the other shards into them. */
export const ONLY_PRIMARY = /^(?:pagefind\.js|wasm\..+\.pagefind)$/u;
/** Reports read and made into records at a time, while Pagefind indexes the batch before. */
const BATCH = 32;

/** A fresh Pagefind process (this thread's) with an empty index. */
async function openIndex(): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
  if (!index || errors.length > 0) throw new Error(`createIndex: ${errors.join('; ')}`);
  return index;
}

/**
 * Sends records to Pagefind without waiting for each answer: its service
 * handles messages one at a time in the order they reach its stdin (Node
 * writes them in call order), so the index is the one of sending them one
 * after another, without a round trip per record. Resolves once Pagefind has
 * indexed them all.
 */
async function addRecords(index: pagefind.PagefindIndex, records: readonly SearchRecord[]): Promise<void> {
  const answers = await Promise.all(records.map((record) => index.addCustomRecord(record)));
  for (const [i, added] of answers.entries()) {
    const record = records[i]!;
    if (added.errors.length > 0) throw new Error(`${record.url}: ${added.errors.join('; ')}`);
    if (added.file.uniqueWords === 0) throw new Error(`${record.url}: Pagefind found no words in ${record.content.length} characters`);
  }
}

/**
 * Writes the index's bundle into dir, replacing it, through a staging folder;
 * with `reuse`, one seeded with the previous bundle's fragments, which
 * Pagefind then does not write again (shard-files.ts). Returns how many were
 * reused: none when the previous bundle is another Pagefind version's (its
 * files may be compressed otherwise under the same names).
 */
async function writeShard(index: pagefind.PagefindIndex, dir: string, reuse: boolean, meanwhile: (reusing: boolean) => void = () => {}): Promise<number> {
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  const previous = reuse ? bundleVersion(dir) : null;
  const reused = previous === null ? 0 : seedFromPrevious(dir, staging);
  const writing = handled(index.writeFiles({ outputPath: staging }));
  // Lets the request reach Pagefind, then works while it writes.
  await new Promise((resolve) => setImmediate(resolve));
  meanwhile(reused > 0);
  const written = await writing;
  if (written.errors.length > 0) throw new Error(`writeFiles: ${written.errors.join('; ')}`);
  if (reused > 0 && bundleVersion(staging) !== previous) return writeShard(index, dir, false);
  pruneToMetadata(staging);
  for (const name of readdirSync(staging)) if (UNUSED.test(name)) rmSync(join(staging, name));
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return reused;
}

/** Problems with a written shard: fewer pages than records, or fragments that are not the records' (index-files.ts). */
function shardProblems(dir: string, records: readonly PartedRecord[], earlier?: EarlierChecks, passed?: Map<string, { stamp: string; url: string }>): string[] {
  const pages = writtenPageCount(dir);
  if (pages < records.length) return [`${pages} pages, ${records.length} records were added`];
  return checkFragments(dir, records, earlier, passed);
}

/**
 * Checks the fragments of the previous bundle (`<dir>/fragment`) against the records, while Pagefind writes the new
 * one: those it reuses (the same files, hard-linked) are then not read again (checkFragments). A file that cannot
 * be read is left to that check.
 */
function checkPrevious(dir: string, records: readonly PartedRecord[], known: ReadonlyMap<string, PassedCheck>, hashes: ReadonlyMap<string, string>): { checks: Map<string, { stamp: string; check: FragmentCheck }>; read: number } {
  const checks = new Map<string, { stamp: string; check: FragmentCheck }>();
  let read = 0;
  const fragments = join(dir, 'fragment');
  if (!existsSync(fragments)) return { checks, read };
  const byReport = recordsByReport(records);
  for (const name of readdirSync(fragments)) {
    const path = join(fragments, name);
    try {
      const stamp = fileStamp(path);
      // The same file passed against the same record in the last build (fragment-checks.ts): not read again.
      const passed = known.get(name);
      const record = passed && passed.stamp === stamp && hashes.get(passed.report) === passed.sha256 ? byReport.get(passed.report) : undefined;
      if (!record) read++;
      checks.set(name, { stamp, check: record ? { url: record.record.url, problem: null } : checkFragment(path, name, byReport) });
    } catch {
      // Checked, or reported, once the bundle is written.
    }
  }
  return { checks, read };
}

/** The promise itself, marked as handled: it is awaited later, and its failure must not end the process before then. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/**
 * Builds one shard and returns its manifest entry. The bundle keeps
 * pagefind.js and the WebAssembly: which shard is primary is known only once
 * every shard's record count is (build-search.ts then trims the others).
 */
export async function buildShard(job: ShardJob): Promise<ShardEntry> {
  const { name, group } = job;
  const time = timer(`search ${name}`);
  // Pagefind starts, and indexes each batch of records, while the next batch of reports is read: in report_id
  // order, batch after batch, as buildPartedRecords orders them when given the whole shard.
  const opening = handled(openIndex());
  const ids = group.map((r) => r.report_id).sort(byCodeUnits);
  const hashes = new Map(group.map((r) => [r.report_id, r.sha256]));
  const cached = job.recordCache ? readRecordCache(job.recordCache, job.fingerprint) : new Map<string, CachedRecord>();
  // What each report gave, for the cache of the next build.
  const made: [string, string, CachedRecord][] = [];
  let readCount = 0;
  /** The records of some reports, in their order: an unchanged report's from the cache, the others' made from the JSON. */
  const recordsOf = (batch: readonly string[]): PartedRecord[] => {
    return batch.flatMap((id) => {
      const key = `${id} ${hashes.get(id)}`;
      if (!cached.has(key)) readCount++;
      // One report's records are what buildPartedRecords makes of it among the others: each is made on its own.
      const record = cached.has(key) ? cached.get(key)! : (buildPartedRecords(readReports(job.data, [id])).records[0] ?? null);
      made.push([id, hashes.get(id)!, record]);
      return record ? [record] : [];
    });
  };
  const parted: PartedRecord[] = [];
  const added: Promise<void>[] = [];
  for (let at = 0; at < ids.length; at += BATCH) {
    const batch = recordsOf(ids.slice(at, at + BATCH)).map(({ record, parts }) => ({
      // Each record carries its shard as a filter: the page searches shards merged later on their own (bundle.ts).
      record: { ...record, filters: { ...record.filters, [SHARD_FILTER]: [name] } },
      parts,
    }));
    parted.push(...batch);
    if (batch.length > 0) added.push(handled(addRecords(await opening, batch.map((r) => r.record))));
    // Lets the messages already written reach Pagefind before the next batch is read.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const index = await opening;
  time.mark(`read ${readCount} of ${ids.length} reports (the others' records cached), sent ${parted.length} records`);
  await Promise.all(added);
  time.mark('records indexed');
  const records = parted.map((r) => r.record);
  const dir = join(job.out, name);
  const entry: ShardEntry = { name, digest: job.digest, primary: false, records: records.length, filters: filterValues(records), reports: group.map((r) => [r.report_id, r.sha256, r.agency_id]) };
  if (records.length === 0) {
    await pagefind.close();
    if (job.recordCache) writeRecordCache(job.recordCache, job.fingerprint, made);
    return entry;
  }
  let earlier: EarlierChecks = new Map();
  let fragmentsRead = 0;
  const checksFile = job.recordCache ? checksPathFor(job.recordCache) : null;
  const reused = await writeShard(index, dir, true, (reusing) => {
    // A record is made from its report alone: kept for the next build whether or not this shard passes its checks.
    if (job.recordCache) writeRecordCache(job.recordCache, job.fingerprint, made);
    if (reusing) ({ checks: earlier, read: fragmentsRead } = checkPrevious(dir, parted, checksFile ? readPassedChecks(checksFile, job.fingerprint) : new Map(), hashes));
  });
  time.mark(`bundle written (${reused} files reused; meanwhile the records cached and ${earlier.size} reused fragments checked, ${fragmentsRead} of them read)`);
  let passed = new Map<string, { stamp: string; url: string }>();
  let problems = shardProblems(dir, parted, earlier, passed);
  if (problems.length > 0 && reused > 0) {
    // A reused file may stand for a new one of the same name (shard-files.ts): the shard is written from nothing.
    await writeShard(index, dir, false);
    passed = new Map();
    problems = shardProblems(dir, parted, undefined, passed);
  }
  await pagefind.close();
  if (problems.length > 0) throw new Error(`${dir}: ${problems.length} problems, e.g. ${problems.slice(0, 3).join('; ')}`);
  if (checksFile) writePassedChecks(checksFile, job.fingerprint, passedChecks(passed, parted, hashes));
  time.mark('fragments checked');
  return entry;
}

/** The checks of a shard that passed them all, by fragment file, with the report and sha256 of each one's record. */
function passedChecks(passed: ReadonlyMap<string, { stamp: string; url: string }>, records: readonly PartedRecord[], hashes: ReadonlyMap<string, string>): Map<string, PassedCheck> {
  const reportOf = new Map(records.map((r) => [r.record.url, r.record.meta.report]));
  const checks = new Map<string, PassedCheck>();
  for (const [name, { stamp, url }] of passed) {
    const report = reportOf.get(url);
    const sha256 = report === undefined ? undefined : hashes.get(report);
    if (report !== undefined && sha256 !== undefined) checks.set(name, { stamp, report, sha256 });
  }
  return checks;
}

/** Removes what only the primary shard keeps from a shard folder. */
export function trimToSecondary(dir: string): void {
  for (const name of readdirSync(dir)) if (ONLY_PRIMARY.test(name)) rmSync(join(dir, name));
}
