/**
 * The last step of `npm run build`: the Pagefind index of the narrative text.
 *
 *   tsx scripts/build-search.ts [--data dist/data/reports] [--out dist/pagefind] [--reports-per-shard 400] [--cache DIR] [--wait]
 *
 * One custom record per report (src/search/records.ts), written as several
 * Pagefind bundles — shards of reports grouped by agency (src/search/shards.ts)
 * — into <out>/s00, <out>/s01, …, which the search page merges in the browser.
 * Shards are built two at a time (src/search/shard-pool.ts: a worker thread and
 * a fresh Pagefind process each), so the indexer's memory is bounded by two
 * shards. A shard whose reports and code are
 * those of the last build (<out>/search-manifest.json) is kept as it is, and
 * a rebuilt one reuses the unchanged fragments of its previous bundle
 * (src/search/shard-files.ts): the result is the same, byte for byte, as a
 * clean build. With --cache, each built shard keeps its reports' records
 * there (src/search/record-cache.ts), and a rebuilt shard reads only the
 * reports whose file changed. With --wait (scripts/build.ts starts the
 * stage ahead, so that its start-up overlaps the site stage), the reports and
 * the last manifest are read ahead but nothing is written (nor a failure
 * reported) before a line `go` on stdin; any other line, or the end of stdin,
 * ends the process without building (status 0).
 * NIANBAO_TIMINGS=1 prints where the time went on stderr.
 *
 * The build fails (exit 1) when Pagefind reports an error, when there is no
 * report or nothing to index, when a shard holds fewer pages than records were
 * added, or when a written fragment does not cut back into its report's parts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { trimToSecondary, type ShardJob } from '../src/search/build-shard.ts';
import { codeFingerprint, readShardInputs } from '../src/search/index-files.ts';
import { knownAgencies, MANIFEST_FILE, mergeFilterValues, readManifest, SITE_FILE, stableJson, type Manifest, type ShardEntry, type SiteSearchFile } from '../src/search/manifest.ts';
import { buildShards } from '../src/search/shard-pool.ts';
import { timer } from '../src/pipeline/timings.ts';
import { assignShards, REPORTS_PER_SHARD, shardCount, shardDigest, shardName } from '../src/search/shards.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'dist/data/reports' },
    out: { type: 'string', default: 'dist/pagefind' },
    'reports-per-shard': { type: 'string', default: String(REPORTS_PER_SHARD) },
    cache: { type: 'string' },
    wait: { type: 'boolean', default: false },
  },
});

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The files that decide what is indexed and how: a change to one rebuilds every shard. */
const CODE_FILES = [
  'scripts/build-search.ts', 'src/search/records.ts', 'src/search/parts.ts', 'src/search/prose.ts', 'src/search/filters.ts',
  'src/search/shards.ts', 'src/search/manifest.ts', 'src/search/index-files.ts', 'src/search/build-shard.ts',
  'src/search/shard-files.ts', 'src/search/pagefind-meta.ts', 'src/search/record-cache.ts', 'src/schema/codes.ts', 'src/compare.ts', 'package-lock.json',
];
/** Names the single-bundle layout of earlier builds left at the top of <out>. */
const OLD_LAYOUT = /^(?:pagefind.*\.(?:js|css|pf_meta)|pagefind-entry\.json|wasm\..+\.pagefind|fragment|index|filter)$/u;

function fail(message: string): never {
  console.error(`search index: FAILED: ${message}`);
  process.exit(1);
}

function pagefindVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version;
}

/** Removes from <out> what is neither a current shard nor one of the two files (old shards, the old single-bundle layout). */
function removeStale(out: string, keep: ReadonlySet<string>): void {
  for (const name of readdirSync(out)) {
    if (keep.has(name)) continue;
    // A shard folder (s00, s013, …) or one left half-written (s00.partial).
    if (/^s\d+(?:\.partial)?$/u.test(name) || OLD_LAYOUT.test(name)) rmSync(join(out, name), { recursive: true, force: true });
  }
}

/** Resolves true on a first line `go` from stdin, false on another line or the end of stdin; stdin is then let go. */
function goSignal(): Promise<boolean> {
  return new Promise((resolve) => {
    let received = '';
    const answer = (go: boolean) => {
      process.stdin.off('data', onData);
      process.stdin.off('end', onEnd);
      process.stdin.destroy();
      resolve(go);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\n');
      if (end >= 0) answer(received.slice(0, end).trim() === 'go');
    };
    const onEnd = () => answer(false);
    process.stdin.on('data', onData);
    process.stdin.on('end', onEnd);
  });
}

/** What the build is made from: the reports, their shards, the code fingerprint and the last build's manifest when it may be reused. Reads only. */
function prepare(time: ReturnType<typeof timer>) {
  const out = values.out!;
  const perShard = Number(values['reports-per-shard']);
  if (!existsSync(values.data!)) throw new Error(`${values.data} does not exist (run the data stage and astro build first)`);
  const previous = readManifest(out);
  const { inputs, from } = readShardInputs(values.data!, knownAgencies(previous));
  if (inputs.length === 0) throw new Error(`no report JSON in ${values.data}`);
  const count = shardCount(inputs.length, perShard);
  const fingerprint = codeFingerprint(ROOT, CODE_FILES, pagefindVersion());
  time.mark(`${inputs.length} reports listed, code fingerprint`);
  const reusable = previous && previous.fingerprint === fingerprint && previous.shardCount === count ? previous : null;
  return { out, perShard, inputs, from, count, fingerprint, reusable, groups: assignShards(inputs, count) };
}

async function main(): Promise<void> {
  // With --wait, the go is listened for at once, and awaited once the reading of prepare() is done: that reading
  // overlaps the site stage's start and planning. Nothing is written before the go, and a failure is reported only then.
  const go = values.wait ? goSignal() : Promise.resolve(true);
  const time = timer('search');
  let prepared: ReturnType<typeof prepare>;
  try {
    prepared = prepare(time);
  } catch (error) {
    if (await go) fail(error instanceof Error ? error.message : String(error));
    return;
  }
  if (!(await go)) return;
  const { out, perShard, inputs, from, count, fingerprint, reusable, groups } = prepared;
  mkdirSync(out, { recursive: true });
  // No manifest while shards change: a build stopped half-way must not vouch for shards it rewrote.
  rmSync(join(out, MANIFEST_FILE), { force: true });

  // Shards whose reports and code are those of the last build are kept; the others are built, several at once.
  const entries: (ShardEntry | null)[] = [];
  const shardJobs: ShardJob[] = [];
  const jobs: ShardJob[] = [];
  for (const [i, group] of groups.entries()) {
    if (group.length === 0) continue;
    const name = shardName(i, count);
    const recordCache = values.cache === undefined ? undefined : join(values.cache, 'records', `${name}.json`);
    const job: ShardJob = { data: values.data!, out, name, digest: shardDigest(fingerprint, group), group, fingerprint, recordCache };
    shardJobs.push(job);
    const old = reusable?.shards.find((s) => s.name === job.name);
    if (old && old.digest === job.digest && (old.records === 0 || existsSync(join(out, job.name)))) entries.push(old);
    else {
      entries.push(null);
      jobs.push(job);
    }
  }
  const built = await buildShards(jobs);
  time.mark(`${jobs.length} shard(s) built`);
  const rebuilt = new Set(built.map((e) => e.name));
  const all = entries.map((e) => e ?? built.shift()!);
  // The primary is the first shard with records: only it keeps pagefind.js and the WebAssembly. A kept shard
  // that should now be primary lacks them, so it is built again (rare: every shard before it became empty).
  const primaryIndex = all.findIndex((e) => e.records > 0);
  const promoted = all[primaryIndex];
  if (promoted && !rebuilt.has(promoted.name) && !promoted.primary) {
    all[primaryIndex] = (await buildShards([shardJobs[primaryIndex]!], 1))[0]!;
    rebuilt.add(promoted.name);
  }
  for (const [i, e] of all.entries()) {
    const primary = i === primaryIndex;
    if (e.records > 0 && !primary && (rebuilt.has(e.name) || e.primary)) trimToSecondary(join(out, e.name));
    all[i] = { ...e, primary };
  }
  const indexed = all.filter((e) => e.records > 0);
  const records = indexed.reduce((n, e) => n + e.records, 0);
  if (records === 0) fail('no narrative text to index: the index would be empty');

  removeStale(out, new Set([...indexed.map((e) => e.name), SITE_FILE, MANIFEST_FILE]));
  for (const e of all) if (e.records === 0) rmSync(join(out, e.name), { recursive: true, force: true });
  const site: SiteSearchFile = { shards: indexed.map((e) => e.name), filters: mergeFilterValues(indexed.map((e) => e.filters)) };
  const manifest: Manifest = { fingerprint, shardCount: count, shards: all };
  writeFileSync(join(out, SITE_FILE), stableJson(site));
  writeFileSync(join(out, MANIFEST_FILE), stableJson(manifest));
  time.mark('manifest written');

  console.log(
    `search index: ${inputs.length} reports (ids and hashes from ${from}) → ${records} records in ${indexed.length} shard(s) ` +
      `(${count} bucket(s) for ≤ ${perShard} reports each on average; ${inputs.length - records} reports without an agency page or narrative text)`,
  );
  console.log(`search index: rebuilt ${rebuilt.size} of ${all.length} shard(s), kept ${all.length - rebuilt.size} unchanged → ${out}`);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
