/**
 * The emit side of the workers' per-report work (prepare.ts): after the
 * cross-report rules, a report's emit outputs made from its cached record,
 * and whole CSV files compressed for the zip. Only an emit worker loads this
 * (emit-worker.ts), so a parse worker does not load the emit code, nor an emit
 * worker the parser.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCrossResults } from '../cross/slim.ts';
import { openEmitCache, type EmitCache } from '../emit/cache.ts';
import { writeIfChanged } from '../emit/files.ts';
import { deflatePieces } from '../emit/segments.ts';
import { reportEntry } from '../emit/report-outputs.ts';
import { ZIP_LEVEL } from '../emit/zip.ts';
import { sha256Hex } from '../read.ts';
import { parseCacheAt, type DeflateJob, type EmitJob } from './prepare.ts';

const emitCaches = new Map<string, EmitCache>();
const made = new Set<string>();

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
