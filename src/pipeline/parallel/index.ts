/**
 * The parse step over a content folder: cached records where the file, its
 * provenance and the parser are unchanged; the rest parsed across cores.
 */
import { availableParallelism } from 'node:os';
import type { InputFile, ReportRecord } from '../../schema/types.ts';
import { openFileStats } from '../file-stats.ts';
import { DEFAULT_LIMITS, readInputFile, recallInputFile, statInput, type readSourcesManifest } from '../read.ts';
import { DEFAULT_CACHE_DIR, cacheKey, noCache, openCache, type ParseCache } from './cache.ts';
import { SLIM_DIGEST, jsonDigest, type DigestForm } from './digest-form.ts';
import { runPool, type ParserBenchmark } from './pool.ts';
import type { DeflateJob, EmitJob, Prepare } from './prepare.ts';
import { parserVersion } from './version.ts';

export interface ParseAllOptions {
  /** Worker threads; 0 parses in this thread with `inThread` (no per-file limit). Default: cores, or NIANBAO_WORKERS. */
  workers?: number;
  /**
   * The parser (report.ts parseReport) for `workers: 0`, given by the caller: the workers load the parser
   * themselves, so a build's main thread never does (it is half of what its start-up would load).
   */
  inThread?: (file: InputFile) => ReportRecord;
  /** Per-file limit, ms. Default 20 s, or NIANBAO_PARSE_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Cache folder, or null for none. Default .cache/parse, or NIANBAO_CACHE_DIR ('off' disables). */
  cacheDir?: string | null;
  /** For npm run bench only (pool.ts ParserBenchmark): the parser timed, into ParseAllStats.parseCpuMicros, or left out. */
  benchmark?: ParserBenchmark;
}

export interface ParseAllStats {
  parsed: number;
  cached: number;
  timedOut: number;
  /** Records of other keys removed from the cache (a parser change or much churn: parallel/cache.ts flush). */
  pruned: number;
  /** CPU time of the worker threads' own threads, µs (not V8's shared compiler and GC threads); 0 when none ran. */
  workerCpuMicros?: number;
  /** With the 'time-parser' benchmark: of workerCpuMicros, the µs spent inside the parser (parseReport), first reports included. */
  parseCpuMicros?: number;
}

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
}

export function resolveOptions(options: ParseAllOptions): Required<Omit<ParseAllOptions, 'inThread' | 'benchmark'>> & Pick<ParseAllOptions, 'inThread'> {
  const envCache = process.env.NIANBAO_CACHE_DIR;
  return {
    inThread: options.inThread,
    workers: options.workers ?? envNumber('NIANBAO_WORKERS') ?? availableParallelism(),
    timeoutMs: options.timeoutMs ?? envNumber('NIANBAO_PARSE_TIMEOUT_MS') ?? 20_000,
    cacheDir: options.cacheDir !== undefined ? options.cacheDir : envCache === 'off' ? null : (envCache ?? DEFAULT_CACHE_DIR),
  };
}

/** How a caller takes each file's outcome: a cache hit (return false to have it parsed after all) or a parsed record. */
interface Outcomes {
  hit(index: number, key: string, cache: ParseCache): boolean;
  /** `stored` is the cache the record was just put in, or null (no cache, or a timed-out file, which is never cached). */
  parsed(index: number, key: string, record: ReportRecord, stored: ParseCache | null): void;
  /** With `prepare`: a worker parsed the file and put the record in the cache (prepare.ts keepRecord); this is its digest's text (SLIM_DIGEST). */
  prepared?(index: number, key: string, digestText: string, stored: ParseCache): void;
  /** Keep parsed records in the workers (prepare.ts keepRecord). */
  prepare?: boolean;
}

/**
 * Each file is read once: its bytes give the cache key and, on a miss, go to
 * a worker (copied: a job queued behind a file that times out is sent again).
 * Files are read lazily, as workers' queues have room, so only the files
 * being parsed or queued are in memory.
 */
function parseCore(content: string, paths: readonly string[], manifest: ReturnType<typeof readSourcesManifest>, options: ParseAllOptions, outcomes: Outcomes, stats?: ParseAllStats): void {
  const opts = resolveOptions(options);
  const cache = opts.cacheDir ? openCache(opts.cacheDir) : noCache();
  const version = opts.cacheDir ? parserVersion() : '';
  const keys: string[] = new Array(paths.length);
  const counts: ParseAllStats = stats ?? { parsed: 0, cached: 0, timedOut: 0, pruned: 0 };
  const store = (index: number, record: ReportRecord | null, digest?: unknown) => {
    if (record === null) {
      counts.parsed++;
      outcomes.prepared!(index, keys[index]!, digest as string, cache);
      return;
    }
    const timedOut = record.findings.some((f) => f.rule === 'file.timeout');
    if (timedOut) counts.timedOut++;
    else {
      counts.parsed++;
      if (opts.cacheDir) cache.put(keys[index]!, record);
    }
    outcomes.parsed(index, keys[index]!, record, !timedOut && opts.cacheDir ? cache : null);
  };
  // With a cache, a file whose size, mtime and inode are those of the last run is known by its hash unread.
  const fileStats = opts.cacheDir ? openFileStats(opts.cacheDir) : null;
  // Reads files in order; cache hits are handed over at once, the first miss is returned for parsing.
  let cursor = 0;
  const prepare = opts.cacheDir && opts.workers > 0 && outcomes.prepare && outcomes.prepared ? { cacheDir: opts.cacheDir } : null;
  const next = (): { index: number; file: InputFile; prepare?: Prepare } | null => {
    while (cursor < paths.length) {
      const index = cursor++;
      // One lstat serves both the recall and the read.
      const stat = fileStats && index < DEFAULT_LIMITS.maxFiles ? statInput(content, paths[index]!) : undefined;
      const recalled = fileStats && recallInputFile(content, paths[index]!, manifest, fileStats, DEFAULT_LIMITS, index, stat);
      if (recalled) {
        keys[index] = cacheKey(recalled, version);
        if (outcomes.hit(index, keys[index]!, cache)) {
          counts.cached++;
          continue;
        }
      }
      const file = readInputFile(content, paths[index]!, manifest, DEFAULT_LIMITS, index, fileStats ?? undefined, stat);
      keys[index] = cacheKey(file, version);
      const missed = recalled?.sha256 === file.sha256; // already looked up above, under the same key
      if (missed || !opts.cacheDir || !outcomes.hit(index, keys[index]!, cache)) return prepare ? { index, file, prepare: { ...prepare, key: keys[index]! } } : { index, file };
      counts.cached++;
    }
    return null;
  };
  try {
    if (opts.workers <= 0) {
      const parse = opts.inThread;
      if (!parse) throw new Error('parsing in this thread (workers: 0) needs the parser as options.inThread');
      for (let job = next(); job; job = next()) store(job.index, parse(job.file));
      return;
    }
    const first = next();
    if (!first) return; // nothing changed: no worker is started
    let pending: typeof first | null = first;
    const feed = () => {
      const job = pending ?? next();
      pending = null;
      return job;
    };
    const usage: { workerCpuMicros: number; parseCpuMicros?: number } = { workerCpuMicros: 0 };
    runPool(feed, store, { workers: Math.min(opts.workers, paths.length - first.index), timeoutMs: opts.timeoutMs, usage, benchmark: options.benchmark });
    counts.workerCpuMicros = usage.workerCpuMicros;
    if (usage.parseCpuMicros !== undefined) counts.parseCpuMicros = usage.parseCpuMicros;
  } finally {
    counts.pruned = cache.flush(keys.length === paths.length && !keys.includes(undefined as unknown as string) ? keys : undefined);
    fileStats?.save();
  }
}

/** Every file's record, in the order of `paths`. */
export function parseAll(content: string, paths: readonly string[], manifest: ReturnType<typeof readSourcesManifest>, options: ParseAllOptions = {}, stats?: ParseAllStats): ReportRecord[] {
  const records: ReportRecord[] = new Array(paths.length);
  parseCore(content, paths, manifest, options, {
    hit(index, key, cache) {
      const record = cache.get(key, false);
      if (record) records[index] = record;
      return record !== null;
    },
    parsed: (index, _key, record) => (records[index] = record),
  }, stats);
  return records;
}

/**
 * One file's outcome for parseDigests: its cache key, its digest, and its
 * record when it was at hand (parsed now, or read because no digest was
 * cached); `cached` says whether the record can be read back from the cache by key.
 */
export type OnDigest<D> = (index: number, key: string, digest: D, record: ReportRecord | null, cached: boolean) => void;


/**
 * The parse step for callers that keep only a digest of each record: the
 * digest is cached beside the record, so an unchanged file costs reading its
 * bytes and a small file, not loading its record. `digest` makes it and says
 * how it is written (a function: plain JSON). With `keepInWorkers`, the
 * workers make it themselves, so it must be the data stage's, SLIM_DIGEST.
 */
export function parseDigests<D>(content: string, paths: readonly string[], manifest: ReturnType<typeof readSourcesManifest>, options: ParseAllOptions, digest: DigestForm<D> | ((record: ReportRecord) => D), onDigest: OnDigest<D>, stats?: ParseAllStats, keepInWorkers = false): void {
  const form = typeof digest === 'function' ? jsonDigest(digest) : digest;
  if (keepInWorkers && form !== (SLIM_DIGEST as unknown)) throw new Error('parseDigests: workers keep records with the SLIM_DIGEST form only');
  parseCore(content, paths, manifest, options, {
    prepare: keepInWorkers,
    prepared(index, key, text, c) {
      // The text the digest log keeps is also what travels from the worker: one parse here, no clone and no stringify.
      c.putDigestJson(key, text);
      onDigest(index, key, form.parse(text), null, true);
    },
    hit(index, key, c) {
      const cached = c.getDigest(key, form.parse);
      if (cached !== null) {
        onDigest(index, key, cached, null, true);
        return true;
      }
      const record = c.get(key, false);
      if (!record) return false;
      const made = form.of(record);
      c.putDigest(key, made, form.text);
      onDigest(index, key, made, record, true);
      return true;
    },
    parsed(index, key, record, stored) {
      const made = form.of(record);
      stored?.putDigest(key, made, form.text);
      onDigest(index, key, made, record, stored !== null);
    },
  }, stats);
}

/**
 * The emit outputs of reports the emit cache does not hold yet, made across
 * the worker threads (emit-jobs.ts emitReport) before the emit stage runs; a job
 * a worker could not do is simply left to the emit stage. Returns the
 * report_ids whose files and entry the workers wrote. Too few jobs to be
 * worth starting workers for are left to it too.
 */
export function emitInWorkers(jobs: readonly EmitJob[], options: ParseAllOptions = {}): Set<string> {
  const opts = resolveOptions(options);
  const done = new Set<string>();
  if (opts.workers <= 0 || jobs.length < MIN_EMIT_JOBS) return done;
  runJobs(jobs.map((emit) => ({ name: emit.report_id, emit })), Math.min(opts.workers, Math.ceil(jobs.length / MIN_EMIT_JOBS)), opts.timeoutMs, (index) => done.add(jobs[index]!.report_id));
  return done;
}

/**
 * Whole files (the CSV datasets) compressed for the zip across the worker
 * threads, largest first, into the deflate cache (emit-jobs.ts deflateFile);
 * a file a worker could not do is left to the zip writer. Worth it only when
 * there is enough to compress.
 */
export function deflateInWorkers(jobs: readonly (DeflateJob & { bytes: number })[], options: ParseAllOptions = {}, minBytes = MIN_DEFLATE_BYTES): void {
  const opts = resolveOptions(options);
  const total = jobs.reduce((n, j) => n + j.bytes, 0);
  if (opts.workers <= 0 || jobs.length < 2 || total < minBytes) return;
  const sorted = [...jobs].sort((a, b) => b.bytes - a.bytes);
  // No per-file limit worth the name: a large CSV takes as long as it takes. One job per worker at a time, so the
  // largest files spread over the workers as they free up rather than in turns fixed in advance.
  runJobs(sorted.map(({ bytes: _, ...deflate }) => ({ name: deflate.path, deflate })), Math.min(opts.workers, jobs.length), DEFLATE_TIMEOUT_MS, undefined, 1);
}

/** `succeeded` hears of each job a worker finished with `true`. */
function runJobs(jobs: readonly { name: string; emit?: EmitJob; deflate?: DeflateJob }[], workers: number, timeoutMs: number, succeeded: (index: number) => void = () => {}, queueDepth?: number): void {
  let cursor = 0;
  const next = () => {
    if (cursor >= jobs.length) return null;
    const index = cursor++;
    const { name, ...job } = jobs[index]!;
    const file: InputFile = { path: name, bytes: new Uint8Array(0), sha256: '', provenance: { source_url: null, obtained: null, note: null } };
    return { index, file, ...job };
  };
  runPool(next, (index, record, result) => {
    if (record === null && result === true) succeeded(index);
  }, { workers, timeoutMs, queueDepth, work: 'emit' });
}

/** Below this much to compress, starting workers (about a second) costs more than it saves. */
const MIN_DEFLATE_BYTES = 64 << 20;
const DEFLATE_TIMEOUT_MS = 600_000;

/** Below this many reports to emit, starting workers costs more than it saves. */
const MIN_EMIT_JOBS = 16;
