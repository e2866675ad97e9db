/**
 * The last step of `npm run build`: the Pagefind index of the narrative text.
 *
 *   tsx scripts/build-search.ts [--data dist/data/reports] [--out dist/pagefind] [--reports-per-shard 625]
 *
 * One custom record per report (src/search/records.ts), written as several
 * Pagefind bundles — shards of reports grouped by agency (src/search/shards.ts)
 * — into <out>/s00, <out>/s01, …, which the search page merges in the browser.
 * Shards are built one after another, each in a fresh Pagefind process, so the
 * indexer's memory is bounded by a shard. A shard whose reports and code are
 * those of the last build (<out>/search-manifest.json) is kept as it is: the
 * result is the same, byte for byte, as a clean build.
 *
 * The build fails (exit 1) when Pagefind reports an error, when there is no
 * report or nothing to index, when a shard holds fewer pages than records were
 * added, or when a written fragment does not cut back into its report's parts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import type { ReportRecord } from '../src/schema/types.ts';
import { checkFragments, codeFingerprint, readReports, readShardInputs, writtenPageCount } from '../src/search/index-files.ts';
import {
  filterValues, knownAgencies, MANIFEST_FILE, mergeFilterValues, readManifest, SITE_FILE, stableJson, type Manifest, type ShardEntry, type SiteSearchFile,
} from '../src/search/manifest.ts';
import { buildSearchRecords, SEARCH_LANGUAGE, type SearchRecord } from '../src/search/records.ts';
import { assignShards, REPORTS_PER_SHARD, SHARD_FILTER, shardCount, shardDigest, shardName, type ShardInput } from '../src/search/shards.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'dist/data/reports' },
    out: { type: 'string', default: 'dist/pagefind' },
    'reports-per-shard': { type: 'string', default: String(REPORTS_PER_SHARD) },
  },
});

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The files that decide what is indexed and how: a change to one rebuilds every shard. */
const CODE_FILES = [
  'scripts/build-search.ts', 'src/search/records.ts', 'src/search/parts.ts', 'src/search/prose.ts', 'src/search/filters.ts',
  'src/search/shards.ts', 'src/search/manifest.ts', 'src/search/index-files.ts', 'src/schema/codes.ts', 'package-lock.json',
];
/** What Pagefind writes that the page never loads: its UI bundles and worker (and, outside the first shard, its JS and WebAssembly). */
const UNUSED = /^pagefind-(?:component-ui|modular-ui|ui|highlight|worker)\.(?:js|css)$/u;
const ONLY_PRIMARY = /^(?:pagefind\.js|wasm\..+\.pagefind)$/u;
/** Names the single-bundle layout of earlier builds left at the top of <out>. */
const OLD_LAYOUT = /^(?:pagefind.*\.(?:js|css|pf_meta)|pagefind-entry\.json|wasm\..+\.pagefind|fragment|index|filter)$/u;

function fail(message: string): never {
  console.error(`search index: FAILED: ${message}`);
  process.exit(1);
}

function pagefindVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version;
}

/** Writes one shard's bundle into dir (replacing it) in a fresh Pagefind process. */
async function writeShard(dir: string, records: readonly SearchRecord[], primary: boolean): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
  if (!index || errors.length > 0) fail(`createIndex: ${errors.join('; ')}`);
  for (const record of records) {
    const added = await index.addCustomRecord(record);
    if (added.errors.length > 0) fail(`${record.url}: ${added.errors.join('; ')}`);
    if (added.file.uniqueWords === 0) fail(`${record.url}: Pagefind found no words in ${record.content.length} characters`);
  }
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: staging });
  if (written.errors.length > 0) fail(`writeFiles: ${written.errors.join('; ')}`);
  await pagefind.close();
  for (const name of readdirSync(staging)) if (UNUSED.test(name) || (!primary && ONLY_PRIMARY.test(name))) rmSync(join(staging, name));
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}

/** Builds one shard from its reports, checks what Pagefind wrote, and returns its manifest entry. */
async function buildShard(out: string, name: string, digest: string, group: readonly ShardInput[], primary: boolean): Promise<ShardEntry> {
  const reports = readReports(values.data!, group.map((r) => r.report_id));
  // Each record carries its shard as a filter: the page searches shards merged later on their own (src/search/bundle.ts).
  const records = buildSearchRecords(reports).records.map((r) => ({ ...r, filters: { ...r.filters, [SHARD_FILTER]: [name] } }));
  const dir = join(out, name);
  const entry: ShardEntry = { name, digest, primary, records: records.length, filters: filterValues(records), reports: group.map((r) => [r.report_id, r.sha256, r.agency_id]) };
  if (records.length === 0) return entry;
  await writeShard(dir, records, primary);
  const pages = writtenPageCount(dir);
  if (pages < records.length) fail(`${dir} holds ${pages} pages, ${records.length} records were added`);
  const problems = checkFragments(dir, records, new Map<string, ReportRecord>(reports.map((r) => [r.report_id, r])));
  if (problems.length > 0) fail(`${dir}: ${problems.length} fragments wrong, e.g. ${problems.slice(0, 3).join('; ')}`);
  return entry;
}

/** Removes from <out> what is neither a current shard nor one of the two files (old shards, the old single-bundle layout). */
function removeStale(out: string, keep: ReadonlySet<string>): void {
  for (const name of readdirSync(out)) {
    if (keep.has(name)) continue;
    // A shard folder (s00, s013, …) or one left half-written (s00.partial).
    if (/^s\d+(?:\.partial)?$/u.test(name) || OLD_LAYOUT.test(name)) rmSync(join(out, name), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const out = values.out!;
  const perShard = Number(values['reports-per-shard']);
  if (!existsSync(values.data!)) fail(`${values.data} does not exist (run the data stage and astro build first)`);
  const previous = readManifest(out);
  const { inputs, from } = readShardInputs(values.data!, knownAgencies(previous));
  if (inputs.length === 0) fail(`no report JSON in ${values.data}`);

  const count = shardCount(inputs.length, perShard);
  const fingerprint = codeFingerprint(ROOT, CODE_FILES, pagefindVersion());
  const reusable = previous && previous.fingerprint === fingerprint && previous.shardCount === count ? previous : null;
  const groups = assignShards(inputs, count);
  mkdirSync(out, { recursive: true });
  // No manifest while shards change: a build stopped half-way must not vouch for shards it rewrote.
  rmSync(join(out, MANIFEST_FILE), { force: true });

  const entries: ShardEntry[] = [];
  let rebuilt = 0;
  for (const [i, group] of groups.entries()) {
    if (group.length === 0) continue;
    const name = shardName(i, count);
    const digest = shardDigest(fingerprint, group);
    const primary = entries.every((e) => e.records === 0);
    const old = reusable?.shards.find((s) => s.name === name);
    if (old && old.digest === digest && old.primary === primary && (old.records === 0 || existsSync(join(out, name)))) entries.push(old);
    else {
      entries.push(await buildShard(out, name, digest, group, primary));
      rebuilt++;
    }
  }
  const indexed = entries.filter((e) => e.records > 0);
  const records = indexed.reduce((n, e) => n + e.records, 0);
  if (records === 0) fail('no narrative text to index: the index would be empty');

  removeStale(out, new Set([...indexed.map((e) => e.name), SITE_FILE, MANIFEST_FILE]));
  for (const e of entries) if (e.records === 0) rmSync(join(out, e.name), { recursive: true, force: true });
  const site: SiteSearchFile = { shards: indexed.map((e) => e.name), filters: mergeFilterValues(indexed.map((e) => e.filters)) };
  const manifest: Manifest = { fingerprint, shardCount: count, shards: entries };
  writeFileSync(join(out, SITE_FILE), stableJson(site));
  writeFileSync(join(out, MANIFEST_FILE), stableJson(manifest));

  console.log(
    `search index: ${inputs.length} reports (ids and hashes from ${from}) → ${records} records in ${indexed.length} shard(s) ` +
      `(${count} bucket(s) for ≤ ${perShard} reports each on average; ${inputs.length - records} reports without an agency page or narrative text)`,
  );
  console.log(`search index: rebuilt ${rebuilt} of ${entries.length} shard(s), kept ${entries.length - rebuilt} unchanged → ${out}`);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
