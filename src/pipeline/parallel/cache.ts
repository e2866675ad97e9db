/**
 * Content-hash cache of parsed records: .cache/parse/<2 hex>/<key>.json.
 * The key covers the parser version, the file's path, its bytes' sha256 and
 * its provenance — everything a ReportRecord is a function of — so a hit is
 * byte-identical to a fresh parse.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InputFile, ReportRecord } from '../../schema/types.ts';

export const DEFAULT_CACHE_DIR = '.cache/parse';

export function cacheKey(file: Pick<InputFile, 'path' | 'sha256' | 'provenance'>, version: string): string {
  return createHash('sha256').update(JSON.stringify([version, file.path, file.sha256, file.provenance])).digest('hex');
}

export interface ParseCache {
  get(key: string): ReportRecord | null;
  put(key: string, record: ReportRecord): void;
  /** A small summary of the record stored beside it (<key>.digest.json), so a rebuild need not load the record. */
  getDigest<D>(key: string): D | null;
  putDigest<D>(key: string, digest: D): void;
  hits: number;
  misses: number;
}

function pathOf(dir: string, key: string, suffix = '.json'): string {
  return join(dir, key.slice(0, 2), `${key}${suffix}`);
}

const DIGEST = '.digest.json';

export function openCache(dir: string): ParseCache {
  const made = new Set<string>();
  // Written aside and renamed, so a reader never sees half a record.
  const write = (target: string, text: string) => {
    if (!made.has(dirname(target))) {
      mkdirSync(dirname(target), { recursive: true });
      made.add(dirname(target));
    }
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, target);
  };
  const cache: ParseCache = {
    hits: 0,
    misses: 0,
    get(key) {
      try {
        const record = JSON.parse(readFileSync(pathOf(dir, key), 'utf8')) as ReportRecord;
        cache.hits++;
        return record;
      } catch {
        cache.misses++;
        return null;
      }
    },
    put(key, record) {
      write(pathOf(dir, key), JSON.stringify(record));
    },
    getDigest<D>(key: string): D | null {
      try {
        return JSON.parse(readFileSync(pathOf(dir, key, DIGEST), 'utf8')) as D;
      } catch {
        return null;
      }
    },
    putDigest(key, digest) {
      write(pathOf(dir, key, DIGEST), JSON.stringify(digest));
    },
  };
  return cache;
}

/** A cache that never hits, for --no-cache runs. */
export function noCache(): ParseCache {
  return { hits: 0, misses: 0, get: () => null, put: () => {}, getDigest: () => null, putDigest: () => {} };
}
