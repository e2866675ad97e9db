/**
 * npm run bench [-- --sizes 1000,10000 --full --out /tmp/nianbao-bench --query 疫情防控 --parse-only]
 *
 * For each size N: generates N reports (seed "bench"), measures parse
 * throughput (one core: cold, warm on unseen reports, warm on a repeated
 * sample, medians of several runs; all cores through the worker pool,
 * records back and as the build's parse step keeps them), accuracy
 * against the ground truth, then a full build into a temp dir — data,
 * astro, pagefind, each a child process with its wall time and peak RSS —,
 * output sizes, the bytes a search for a common term downloads (Chromium),
 * and a rebuild with one report changed. Prints one table; --full adds 100,000.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SLIM_DIGEST } from '../src/pipeline/parallel/digest-form.ts';
import { parseAll, parseDigests, type ParseAllStats } from '../src/pipeline/parallel/index.ts';
import type { ParserBenchmark } from '../src/pipeline/parallel/pool.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from '../src/pipeline/read.ts';
import { parseReport } from '../src/pipeline/report.ts';
import { parsedReadParseLabel } from '../src/pipeline/run.ts';
import { parseTimingLine } from '../src/pipeline/timings.ts';
import type { InputFile, ReportRecord } from '../src/schema/types.ts';
import { scoreRecords } from '../src/synth/accuracy.ts';
import { percent } from '../src/synth/compare.ts';
import { dirBytes, measure, type Measured } from '../src/synth/bench/measure.ts';
import { parseOnAllCores } from '../src/synth/bench/parse-cores.ts';
import { searchPayload } from '../src/synth/bench/search-payload.ts';
import { writeCorpus } from '../src/synth/write.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    full: { type: 'boolean', default: false },
    out: { type: 'string', default: '/tmp/nianbao-bench' },
    query: { type: 'string', default: '疫情防控' },
    seed: { type: 'string', default: 'bench' },
    'parse-only': { type: 'boolean', default: false },
  },
});

const sizes = values.sizes!.split(',').map(Number).concat(values.full ? [100_000] : []);
const cores = availableParallelism();
const NODE = process.execPath;
const TSX = ['--import', 'tsx'];
/** The single-core sample: the cold pass, and the warm passes over the same reports. */
const SINGLE_CORE_SAMPLE = 3000;
/** At most this many reports are read for the single-core rows (the rest of them are the unseen ones). */
const SINGLE_CORE_FILES = 10_000;
/** Parses before anything warm is timed (the cold pass included): V8 has settled by then (measured: ~5,000). */
const WARM_UP = 6000;
/** Warm passes over the sample; the row gives their median and range. */
const WARM_PASSES = 5;
/** Unseen reports are timed in runs of this many. */
const UNSEEN_CHUNK = 1000;
/** With every core parsing, a worker's warm figure starts after this many of its parses (V8 has compiled the parser's hot code by then) and is given when its share is at least this plus UNSEEN_CHUNK. */
const CORES_WARM_UP = 3000;
/** The worker pool (and accuracy) are measured separately only up to this size. */
const POOL_SAMPLE_LIMIT = 10_000;
const rows: [string, ...string[]][] = [];
const row = (label: string, ...cells: string[]) => rows.push([label, ...cells]);
const fmt = (n: number, digits = 1) => n.toFixed(digits);
/** user + system of a process.cpuUsage-style reading, in seconds. */
const cpuSeconds = (u: { user: number; system: number }) => (u.user + u.system) / 1e6;
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const mb = (bytes: number) => `${fmt(bytes / 1e6)} MB`;
/** A stage's row: wall time, CPU time (user + system: on 2 cores a rebuild is bound by the sum), peak RSS. */
const stage = (m: Measured) =>
  `${fmt(m.seconds)} s, CPU ${m.cpu === null ? '?' : `${fmt(m.cpu.user + m.cpu.system)} s (system ${fmt(m.cpu.system)})`}, peak RSS ${m.peakMb === null ? '?' : fmt(m.peakMb, 0)} MB (process tree ${fmt(m.treeMb, 0)} MB)${m.ok ? '' : ' (FAILED)'}`;

/** The generated corpus is reused only while the generator (and the table renderer it calls) is unchanged. */
function generatorVersion(): string {
  const hash = createHash('sha256');
  for (const dir of ['src/synth', 'src/pipeline/tables']) for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) hash.update(readFileSync(join(dir, f)));
  return hash.digest('hex').slice(0, 16);
}

function corpusFor(n: number): { content: string; truth: string | null } {
  const dir = resolve(values.out!, `n${n}`, 'corpus');
  const stamp = join(dir, 'stamp.json');
  const want = JSON.stringify({ seed: values.seed, n, generator: generatorVersion() });
  const withTruth = n <= 10_000;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== want) {
    rmSync(dir, { recursive: true, force: true });
    const t = Date.now();
    writeCorpus(dir, values.seed!, n, undefined, withTruth);
    writeFileSync(stamp, want);
    console.error(`bench: generated ${n} reports in ${fmt((Date.now() - t) / 1000)} s`);
  }
  return { content: join(dir, 'content'), truth: withTruth ? join(dir, 'truth') : null };
}

/** reports/s of wall time and per CPU-second of the whole process (GC and compiler threads included) over `files`. */
function timeParses(files: readonly InputFile[]): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  for (const f of files) parseReport(f);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const used = process.cpuUsage(cpu);
  return { wall: files.length / seconds, cpu: files.length / ((used.user + used.system) / 1e6) };
}

/** "median (min–max)" of several timings: one pass on this shared machine varies by ±15%. */
function spread(timings: readonly { wall: number; cpu: number }[]): string {
  const describe = (xs: number[]) => (xs.length === 1 ? fmt(xs[0]!, 0) : `${fmt(median(xs), 0)} (${fmt(Math.min(...xs), 0)}–${fmt(Math.max(...xs), 0)})`);
  return `${describe(timings.map((t) => t.wall))} reports/s wall, ${describe(timings.map((t) => t.cpu))} reports per CPU-second`;
}

/** Parses this process has done so far: only the first size's first pass is V8's cold start. */
let parsesInProcess = 0;

function parseThroughput(n: number, content: string, truth: string | null): void {
  const paths = listContentFiles(content);
  const manifest = readSourcesManifest(content);
  const files = paths.slice(0, SINGLE_CORE_FILES).map((p) => readInputFile(content, p, manifest));
  const sample = files.slice(0, SINGLE_CORE_SAMPLE);
  parseReport(sample[0]!); // module initialisation is not parse work
  // One core, in this process. V8 optimises a function called once per report only after ~3,000 calls, so the
  // first parses run mostly unoptimised code while ~1,000 functions are compiled: that is the cold row.
  const cold = parsesInProcess === 0 ? `cold: the first ${sample.length} parses (V8 still compiling)` : `first pass over ${sample.length} reports (V8 warm from the sizes before)`;
  row(`N=${n}: parse, 1 core, ${cold}`, spread([timeParses(sample)]));
  // Reports never parsed before, once V8 has settled: what a worker does through most of a large build.
  let parses = sample.length;
  const unseen = files.slice(sample.length);
  if (unseen.length >= WARM_UP - parses + UNSEEN_CHUNK) {
    const warmUp = WARM_UP - parses;
    timeParses(unseen.slice(0, warmUp));
    parses = WARM_UP;
    const chunks = [];
    for (let at = warmUp; at + UNSEEN_CHUNK <= unseen.length; at += UNSEEN_CHUNK) chunks.push(timeParses(unseen.slice(at, at + UNSEEN_CHUNK)));
    parses += chunks.length * UNSEEN_CHUNK;
    row(`N=${n}: parse, 1 core, warm, unseen reports: ${chunks.length} runs of ${UNSEEN_CHUNK} reports never parsed before, after ${WARM_UP} parses, median (min–max)`, spread(chunks));
  }
  // The same sample again, once V8 has settled; repeated passes so the machine's noise shows.
  for (; parses < WARM_UP; parses += sample.length) timeParses(sample);
  const passes = Array.from({ length: WARM_PASSES }, () => timeParses(sample));
  parsesInProcess += parses + WARM_PASSES * sample.length;
  row(`N=${n}: parse, 1 core, warm: ${WARM_PASSES} passes over the first ${sample.length} reports, after ${parses} parses, median (min–max)`, spread(passes));
  const pooled = (run: () => void) => {
    const cpu = process.cpuUsage();
    const t = process.hrtime.bigint();
    run();
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const used = process.cpuUsage(cpu);
    return `${fmt(n / seconds, 0)} reports/s (${fmt(n / seconds / cores, 0)}/core), ${fmt(seconds)} s, ${fmt(n / cpuSeconds(used), 0)} reports per CPU-second`;
  };
  // What the build's parse step costs besides the parser: the most any parser could make of it, at every N (at 100k, ~25 s).
  const ceiling = () => {
    row(`N=${n}: the build's parse step without the parser (each worker keeps one record, parsed once, for every file): its ceiling`, inFreshParseCache((cacheDir) => pooled(() => buildParseStep(cacheDir, content, paths, manifest, undefined, 'parser-once'))));
  };
  // Above 10,000 reports the pool's throughput is the clean build's data stage; parsing everything twice would only add time.
  if (n > POOL_SAMPLE_LIMIT) {
    ceiling();
    return;
  }
  let records: ReportRecord[] = [];
  row(`N=${n}: parse, ${cores} workers, records back to this thread (parseAll: read + hash + parse, incl. worker start)`, pooled(() => {
    records = parseAll(content, paths, manifest, { workers: cores, cacheDir: null });
  }));
  inFreshParseCache((cacheDir) => {
    const stats: ParseAllStats = { parsed: 0, cached: 0, timedOut: 0, pruned: 0 };
    const processCpu = process.cpuUsage();
    const thisThread = process.threadCpuUsage();
    row(`N=${n}: parse, ${cores} workers, the build's parse step (read + hash + parse + record into a fresh parse cache + digest, incl. worker start)`, pooled(() => buildParseStep(cacheDir, content, paths, manifest, stats)));
    // Where that step's CPU went: the workers' own threads, this thread (reading, hashing, digests), and the rest of
    // the process, which is V8's shared threads: its optimising compiler (each worker compiles the parser anew) and GC.
    const used = process.cpuUsage(processCpu);
    const all = cpuSeconds(used);
    const main = cpuSeconds(process.threadCpuUsage(thisThread));
    const workers = (stats.workerCpuMicros ?? 0) / 1e6;
    // System time, given apart: on this kind of machine much of it is page faults of new heap pages (docs/benchmarks.md, stop 20).
    row(`N=${n}: the build's parse step, CPU by thread`, `workers ${fmt(workers)} s (${fmt((workers / n) * 1e6, 0)} µs per report), this thread ${fmt(main)} s, V8's compiler and GC threads ${fmt(all - workers - main)} s; ${fmt(all)} s in all (system ${fmt(used.system / 1e6)} s)`);
  });
  row(`N=${n}: the build's parse step again, the parser timed in each worker (its two clock readings a report slow the step)`, parserShareOfStep(n, content, paths, manifest));
  ceiling();
  if (truth) {
    const acc = scoreRecords(records, truth);
    row(`N=${n}: accuracy, knowable cells right`, `${acc.right}/${acc.knowable} (${percent(acc.right, acc.knowable)})`);
    row(`N=${n}: values for cells that are not knowable`, `${acc.invented}`);
    row(`N=${n}: accuracy by layout`, Object.entries(acc.byLayout).map(([l, a]) => `${l} ${percent(a.right, a.knowable)}`).join(', '));
    row(`N=${n}: metadata fields right`, Object.entries(acc.metadata).map(([f, k]) => `${f} ${percent(k, acc.reports)}`).join(', '));
    for (const e of acc.examples.slice(0, 5)) console.error(`bench: accuracy miss: ${e}`);
  }
}

/** `use` given a fresh parse cache folder, removed after it (outside what `use` times). */
function inFreshParseCache<T>(use: (cacheDir: string) => T): T {
  const cacheDir = mkdtempSync(join(tmpdir(), 'nianbao-bench-parse-'));
  try {
    return use(cacheDir);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** The build's own parse step (run.ts): each worker keeps its records in the parse cache and sends back their digests. */
function buildParseStep(cacheDir: string, content: string, paths: readonly string[], manifest: ReturnType<typeof readSourcesManifest>, stats?: ParseAllStats, benchmark?: ParserBenchmark): void {
  parseDigests(content, paths, manifest, { workers: cores, cacheDir, benchmark }, SLIM_DIGEST, () => {}, stats, true);
}

/** The build's parse step with the workers timing parseReport: how much of the step is the parser. */
function parserShareOfStep(n: number, content: string, paths: readonly string[], manifest: ReturnType<typeof readSourcesManifest>): string {
  const stats: ParseAllStats = { parsed: 0, cached: 0, timedOut: 0, pruned: 0 };
  const processCpu = process.cpuUsage();
  inFreshParseCache((cacheDir) => buildParseStep(cacheDir, content, paths, manifest, stats, 'time-parser'));
  const all = cpuSeconds(process.cpuUsage(processCpu));
  const workers = (stats.workerCpuMicros ?? 0) / 1e6;
  const parser = (stats.parseCpuMicros ?? 0) / 1e6;
  return `parseReport ${fmt(parser)} s of the workers' ${fmt(workers)} s: ${fmt(n / parser, 0)} reports per CPU-second inside the parser, first reports included; the rest of the step (worker start, jobs, records into the cache, digests; this thread; V8's compiler and GC threads) ${fmt(all - parser)} s of ${fmt(all)} s`;
}

/** The parser alone with every core parsing at once (parse-cores.ts): from each worker's first report, and warm. */
async function allCoresRows(n: number, content: string): Promise<void> {
  const perWorker = Math.ceil(n / cores);
  const warmUp = perWorker >= CORES_WARM_UP + UNSEEN_CHUNK ? CORES_WARM_UP : 0;
  const r = await parseOnAllCores({ content, workers: cores, perWorker, warmUp });
  const reports = r.workers.reduce((sum, w) => sum + w.reports, 0);
  const perSecond = reports / (r.wallMs / 1000);
  row(
    `N=${n}: parse, ${cores} cores at once (a worker per core, its share read beforehand; the parser alone), from each worker's first report`,
    `${fmt(perSecond, 0)} reports/s (${fmt(perSecond / cores, 0)}/core), ${fmt(r.wallMs / 1000)} s, ${fmt(reports / (r.processCpuMs / 1000), 0)} reports per CPU-second (V8's compiler and GC threads included)`,
  );
  if (warmUp === 0) return;
  const rate = (count: number, ms: number) => fmt(count / (ms / 1000), 0);
  row(
    `N=${n}: parse, ${cores} cores at once, warm: each worker's reports after its first ${warmUp}, never parsed before`,
    `${r.workers.map((w) => rate(w.warmReports, w.warmWallMs)).join(' / ')} reports/s wall per core, ${r.workers.map((w) => rate(w.warmReports, w.warmCpuMs)).join(' / ')} per thread CPU-second`,
  );
}

/** The row for a data stage's parse step, from its timings line (its CPU is the whole process's: workers and V8's threads too). */
function readParse(kept: readonly string[]): string {
  const line = kept.map(parseTimingLine).find((t) => t?.scope === 'run' && parsedReadParseLabel(t.label));
  if (!line) return 'not measured (no timings line)';
  const { parsed, cached } = parsedReadParseLabel(line.label)!;
  if (parsed === 0) return `nothing parsed (${cached} cached)`;
  const perSecond = parsed / (line.wallMs / 1000);
  return `${parsed} parsed (${cached} cached): ${fmt(perSecond, 0)} reports/s (${fmt(perSecond / cores, 0)}/core), ${fmt(line.wallMs / 1000)} s, ${fmt(parsed / (line.cpuMs / 1000), 0)} reports per CPU-second`;
}

/** Rebuilds timed, each after its own one-report change; the rows give each, and the speed-up uses their median. */
const REBUILDS = 3;

/** A UTF-8 report: `change(k)` gives it one more sentence (the k-th), so its bytes change and nothing else does; `restore` puts it back. */
function oneReport(content: string): { change: (k: number) => void; restore: () => void } {
  const manifest = readSourcesManifest(content) as { files: Record<string, { note?: string | null }> };
  const file = Object.keys(manifest.files).find((f) => /, utf-8[;.]/.test(manifest.files[f]!.note ?? '') && f.endsWith('.txt'))!;
  const path = join(content, file);
  const original = readFileSync(path);
  return { change: (k) => appendFileSync(path, `本报告发布后更正了第${k + 1}处文字。\n`), restore: () => writeFileSync(path, original) };
}


async function fullBuild(n: number, content: string): Promise<void> {
  const root = resolve(values.out!, `n${n}`);
  const data = join(root, 'data');
  const site = join(root, 'site');
  const cache = join(root, 'cache');
  for (const d of [data, site, cache]) rmSync(d, { recursive: true, force: true });
  // The stages of `npm run build` (scripts/build.ts), one child process each so each gets its own time and peak RSS;
  // the second build runs over the first one's output and caches, as a user's rebuild would.
  const stageRun = (only: string, env: Record<string, string> = {}, keep?: RegExp) =>
    measure(NODE, [...TSX, 'scripts/build.ts', '--content', content, '--data', data, '--out', site, '--cache', join(cache, 'site'), '--only', only], { NIANBAO_CACHE_DIR: cache, ...env }, keep);
  // A clean build runs the stages one at a time (each uses both cores) and reports each; a rebuild runs site and
  // search as `npm run build` does, search beside an incremental site stage, and reports the two together.
  const build = async (label: string, overlapSiteAndSearch: boolean) => {
    // The data stage's own read + parse line (scripts/data.ts with NIANBAO_TIMINGS=1), for the parse step as the build
    // runs it at every N, 100,000 included (the pool rows above stop at 10,000).
    const d = await stageRun('data', { NIANBAO_TIMINGS: '1' }, /^timings: run read\+parse /);
    const stages: [string, Measured][] = [['data', d]];
    if (overlapSiteAndSearch) stages.push(['site + search (search beside the incremental site stage)', await stageRun('site,search')]);
    else stages.push(['site (astro)', await stageRun('site')], ['search (pagefind)', await stageRun('search')]);
    for (const [name, m] of stages) {
      if (!m.ok) console.error(`bench: ${label} ${name} failed:\n${m.output}`);
      row(`N=${n}: ${label} build: ${name}`, stage(m));
    }
    if (!overlapSiteAndSearch) row(`N=${n}: ${label} build: its data stage's parse step (read + hash + parse + record and digest kept, incl. worker start)`, readParse(d.kept));
    const seconds = stages.reduce((sum, [, m]) => sum + m.seconds, 0);
    const peak = Math.max(...stages.map(([, m]) => Math.max(m.treeMb, m.peakMb ?? 0)));
    const cpu = stages.every(([, m]) => m.cpu) ? stages.reduce((sum, [, m]) => sum + m.cpu!.user + m.cpu!.system, 0) : null;
    row(`N=${n}: ${label} build: total (peak of the largest stage)`, `${fmt(seconds)} s, CPU ${cpu === null ? '?' : fmt(cpu)} s, ${fmt(peak, 0)} MB`);
    return { data: d.seconds, total: seconds };
  };
  const clean = await build('clean', false);
  row(`N=${n}: output size: data / site / pagefind`, `${mb(dirBytes(data))} / ${mb(dirBytes(site))} / ${mb(dirBytes(join(site, 'pagefind')))}`);
  // The index is measured whenever Pagefind wrote one, even if build-search's own check failed.
  if (existsSync(join(site, 'pagefind', 'search.json'))) {
    try {
      const s = await searchPayload(site, values.query!);
      row(`N=${n}: search "${values.query}": downloaded`, `${fmt(s.bytes / 1024)} kB in ${s.requests} requests`);
    } catch (error) {
      row(`N=${n}: search "${values.query}": downloaded`, `not measured (${String(error).slice(0, 80)})`);
    }
  }
  // The first rebuild runs while the clean build's 2 GB of output may still be on their way to disk, so several
  // rebuilds are timed, each after its own change to the same report, and the speed-up is of their median.
  const report = oneReport(content);
  try {
    const again: { data: number; total: number }[] = [];
    for (let k = 0; k < REBUILDS; k++) {
      report.change(k);
      again.push(await build(`one report changed (${k + 1} of ${REBUILDS})`, true));
    }
    const data = median(again.map((a) => a.data));
    const total = median(again.map((a) => a.total));
    row(`N=${n}: one report changed: median of the ${REBUILDS} rebuilds, data stage / whole build`, `${fmt(data)} s / ${fmt(total)} s`);
    row(`N=${n}: rebuild speed-up (clean build / median rebuild), data stage / whole build`, `${fmt(clean.data / data)}× / ${fmt(clean.total / total)}×`);
  } finally {
    report.restore();
  }
}

async function main(): Promise<void> {
  mkdirSync(values.out!, { recursive: true });
  row('machine', `${cores} cores (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30)} GB, Node ${process.version}`);
  for (const n of sizes) {
    const { content, truth } = corpusFor(n);
    parseThroughput(n, content, truth);
    await allCoresRows(n, content);
    if (!values['parse-only']) await fullBuild(n, content);
  }
  const width = Math.max(...rows.map((r) => [...r[0]].length));
  console.log(`\nnpm run bench -- ${process.argv.slice(2).join(' ')}\n`);
  for (const [label, ...cells] of rows) console.log(`${label.padEnd(width)}  ${cells.join('  ')}`);
}

await main();
