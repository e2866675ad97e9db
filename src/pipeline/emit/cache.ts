/**
 * The emit stage's caches, under .cache/emit (NIANBAO_CACHE_DIR=X puts them
 * in X/emit, NIANBAO_CACHE_DIR=off disables them, as for the parse cache):
 *
 * - reports/<2 hex>/<key>.bin: one report's CSV row blocks (UTF-8 bytes),
 *   its markdown deflated for the zip, and the sha256 of its JSON and
 *   markdown, keyed by the code version and what the record is a function of
 *   (the sha256 of its JSON, or its parse key and the changes of the
 *   cross-report rules), so a hit is what a fresh computation would give.
 *   Binary, read in one go: a 4-byte length, a JSON header, the blocks, the
 *   deflated markdown;
 * - deflate/<2 hex>/<sha256>.z: a whole file's zip entry (CSV, datapackage.json,
 *   README.md) keyed by the sha256 of its content: 8 bytes of CRC-32 and
 *   length, then the sha256 of each of its pieces (segments.ts), 32 bytes each;
 * - pieces/<2 hex>/<sha256>.p: one piece compressed on its own (deflate.ts
 *   deflatePiece), keyed by the sha256 of its bytes, so the next version of a
 *   file is compressed again only in the pieces that changed.
 *
 * Entries are written aside and renamed, so a reader never sees half of one.
 * Pruned by the emit stage (cache-prune.ts): deflate/ keeps only the current
 * whole files' entries and pieces/ only their pieces; reports/ loses the entries a run did not use whenever
 * the parse cache drops its stale records (a parser change makes every key new).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_CACHE_DIR } from '../parallel/cache.ts';
import { FINAL_EMPTY_BLOCK } from './deflate.ts';
import type { PieceAt, PiecedEntry, PieceStore } from './segments.ts';
import type { DeflatedEntry } from './zip-writer.ts';

/** A report's CSV block: its data lines as UTF-8 and how many rows they are. */
export interface BlockBytes {
  bytes: Uint8Array;
  rows: number;
}

/** What the emit stage needs of one report besides its JSON and markdown files. */
export interface ReportEntry {
  /** sha256 and length of reports/<id>.json. */
  json_sha256: string;
  json_bytes: number;
  markdown_sha256: string;
  markdown: DeflatedEntry;
  csv: Map<string, BlockBytes>;
}

export interface EmitCache extends PieceStore {
  report(key: string): ReportEntry | null;
  /** Whether an entry is stored under the key (without reading it). */
  hasReport(key: string): boolean;
  /** The keys of every report entry stored now: one listing per shard folder instead of a lookup per key. */
  reportKeys(): Set<string>;
  putReport(key: string, entry: ReportEntry): void;
  /** A whole file's zip entry, put together from its pieces (their sha256 and compressed length, in order); null when it or any of its pieces is missing. */
  deflated(sha256: string): (DeflatedEntry & { pieces: PieceAt[] }) | null;
  /** Keeps a whole file's entry: its CRC-32, length and pieces (the pieces themselves are put one by one). */
  putDeflated(sha256: string, entry: Pick<PiecedEntry, 'entry' | 'pieces'>): void;
  /** The pieces of a whole file's entry, or null. */
  piecesOf(sha256: string): string[] | null;
}

/**
 * The emit cache folder that goes with a parse cache folder (parallel/cache.ts):
 * none without one, .cache/emit beside the default .cache/parse, X/emit
 * inside any other (NIANBAO_CACHE_DIR=X).
 */
export function emitCacheFor(parseCacheDir: string | null): string | null {
  if (parseCacheDir === null) return null;
  return parseCacheDir === DEFAULT_CACHE_DIR ? join(dirname(DEFAULT_CACHE_DIR), 'emit') : join(parseCacheDir, 'emit');
}

function writeAtomically(path: string, bytes: Uint8Array | string, made: Set<string>): void {
  const dir = dirname(path);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

const REPORT_SUFFIX = '.bin';
/** A two-hex-digit shard folder (other names under reports/ are not entries). */
const SHARD = /^[0-9a-f]{2}$/u;

function listOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

export function openEmitCache(dir: string): EmitCache {
  const made = new Set<string>();
  const reportPath = (key: string) => join(dir, 'reports', key.slice(0, 2), `${key}${REPORT_SUFFIX}`);
  const deflatePath = (sha: string) => join(dir, 'deflate', sha.slice(0, 2), `${sha}.z`);
  const piecePath = (sha: string) => join(dir, 'pieces', sha.slice(0, 2), `${sha}.p`);
  const readIndex = (sha: string) => {
    const bytes = readOrNull(deflatePath(sha));
    if (!bytes || bytes.length < 8 || (bytes.length - 8) % 32 !== 0) return null;
    const pieces: string[] = [];
    for (let at = 8; at < bytes.length; at += 32) pieces.push(bytes.toString('hex', at, at + 32));
    return { crc: bytes.readUInt32LE(0), size: bytes.readUInt32LE(4), pieces };
  };
  return {
    report(key) {
      const bytes = readOrNull(reportPath(key));
      try {
        return bytes ? decodeEntry(bytes) : null;
      } catch {
        return null; // a damaged entry is a miss
      }
    },
    hasReport(key) {
      return existsSync(reportPath(key));
    },
    reportKeys() {
      const keys = new Set<string>();
      const root = join(dir, 'reports');
      for (const shard of listOrEmpty(root)) {
        if (!SHARD.test(shard)) continue;
        for (const name of listOrEmpty(join(root, shard))) if (name.endsWith(REPORT_SUFFIX)) keys.add(name.slice(0, -REPORT_SUFFIX.length));
      }
      return keys;
    },
    putReport(key, entry) {
      writeAtomically(reportPath(key), encodeEntry(entry), made);
    },
    deflated(sha) {
      const index = readIndex(sha);
      if (!index) return null;
      const parts: Uint8Array[] = [];
      const pieces: PieceAt[] = [];
      for (const piece of index.pieces) {
        const data = readOrNull(piecePath(piece));
        if (!data) return null;
        parts.push(data);
        pieces.push([piece, data.length]);
      }
      parts.push(FINAL_EMPTY_BLOCK);
      return { crc: index.crc, size: index.size, data: Buffer.concat(parts), pieces };
    },
    putDeflated(sha, { entry, pieces }) {
      const index = Buffer.alloc(8 + 32 * pieces.length);
      index.writeUInt32LE(entry.crc >>> 0, 0);
      index.writeUInt32LE(entry.size, 4);
      pieces.forEach((p, i) => index.write(p, 8 + 32 * i, 'hex'));
      writeAtomically(deflatePath(sha), index, made);
    },
    piecesOf(sha) {
      return readIndex(sha)?.pieces ?? null;
    },
    piece(sha) {
      return readOrNull(piecePath(sha));
    },
    putPiece(sha, data) {
      writeAtomically(piecePath(sha), data, made);
    },
  };
}

/** No cache: every lookup misses, nothing is stored. */
export function noEmitCache(): EmitCache {
  return { report: () => null, hasReport: () => false, reportKeys: () => new Set(), putReport: () => {}, deflated: () => null, putDeflated: () => {}, piecesOf: () => null, piece: () => null, putPiece: () => {} };
}

interface EntryHeader {
  json_sha256: string;
  json_bytes: number;
  markdown_sha256: string;
  markdown_crc: number;
  markdown_size: number;
  markdown_deflated: number;
  /** [dataset name, rows, bytes], in the order the blocks follow the header. */
  csv: [string, number, number][];
}

export function encodeEntry(entry: ReportEntry): Buffer {
  const header: EntryHeader = {
    json_sha256: entry.json_sha256,
    json_bytes: entry.json_bytes,
    markdown_sha256: entry.markdown_sha256,
    markdown_crc: entry.markdown.crc >>> 0,
    markdown_size: entry.markdown.size,
    markdown_deflated: entry.markdown.data.length,
    csv: [...entry.csv].map(([name, b]) => [name, b.rows, b.bytes.length]),
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length, 0);
  return Buffer.concat([length, head, ...[...entry.csv.values()].map((b) => b.bytes), entry.markdown.data]);
}

export function decodeEntry(bytes: Buffer): ReportEntry | null {
  if (bytes.length < 4) return null;
  const end = 4 + bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, end).toString('utf8')) as EntryHeader;
  const csv = new Map<string, BlockBytes>();
  let at = end;
  for (const [name, rows, length] of header.csv) {
    csv.set(name, { rows, bytes: bytes.subarray(at, at + length) });
    at += length;
  }
  if (at + header.markdown_deflated !== bytes.length) return null;
  const markdown = { crc: header.markdown_crc, size: header.markdown_size, data: bytes.subarray(at) };
  return { json_sha256: header.json_sha256, json_bytes: header.json_bytes, markdown_sha256: header.markdown_sha256, markdown, csv };
}
