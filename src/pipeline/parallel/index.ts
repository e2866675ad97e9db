/**
 * The parse step over a content folder: cached records where the file, its
 * provenance and the parser are unchanged; the rest parsed across cores.
 * Records come back in the order of `paths`.
 */
import { availableParallelism } from 'node:os';
import type { ReportRecord } from '../../schema/types.ts';
import { DEFAULT_LIMITS, readInputFile, type readSourcesManifest } from '../read.ts';
import { parseReport } from '../report.ts';
import { DEFAULT_CACHE_DIR, cacheKey, noCache, openCache } from './cache.ts';
import { runPool } from './pool.ts';
import { parserVersion } from './version.ts';

export interface ParseAllOptions {
  /** Worker threads; 0 parses in this thread (no per-file limit). Default: cores, or NIANBAO_WORKERS. */
  workers?: number;
  /** Per-file limit, ms. Default 20 s, or NIANBAO_PARSE_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Cache folder, or null for none. Default .cache/parse, or NIANBAO_CACHE_DIR ('off' disables). */
  cacheDir?: string | null;
}

export interface ParseAllStats {
  parsed: number;
  cached: number;
  timedOut: number;
}

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
}

export function resolveOptions(options: ParseAllOptions): Required<ParseAllOptions> {
  const envCache = process.env.NIANBAO_CACHE_DIR;
  return {
    workers: options.workers ?? envNumber('NIANBAO_WORKERS') ?? availableParallelism(),
    timeoutMs: options.timeoutMs ?? envNumber('NIANBAO_PARSE_TIMEOUT_MS') ?? 20_000,
    cacheDir: options.cacheDir !== undefined ? options.cacheDir : envCache === 'off' ? null : (envCache ?? DEFAULT_CACHE_DIR),
  };
}

export function parseAll(content: string, paths: readonly string[], manifest: ReturnType<typeof readSourcesManifest>, options: ParseAllOptions = {}, stats?: ParseAllStats): ReportRecord[] {
  const opts = resolveOptions(options);
  const cache = opts.cacheDir ? openCache(opts.cacheDir) : noCache();
  const version = opts.cacheDir ? parserVersion() : '';
  const records: ReportRecord[] = new Array(paths.length);
  const keys: string[] = new Array(paths.length);
  const counts: ParseAllStats = stats ?? { parsed: 0, cached: 0, timedOut: 0 };
  const store = (index: number, record: ReportRecord) => {
    records[index] = record;
    const timedOut = record.findings.some((f) => f.rule === 'file.timeout');
    if (timedOut) counts.timedOut++;
    else {
      counts.parsed++;
      if (opts.cacheDir) cache.put(keys[index]!, record);
    }
  };
  // 1. cache pass: hash every file; hits are done, misses are re-read when a worker is free.
  const misses: number[] = [];
  for (const [index, path] of paths.entries()) {
    const file = readInputFile(content, path, manifest, DEFAULT_LIMITS, index);
    keys[index] = cacheKey(file, version);
    const hit = opts.cacheDir ? cache.get(keys[index]!) : null;
    if (hit) {
      records[index] = hit;
      counts.cached++;
    } else misses.push(index);
  }
  // 2. parse the misses, across cores (no worker is started when nothing changed).
  let cursor = 0;
  const next = () => {
    if (cursor >= misses.length) return null;
    const index = misses[cursor++]!;
    return { index, file: readInputFile(content, paths[index]!, manifest, DEFAULT_LIMITS, index) };
  };
  if (misses.length === 0) return records;
  if (opts.workers <= 0) {
    for (let job = next(); job; job = next()) store(job.index, parseReport(job.file));
  } else {
    runPool(next, store, { workers: Math.min(opts.workers, misses.length), timeoutMs: opts.timeoutMs });
  }
  return records;
}
