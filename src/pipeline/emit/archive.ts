/**
 * nianbao-data.zip assembled from its parts: whole files (the CSVs,
 * datapackage.json, README.md), deflated now or taken from the deflate cache
 * by their sha256, and the markdown entries already deflated by the report
 * pass. Written entry by entry in name order, as deterministicZip orders them.
 * With the previous run's state (state.ts), an entry the previous zip already
 * holds (an unchanged report's markdown, a file with the same sha256) is
 * copied from it as raw bytes, and a zip that would come out the same is not
 * written at all; a changed file is compressed again only in the pieces that
 * changed (segments.ts), and its unchanged pieces are copied from its entry in
 * the previous zip, where they lie one after the other.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { EmitCache } from './cache.ts';
import type { PartEntry } from './report-pass.ts';
import type { ZipState } from './state.ts';
import { localLength, openZipWriter, type ZipEntryAt } from './zip-writer.ts';
import { deflateAfter, deflatePieces, type PieceAt, type PieceStore } from './segments.ts';
import { ZIP_LEVEL } from './zip.ts';
import { FINAL_EMPTY_BLOCK } from './deflate.ts';

/** A whole file of the output folder that goes into the zip under its own name. */
export interface WholeFile {
  name: string;
  sha256: string;
  /** How many leading bytes it has exactly as the version the previous zip holds (files.ts CsvSink), when known. */
  same?: number;
}

export interface ArchiveResult {
  bytes: number;
  sha256: string;
  entries: ZipEntryAt[];
  /** True when the previous zip was left as it is. */
  unchanged: boolean;
  /** Each whole file's pieces, as far as known, for the next run's state (ZipState.pieces). */
  pieces: Record<string, PieceAt[]>;
}

function readAt(fd: number, start: number, length: number, what: string): Buffer {
  const data = Buffer.alloc(length);
  if (length && readSync(fd, data, 0, length, start) !== length) throw new Error(`short read of ${what} at ${start}`);
  return data;
}

/** At most this many bytes of unchanged entries are copied at once. */
const RAW_RUN_BYTES = 16 << 20;

export function writeArchive(out: string, zipName: string, whole: readonly WholeFile[], parts: readonly PartEntry[], partsPath: string, cache: EmitCache, previous: ZipState | null = null): ArchiveResult {
  type Item = { name: string; whole?: WholeFile; part?: PartEntry; old?: ZipEntryAt };
  const before = new Map((previous?.entries ?? []).map((e) => [e.name, e]));
  const items: Item[] = [
    ...whole.map((w) => ({ name: w.name, whole: w, old: previous?.whole[w.name] === w.sha256 ? before.get(w.name) : undefined })),
    ...parts.map((p) => ({ name: p.name, part: p, old: p.previous !== null ? before.get(p.name) : undefined })),
  ];
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const zipPath = join(out, zipName);
  // Every entry as it was, in the same places: the previous zip is this one.
  if (previous && items.length === previous.entries.length && items.every((it, i) => it.old === previous.entries[i])) {
    return { bytes: previous.bytes, sha256: previous.sha256, entries: previous.entries, unchanged: true, pieces: previous.pieces ?? {} };
  }
  const pieces: Record<string, PieceAt[]> = {};
  for (const item of items) if (item.whole && item.old && previous?.pieces?.[item.name]) pieces[item.name] = previous.pieces[item.name]!;
  const oldFd = previous ? openSync(zipPath, 'r') : null;
  const zip = openZipWriter(zipPath);
  const fd = openSync(partsPath, 'r');
  try {
    for (let k = 0; k < items.length; k++) {
      const item = items[k]!;
      if (item.old) {
        // Entries that follow one another in the previous zip too are copied in one read and one write.
        const run = [item.old];
        let end = item.old.offset + localLength(item.old.name, item.old.compressed);
        for (let next = items[k + 1]?.old; next && next.offset === end && end - item.old.offset < RAW_RUN_BYTES; next = items[k + 1]?.old) {
          run.push(next);
          end += localLength(next.name, next.compressed);
          k++;
        }
        zip.addRawRun(run, readAt(oldFd!, item.old.offset, end - item.old.offset, zipPath));
      } else if (item.whole) {
        const cached = cache.deflated(item.whole.sha256);
        if (cached) {
          pieces[item.name] = cached.pieces;
          zip.add(item.name, cached);
          continue;
        }
        const old = before.get(item.name);
        const store = (oldFd !== null && previousPieces(item.name, old, previous, oldFd, zipPath, cache)) || cache;
        const kept = store !== cache ? keptPieces(previous!.pieces![item.name]!, item.whole.same ?? 0) : null;
        const path = join(out, item.whole.name);
        const pieced = kept
          ? deflateAfter(readFrom(path, kept.bytes), { at: kept.at, data: readAt(oldFd!, old!.offset + localLength(old!.name, 0), kept.compressed, zipPath), crc: kept.crc }, store, ZIP_LEVEL)
          : deflatePieces(readFileSync(path), store, ZIP_LEVEL);
        cache.putDeflated(item.whole.sha256, pieced);
        pieces[item.name] = pieced.at;
        zip.add(item.name, pieced.entry);
      } else {
        const p = item.part!;
        if (p.start === null) throw new Error(`zip entry ${p.name}: not in the previous zip`);
        zip.add(item.name, { crc: p.crc, size: p.size, data: readAt(fd, p.start, p.length, partsPath) });
      }
    }
  } finally {
    closeSync(fd);
    if (oldFd !== null) closeSync(oldFd);
  }
  return { ...zip.close(), unchanged: false, pieces };
}

/**
 * The leading pieces of the previous version that end before the `same` bytes the new version begins with end,
 * when there are any and the state gives their lengths and CRCs; the previous version's last piece is never one
 * (it ends where that file ended, not on a cut).
 */
function keptPieces(list: readonly PieceAt[], same: number): { at: PieceAt[]; bytes: number; compressed: number; crc: number } | null {
  let bytes = 0;
  let compressed = 0;
  let k = 0;
  for (; k < list.length - 1; k++) {
    const [, length, size, crcTo] = list[k]!;
    // Ending before `same`, never at it: some bytes of the new version follow, so its cut there is a cut as before.
    if (size === undefined || crcTo === undefined || bytes + size >= same) break;
    bytes += size;
    compressed += length;
  }
  return k === 0 ? null : { at: list.slice(0, k), bytes, compressed, crc: list[k - 1]![3]! };
}

/** The file from byte `start` to its end. */
function readFrom(path: string, start: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    return readAt(fd, start, fstatSync(fd).size - start, path);
  } finally {
    closeSync(fd);
  }
}

/**
 * The cache, but with the pieces of the file's entry in the previous zip read from there: one read from a file
 * already open instead of a file per piece. Null when the previous state does not say where they are, or what it
 * says does not add up to the entry's length.
 */
function previousPieces(name: string, old: ZipEntryAt | undefined, previous: ZipState | null, fd: number, zipPath: string, cache: EmitCache): PieceStore | null {
  const list = previous?.pieces?.[name];
  if (!old || !list || list.reduce((n, [, length]) => n + length, 0) + FINAL_EMPTY_BLOCK.length !== old.compressed) return null;
  const at = new Map<string, [number, number]>();
  let start = old.offset + localLength(old.name, 0);
  for (const [sha, length] of list) {
    at.set(sha, [start, length]);
    start += length;
  }
  return {
    piece: (sha) => {
      const place = at.get(sha);
      return place ? readAt(fd, place[0], place[1], zipPath) : cache.piece(sha);
    },
    putPiece: (sha, data) => cache.putPiece(sha, data),
  };
}
