/**
 * Per-report work done in the worker threads besides parsing, so it runs
 * across cores and the main thread handles small digests, not records: a
 * parsed record goes straight into the parse cache (keepRecord), and after
 * the cross-report rules each report's emit outputs are made from its cached
 * record (emit-jobs.ts emitReport). The emit stage then finds them in its
 * cache; the bytes are those its report pass would make itself. This module
 * is what a parse worker loads besides the parser; the emit side is in
 * emit-jobs.ts, which only an emit worker loads (emit-worker.ts).
 */
import type { Finding, ReportRecord } from '../../schema/types.ts';
import { digestOf } from '../cross/slim.ts';
import { digestText } from './digest-form.ts';
import { openCache, type ParseCache } from './cache.ts';

export interface Prepare {
  /** The record's parse cache key and folder. */
  key: string;
  cacheDir: string;
}

/** A whole output file a worker compresses into the emit cache's deflate folder (emit-jobs.ts deflateFile). */
export interface DeflateJob {
  path: string;
  sha256: string;
  emitCacheDir: string;
}

/** A report whose emit outputs a worker makes after the cross-report rules ran (emit-jobs.ts emitReport). */
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

/** The parse cache in `dir`, opened once per worker. */
export function parseCacheAt(dir: string): ParseCache {
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = openCache(dir)));
  return cache;
}

/**
 * In a parse worker: the record goes into the parse cache, and only its
 * digest back to the main thread, as the text the digest log keeps
 * (digest-form.ts SLIM_DIGEST: a string is copied, not cloned field by
 * field, and is not made there).
 */
export function keepRecord(record: ReportRecord, job: Prepare): string {
  parseCacheAt(job.cacheDir).put(job.key, record);
  return digestText(digestOf(record));
}

/** In a worker with no job left queued: the parse caches' pack files are closed (a worker's files are not closed when it ends). */
export function releaseCaches(): void {
  for (const cache of caches.values()) cache.flush();
}
