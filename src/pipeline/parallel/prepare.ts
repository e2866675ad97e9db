/**
 * Per-report work done in the worker threads besides parsing, so it runs
 * across cores and the main thread handles small digests, not records: a
 * parsed record goes straight into the parse cache (keepRecord), and after
 * the cross-report rules each report's emit outputs are made from its cached
 * record (emitReport). The emit stage then finds them in its cache; the bytes
 * are those its report pass would make itself.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, ReportRecord } from '../../schema/types.ts';
import { digestOf, withCrossResults } from '../cross/slim.ts';
import { openEmitCache, type EmitCache } from '../emit/cache.ts';
import { writeIfChanged } from '../emit/files.ts';
import { deflatePieces } from '../emit/segments.ts';
import { reportEntry } from '../emit/report-outputs.ts';
import { ZIP_LEVEL } from '../emit/zip.ts';
import { sha256Hex } from '../read.ts';
import { openCache, type ParseCache } from './cache.ts';

export interface Prepare {
  /** The record's parse cache key and folder. */
  key: string;
  cacheDir: string;
}

/** A whole output file a worker compresses into the emit cache's deflate folder (see deflateFile). */
export interface DeflateJob {
  path: string;
  sha256: string;
  emitCacheDir: string;
}

/** A report whose emit outputs a worker makes after the cross-report rules ran (see emitReport). */
export interface EmitJob {
  key: string;
  cacheDir: string;
  report_id: string;
  added: Finding[];
  /** Its emit cache key (report-outputs.ts entryKey). */
  entryKey: string;
  emitCacheDir: string;
  /** The output folder whose reports/ and markdown/ get the files. */
  out: string;
}

const caches = new Map<string, ParseCache>();
const emitCaches = new Map<string, EmitCache>();
const made = new Set<string>();

function parseCacheAt(dir: string): ParseCache {
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = openCache(dir)));
  return cache;
}

/**
 * In a parse worker: the record goes into the parse cache, and only its
 * digest back to the main thread, as the JSON text the digest log keeps (a
 * string is copied, not cloned field by field, and is not stringified there).
 */
export function keepRecord(record: ReportRecord, job: Prepare): string {
  parseCacheAt(job.cacheDir).put(job.key, record);
  return JSON.stringify(digestOf(record));
}

/** In a worker with no job left queued: the parse caches' pack files are closed (a worker's files are not closed when it ends). */
export function releaseCaches(): void {
  for (const cache of caches.values()) cache.flush();
}

/**
 * In a worker, after the cross-report rules: one report's emit cache entry and
 * its JSON and markdown files (written when their bytes change), exactly as
 * the emit stage's report pass would make them, which then finds them done.
 */
export function emitReport(job: EmitJob): boolean {
  const stored = parseCacheAt(job.cacheDir).get(job.key);
  if (!stored) return false;
  const record = withCrossResults(stored, job.report_id, job.added);
  const emit = emitCacheAt(job.emitCacheDir);
  const { entry, json, markdown } = reportEntry(record);
  for (const [dir, name, bytes] of [['reports', `${job.report_id}.json`, json], ['markdown', `${job.report_id}.md`, markdown]] as const) {
    const folder = join(job.out, dir);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeIfChanged(join(folder, name), bytes);
  }
  emit.putReport(job.entryKey, entry);
  return true;
}

function emitCacheAt(dir: string): EmitCache {
  let emit = emitCaches.get(dir);
  if (!emit) emitCaches.set(dir, (emit = openEmitCache(dir)));
  return emit;
}

/** In a worker: a CSV file's zip entry, compressed in pieces into the deflate cache (archive.ts then finds it there). */
export function deflateFile(job: DeflateJob): boolean {
  const bytes = readFileSync(job.path);
  if (sha256Hex(bytes) !== job.sha256) return false;
  const cache = emitCacheAt(job.emitCacheDir);
  cache.putDeflated(job.sha256, deflatePieces(bytes, cache, ZIP_LEVEL));
  return true;
}
