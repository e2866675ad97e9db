/**
 * The file side of build-search.ts: which reports there are (and their
 * content hashes), the reports of one shard, the manifest of the last build,
 * and the check of what Pagefind wrote. Everything read or written here is
 * sorted, so the same input gives the same files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ReportRecord } from '../schema/types.ts';
import { countedLength, splitParts, parsePartsMeta } from './parts.ts';
import type { PartedRecord } from './records.ts';
import type { ShardInput } from './shards.ts';
import { byCodeUnits as byId } from '../compare.ts';

// Hashed here rather than with pipeline/read.ts's helper: importing the reader loads its decoders (~0.3 s per start).
const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

function isIndexEntry(v: unknown): v is ShardInput {
  const e = v as Partial<ShardInput> | null;
  return typeof e?.report_id === 'string' && typeof e.sha256 === 'string' && (e.agency_id === null || typeof e.agency_id === 'string');
}

/** Report ids of the JSON files in a folder, sorted. */
export function reportIds(reportsDir: string): string[] {
  return readdirSync(reportsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort(byId);
}

/**
 * Every report's id, agency and sha256: from the data stage's
 * report-index.json beside the reports folder when it lists exactly the
 * report files there, else by hashing each file (and reading its agency_id;
 * `known` maps `<report_id> <sha256>` to an agency seen in the last build).
 */
export function readShardInputs(reportsDir: string, known: ReadonlyMap<string, string | null> = new Map()): { inputs: ShardInput[]; from: string } {
  const ids = reportIds(reportsDir);
  const indexPath = join(dirname(reportsDir), 'report-index.json');
  if (existsSync(indexPath)) {
    const parsed = JSON.parse(readFileSync(indexPath, 'utf8')) as unknown;
    if (!Array.isArray(parsed) || !parsed.every(isIndexEntry)) throw new Error(`${indexPath}: not an array of {report_id, agency_id, sha256}`);
    const listed = parsed.map((e) => ({ report_id: e.report_id, agency_id: e.agency_id, sha256: e.sha256 })).sort((a, b) => byId(a.report_id, b.report_id));
    if (listed.length === ids.length && listed.every((e, i) => e.report_id === ids[i])) return { inputs: listed, from: indexPath };
  }
  const inputs = ids.map((report_id) => {
    const bytes = readFileSync(join(reportsDir, `${report_id}.json`));
    const hash = sha256Hex(bytes);
    const key = `${report_id} ${hash}`;
    const agency_id = known.has(key) ? known.get(key)! : ((JSON.parse(bytes.toString('utf8')) as { agency_id: string | null }).agency_id ?? null);
    return { report_id, agency_id, sha256: hash };
  });
  return { inputs, from: 'hashes of the report files' };
}

/** The report JSON of the given ids. */
export function readReports(reportsDir: string, ids: readonly string[]): ReportRecord[] {
  return ids.map((id) => JSON.parse(readFileSync(join(reportsDir, `${id}.json`), 'utf8')) as ReportRecord);
}

/** sha256 over the files that decide what is indexed and how (listed by the caller) and the Pagefind version. */
export function codeFingerprint(root: string, files: readonly string[], pagefindVersion: string): string {
  const hash = createHash('sha256').update(`pagefind ${pagefindVersion}\n`);
  for (const file of [...files].sort(byId)) hash.update(`${file} ${sha256Hex(readFileSync(join(root, file)))}\n`);
  return hash.digest('hex');
}

/** A fragment as Pagefind writes it: gzip of `pagefind_dcd` + JSON. */
interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters?: Record<string, string[]>;
}

function readFragment(path: string): Fragment {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  if (!text.startsWith('pagefind_dcd')) throw new Error(`${path}: not a Pagefind fragment`);
  return JSON.parse(text.slice('pagefind_dcd'.length)) as Fragment;
}

/** Text compared between a part as indexed and as cut back from a fragment: without whitespace. */
const bare = (text: string) => text.replace(/\s+/gu, '');

/** An object's entries as JSON in key order: what two objects are compared by whatever order their keys were set in. */
const entriesJson = (object: object | undefined) => JSON.stringify(Object.entries(object ?? {}).sort(([a], [b]) => byId(a, b)));

/** What one fragment file is: the URL of the record of its report (null: no such record), and what is wrong with it. */
export interface FragmentCheck {
  url: string | null;
  problem: string | null;
}

/** Records by the report they are of: what a fragment is checked against. */
export function recordsByReport(records: readonly PartedRecord[]): Map<string, PartedRecord> {
  return new Map(records.map((r) => [r.record.meta.report, r]));
}

/**
 * Checks one fragment against the record of its report: its content (word
 * marks removed, as the browser API does) must cut back into exactly the
 * parts the record was made of, and its URL, meta and filters must be the
 * record's.
 */
export function checkFragment(path: string, name: string, byReport: ReadonlyMap<string, PartedRecord>): FragmentCheck {
  const fragment = readFragment(path);
  const expected = byReport.get(fragment.meta.report ?? '');
  if (!expected) return { url: null, problem: `${name}: no record of report ${fragment.meta.report}` };
  const { record } = expected;
  // Pagefind marks word ends with U+200B; its browser API removes them before the page sees the content.
  const parts = splitParts(fragment.content.replace(/\u200B/gu, ''), fragment.meta.parts ?? '');
  const lengths = parsePartsMeta(fragment.meta.parts ?? '')?.map((p) => p.length) ?? [];
  const fits =
    parts !== null &&
    parts.length === expected.parts.length &&
    parts.every((p, i) => p.code === expected.parts[i]!.code && bare(p.text) === bare(expected.parts[i]!.text) && countedLength(p.text) === lengths[i]);
  if (!fits) return { url: record.url, problem: `${fragment.url}: the stored content does not cut back into the report's parts` };
  if (fragment.url !== record.url || entriesJson(fragment.meta) !== entriesJson(record.meta) || entriesJson(fragment.filters) !== entriesJson(record.filters)) {
    return { url: record.url, problem: `${name}: its URL, meta or filters are not those of the record of ${record.meta.report}` };
  }
  return { url: record.url, problem: null };
}

/** What tells one file from another under the same name: its inode, size and modification time. */
export function fileStamp(path: string): string {
  const s = statSync(path);
  return `${s.dev} ${s.ino} ${s.size} ${s.mtimeMs}`;
}

/** Checks made earlier of fragment files, by name, each with the stamp of the file it was made on. */
export type EarlierChecks = ReadonlyMap<string, { stamp: string; check: FragmentCheck }>;

/**
 * Problems with a written shard: every record must be there as one fragment
 * that passes checkFragment. A fragment checked earlier (`earlier`: the same
 * name and the same file, by its stamp) is not read again. Empty when the
 * shard is right. `passed`, when given, gets the stamp and URL of every fragment that passed.
 */
export function checkFragments(shardDir: string, records: readonly PartedRecord[], earlier: EarlierChecks = new Map(), passed?: Map<string, { stamp: string; url: string }>): string[] {
  const problems: string[] = [];
  const dir = join(shardDir, 'fragment');
  const byReport = recordsByReport(records);
  const seen = new Set<string>();
  for (const name of readdirSync(dir).sort(byId)) {
    const path = join(dir, name);
    const before = earlier.get(name);
    const stamp = before || passed ? fileStamp(path) : '';
    const { url, problem } = before && before.stamp === stamp ? before.check : checkFragment(path, name, byReport);
    if (passed && url !== null && problem === null) passed.set(name, { stamp, url });
    if (url !== null) {
      if (seen.has(url)) problems.push(`${name}: a second fragment of ${url}`);
      seen.add(url);
    }
    if (problem !== null) problems.push(problem);
  }
  for (const { record } of records) if (!seen.has(record.url)) problems.push(`${record.url}: no fragment written`);
  return problems;
}

/** Pages Pagefind wrote into a bundle, from its pagefind-entry.json. */
export function writtenPageCount(bundleDir: string): number {
  const entry = JSON.parse(readFileSync(join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
}
