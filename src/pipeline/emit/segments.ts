/**
 * A whole file's zip entry (a CSV dataset, datapackage.json, README.md) made
 * of pieces compressed on their own (deflate.ts deflatePiece) and kept in the
 * deflate cache by the sha256 of their bytes. The cuts depend only on the
 * bytes near them (content-defined, as rsync and restic cut), so a change to
 * one report's rows moves no cut far from it: a rebuild compresses again the
 * one or two pieces that hold the change, and finds the rest in the cache.
 * Same bytes in, same cuts and same entry out, with or without a cache.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { deflatePiece, FINAL_EMPTY_BLOCK } from './deflate.ts';
import type { DeflatedEntry } from './zip-writer.ts';

/** No cut before this many bytes of a piece: smaller pieces compress worse and cost more lookups. */
export const MIN_PIECE = 256 << 10;
/** A cut here at the latest, when no line end after MIN_PIECE was chosen (a file with few or long lines). */
export const MAX_PIECE = 4 << 20;
/** A line end past MIN_PIECE is a cut when the hash of the bytes before it is 0 under this mask: one line in 1,024. */
const CUT_MASK = 1023;
/** How many bytes before a line end the hash reads. */
const HASHED = 48;

/** FNV-1a over the HASHED bytes before `end` (fewer at the start of the data). */
function tailHash(bytes: Uint8Array, end: number): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, end - HASHED); i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * Where the pieces end: after a line feed whose line's tail hashes to 0 under
 * CUT_MASK, at least MIN_PIECE after the last cut, or at MAX_PIECE; the last
 * piece ends at the end of the data. Empty data is one empty piece.
 */
export function pieceEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  let last = 0;
  while (bytes.length - last > MIN_PIECE) {
    let cut = -1;
    for (let from = last + MIN_PIECE; ; ) {
      const lf = bytes.indexOf(0x0a, from);
      if (lf < 0 || lf + 1 - last >= MAX_PIECE) break;
      if ((tailHash(bytes, lf) & CUT_MASK) === 0) {
        cut = lf + 1;
        break;
      }
      from = lf + 1;
    }
    if (cut < 0) cut = Math.min(last + MAX_PIECE, bytes.length);
    if (cut >= bytes.length) break;
    ends.push(cut);
    last = cut;
  }
  ends.push(bytes.length);
  return ends;
}

/**
 * A piece of a whole file's zip entry: the sha256 of its bytes and its compressed length; when known, also its
 * length and the CRC-32 of the file up to its end (what lets a next version resume after it: deflateAfter).
 */
export type PieceAt = [sha256: string, compressed: number, size?: number, crcTo?: number];

/** Where compressed pieces are kept: deflate cache (cache.ts) or none. */
export interface PieceStore {
  piece(sha256: string): Uint8Array | null;
  putPiece(sha256: string, data: Uint8Array): void;
}

export interface PiecedEntry {
  entry: DeflatedEntry;
  /** The sha256 of each piece, in order. */
  pieces: string[];
  /** The compressed length of each piece, in order. */
  lengths: number[];
  /** Each piece as the state keeps it (its length and the CRC-32 up to its end included). */
  at: PieceAt[];
  /** How many pieces were compressed now (the rest came from the store). */
  compressed: number;
}

/** The file's zip entry: its pieces, each from the store or compressed now (and stored), then the final empty block. */
export function deflatePieces(bytes: Uint8Array, store: PieceStore, level = 6): PiecedEntry {
  return piecesFrom(bytes, { at: [], data: new Uint8Array(0), crc: 0 }, store, level);
}

/** The leading pieces of a file's previous version that its new version still begins with. */
export interface KeptPieces {
  at: PieceAt[];
  /** Their compressed data, one after the other. */
  data: Uint8Array;
  /** The CRC-32 of the bytes they hold. */
  crc: number;
}

/**
 * deflatePieces of a file whose first bytes are exactly the `kept` pieces of its previous version, from the bytes
 * after them (`rest`) only. Their cuts stand: a cut depends only on the bytes before it and the cut before it
 * (pieceEnds), and the last kept piece ends on a cut, so the rest is cut as the whole file would be from there.
 */
export function deflateAfter(rest: Uint8Array, kept: KeptPieces, store: PieceStore, level = 6): PiecedEntry {
  return piecesFrom(rest, kept, store, level);
}

function piecesFrom(bytes: Uint8Array, kept: KeptPieces, store: PieceStore, level: number): PiecedEntry {
  const parts: Uint8Array[] = [kept.data];
  const at: PieceAt[] = [...kept.at];
  let size = kept.at.reduce((n, p) => n + p[2]!, 0);
  let crc = kept.crc;
  let compressed = 0;
  let start = 0;
  for (const end of pieceEnds(bytes)) {
    const piece = bytes.subarray(start, end);
    const sha = createHash('sha256').update(piece).digest('hex');
    let data = store.piece(sha);
    if (!data) {
      data = deflatePiece(piece, level);
      store.putPiece(sha, data);
      compressed++;
    }
    parts.push(data);
    // The CRC-32 of the file so far, carried on piece by piece (zlib's crc32 resumes from a value).
    crc = crc32(piece, crc);
    size += piece.length;
    at.push([sha, data.length, piece.length, crc]);
    start = end;
  }
  parts.push(FINAL_EMPTY_BLOCK);
  return { entry: { crc, size, data: Buffer.concat(parts) }, pieces: at.map((p) => p[0]), lengths: at.map((p) => p[1]), at, compressed };
}

/** A store that keeps nothing: every piece is compressed. */
export const NO_PIECES: PieceStore = { piece: () => null, putPiece: () => {} };
