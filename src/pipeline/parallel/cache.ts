/**
 * Content-hash cache of parsed records, in append-only pack files under
 * .cache/parse/records/ (packs.ts) in the cache's own record form, its tables'
 * cells as columns and its sections' texts in UTF-16 after the JSON (record-form.ts), with a digest of each (digests.jsonl).
 * The key covers the parser version, the file's path, its bytes' sha256 and
 * its provenance — everything a ReportRecord is a function of — so a hit is
 * byte-identical to a fresh parse.
 */
import { pruneKeyedFiles } from '../cache-prune.ts';
import { hash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InputFile, ReportRecord } from '../../schema/types.ts';
import { encodeEntry, entryRoom, openPacks } from './packs.ts';
import { decodeRecord, encodeRecord } from './record-form.ts';

export const DEFAULT_CACHE_DIR = '.cache/parse';

export function cacheKey(file: Pick<InputFile, 'path' | 'sha256' | 'provenance'>, version: string): string {
  return hash('sha256', JSON.stringify([version, file.path, file.sha256, file.provenance]), 'hex');
}

export interface ParseCache {
  /**
   * The record, or null. `fresh: false` when a record put since the cache was
   * first read from need not be found (a miss then only means parsing again).
   */
  get(key: string, fresh?: boolean): ReportRecord | null;
  put(key: string, record: ReportRecord): void;
  /**
   * A small summary of the record, so a rebuild need not load the record. All
   * digests live in one append-only file (digests.jsonl, one `<key>\t<json>`
   * line each), read once: one read instead of one small file per report.
   */
  getDigest<D>(key: string, parse?: (text: string) => D): D | null;
  putDigest<D>(key: string, digest: D, text?: (digest: D) => string): void;
  /** putDigest with the digest's JSON text already made (by a worker). */
  putDigestJson(key: string, json: string): void;
  /**
   * Writes pending digests and closes the record pack this cache appends to; with the keys of this run, once the
   * digest file holds many more than those, rewrites it without the others and removes their records (or, once
   * there are many packs, merges the small ones). Returns how many records it removed.
   */
  flush(keep?: readonly string[]): number;
  hits: number;
  misses: number;
}

const DIGEST_LOG = 'digests.jsonl';
/** Pending digest lines are appended in batches of this many. */
const DIGEST_BATCH = 256;
const KEY_LENGTH = 64;
const TAB = 0x09;
const NEWLINE = 0x0a;
/** The buffer pending digest lines are encoded into is kept between batches up to this size. */
const MAX_PENDING_BUFFER = 8 << 20;
/** More record packs than this are merged at the next flush with this run's keys. */
const MAX_PACKS = 64;

/**
 * key → the digest's JSON text, from the digest file (lines that are not whole are skipped: a miss), each as its
 * UTF-8 bytes, decoded when asked for. Decoding the whole file into one string took longer than reading the bytes,
 * decoding and parsing every line (21.8 MB of digests for the 10,000-report bench corpus: 334 against 222 ms).
 */
function readDigestLog(path: string): Map<string, string | Buffer> {
  const out = new Map<string, string | Buffer>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return out;
  }
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    // The key is hex, so its characters are its bytes.
    if (bytes[start + KEY_LENGTH] === TAB && end > start + KEY_LENGTH + 1) out.set(bytes.toString('latin1', start, start + KEY_LENGTH), bytes.subarray(start + KEY_LENGTH + 1, end));
    start = end + 1;
  }
  return out;
}

/** A digest's JSON text, as put or as read from the digest file. */
const textOf = (stored: string | Buffer): string => (typeof stored === 'string' ? stored : stored.toString('utf8'));

export function openCache(dir: string): ParseCache {
  const made = new Set<string>();
  const folder = (target: string) => {
    if (!made.has(dirname(target))) {
      mkdirSync(dirname(target), { recursive: true });
      made.add(dirname(target));
    }
  };
  // Written aside and renamed, so a reader never sees half the digest file.
  const write = (target: string, text: string) => {
    folder(target);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, target);
  };
  const packs = openPacks(dir);
  const logPath = join(dir, DIGEST_LOG);
  let digests: Map<string, string | Buffer> | null = null;
  let lines = 0;
  // Pending digest lines, encoded as they come into one buffer (kept from one batch to the next).
  let pending = Buffer.allocUnsafe(0);
  let pendingBytes = 0;
  let pendingLines = 0;
  const loaded = () => {
    if (!digests) {
      digests = readDigestLog(logPath);
      lines = digests.size;
    }
    return digests;
  };
  const append = () => {
    if (pendingLines === 0) return;
    mkdirSync(dir, { recursive: true });
    // One write per batch of whole lines; a line cut short by a crash only costs its digest.
    appendFileSync(logPath, pending.subarray(0, pendingBytes));
    lines += pendingLines;
    pendingBytes = 0;
    pendingLines = 0;
    // A batch grown by a very long digest does not keep its buffer.
    if (pending.length > MAX_PENDING_BUFFER) pending = Buffer.allocUnsafe(0);
  };
  const cache: ParseCache = {
    hits: 0,
    misses: 0,
    get(key, fresh = true) {
      const payload = packs.read(key, fresh);
      let record: ReportRecord | null = null;
      try {
        if (payload !== null) record = decodeRecord<ReportRecord>(payload);
      } catch {
        // Not whole JSON, or not of the record form: a miss.
      }
      if (record) cache.hits++;
      else cache.misses++;
      return record;
    },
    put(key, record) {
      const { json, texts } = encodeRecord(record);
      packs.append(key, json, texts);
    },
    // A digest is JSON by default; the data stage's has a form of its own (digest-form.ts).
    getDigest<D>(key: string, parse: (text: string) => D = (text) => JSON.parse(text) as D): D | null {
      const stored = loaded().get(key);
      if (stored === undefined) return null;
      const text = textOf(stored);
      try {
        return parse(text);
      } catch {
        return null;
      }
    },
    putDigest<D>(key: string, digest: D, text: (digest: D) => string = (d) => JSON.stringify(d)) {
      cache.putDigestJson(key, text(digest));
    },
    putDigestJson(key, text) {
      loaded().set(key, text);
      const room = pendingBytes + entryRoom(key, text);
      if (room > pending.length) {
        const grown = Buffer.allocUnsafe(Math.max(room, pending.length * 2));
        pending.copy(grown, 0, 0, pendingBytes);
        pending = grown;
      }
      pendingBytes += encodeEntry(key, text, pending, pendingBytes);
      if (++pendingLines >= DIGEST_BATCH) append();
    },
    flush(keep) {
      append();
      packs.release();
      if (!keep) return 0;
      if (!digests || lines <= keep.length + (keep.length >> 2) + 1000) return packs.count() > MAX_PACKS ? packs.prune(new Set(keep)) : 0;
      const wanted = [...new Set(keep)].filter((k) => digests!.has(k));
      write(logPath, wanted.map((k) => `${k}\t${textOf(digests!.get(k)!)}\n`).join(''));
      lines = wanted.length;
      // The same churn left the records of those keys behind (a parser change makes every key new); records of
      // the cache's earlier layout, one file per key (<2 hex>/<key>.json), go too.
      const kept = new Set(keep);
      return packs.prune(kept) + pruneKeyedFiles(dir, ['.json'], kept);
    },
  };
  return cache;
}

/** A cache that never hits, for --no-cache runs. */
export function noCache(): ParseCache {
  return { hits: 0, misses: 0, get: () => null, put: () => {}, getDigest: () => null, putDigest: () => {}, putDigestJson: () => {}, flush: () => 0 };
}
