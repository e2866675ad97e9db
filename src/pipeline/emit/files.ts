/** File-system helpers of the emit stage: write only what changed, remove what is no longer produced. */
import { closeSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writevSync } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { csvHeader } from './csv.ts';
import type { BlockBytes } from './cache.ts';
import type { BlockAt, FileState } from './state.ts';
import type { DatasetDef } from '../../schema/datasets.ts';

/** Writes `bytes` to `path` unless the file already holds exactly them; true when it wrote. */
export function writeIfChanged(path: string, bytes: Uint8Array): boolean {
  try {
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(readFileSync(path))) return false;
  } catch {
    // absent or unreadable: written below
  }
  writeFileSync(path, bytes);
  return true;
}

/** The file's size, or -1 when it does not exist. */
export function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

/** Removes every entry of `dir` whose name is not in `keep`; returns the names removed, sorted. */
export function removeStale(dir: string, keep: ReadonlySet<string>): string[] {
  const stale = readdirSync(dir).filter((name) => !keep.has(name)).sort();
  for (const name of stale) rmSync(join(dir, name), { recursive: true, force: true });
  return stale;
}

/** What is left of `chunks` after the first `skip` bytes (after a partial writev). */
function remainder(chunks: Uint8Array[], skip: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let left = skip;
  for (const chunk of chunks) {
    if (left >= chunk.length) left -= chunk.length;
    else {
      out.push(left > 0 ? chunk.subarray(left) : chunk);
      left = 0;
    }
  }
  return out;
}

export interface CsvSink {
  /** A block the previous file holds at [offset, length, rows]: copied from it only if the file has to be rewritten. Returns its offset in the new file. */
  addOld(at: BlockAt): number;
  /** A new block; returns its offset in the new file. */
  add(block: BlockBytes): number;
  /** Whether the previous file holds exactly `bytes` at `offset`. */
  oldEquals(offset: number, bytes: Uint8Array): boolean;
  /** Moves the file into place (or leaves the previous one, when it is what would be written); its length, sha256 and data rows. */
  close(): { bytes: number; sha256: string; rows: number; unchanged: boolean; same: number };
}

/** Flush the buffered blocks to disk past this many bytes. */
const FLUSH_BYTES = 1 << 20;

/**
 * A CSV file written block by block (BOM and header first), through a
 * temporary file renamed on close. With the previous file's state
 * (state.ts), blocks it already holds are given by position: as long as they
 * follow one another as they did, nothing is written, and a file that ends
 * up with exactly its old blocks is left untouched; past the first change,
 * the old bytes are copied from the previous file.
 */
export function openCsvSink(path: string, dataset: DatasetDef, previous: FileState | null = null): CsvSink {
  const temp = `${path}.${process.pid}.tmp`;
  const header = Buffer.from(csvHeader(dataset), 'utf8');
  const hash: Hash = createHash('sha256');
  let fd: number | null = null;
  let oldFd: number | null = null;
  const old = () => (oldFd ??= openSync(path, 'r'));
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let rows = 0;
  /** Offset of the next block in the new file. */
  let at = header.length;
  /** While nothing has been written: where the previous file's unchanged run of blocks has got to. */
  let expected = header.length;
  /** An old range not copied yet (adjacent old blocks are copied in one go). */
  let copy: [number, number] | null = null;
  /** How many leading bytes the new file has exactly as the previous one. */
  let same = 0;
  // Blocks are written as they are (writev), not copied into one buffer first.
  const flush = () => {
    let written = 0;
    while (written < pendingBytes) written += writevSync(fd!, written === 0 ? pending : remainder(pending, written));
    for (const chunk of pending) hash.update(chunk);
    bytes += pendingBytes;
    pending = [];
    pendingBytes = 0;
  };
  const push = (chunk: Uint8Array) => {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= FLUSH_BYTES) flush();
  };
  const copyOld = (offset: number, length: number) => {
    for (let done = 0; done < length; ) {
      const chunk = Buffer.allocUnsafe(Math.min(FLUSH_BYTES, length - done));
      const n = readSync(old(), chunk, 0, chunk.length, offset + done);
      if (n <= 0) throw new Error(`${path}: shorter than its recorded state`);
      push(n === chunk.length ? chunk : chunk.subarray(0, n));
      done += n;
    }
  };
  const flushCopy = () => {
    if (copy) copyOld(copy[0], copy[1]);
    copy = null;
  };
  // The first change: from here on the file is written, starting with what is unchanged so far.
  const start = () => {
    fd = openSync(temp, 'w');
    if (previous) same = expected;
    if (previous) copyOld(0, expected);
    else push(header);
  };
  if (!previous) start();
  return {
    addOld([offset, length, n]) {
      const mine = at;
      at += length;
      rows += n;
      if (fd === null && offset === expected) expected += length;
      else {
        if (fd === null) start();
        if (copy && copy[0] + copy[1] === offset) copy[1] += length;
        else {
          flushCopy();
          copy = [offset, length];
        }
      }
      return mine;
    },
    add(block) {
      const mine = at;
      at += block.bytes.length;
      rows += block.rows;
      if (block.bytes.length === 0) return mine;
      if (fd === null) start();
      flushCopy();
      push(block.bytes);
      return mine;
    },
    oldEquals(offset, expectedBytes) {
      if (!previous || offset + expectedBytes.length > previous.bytes) return false;
      const b = Buffer.allocUnsafe(expectedBytes.length);
      return readSync(old(), b, 0, b.length, offset) === b.length && b.equals(expectedBytes);
    },
    close() {
      try {
        if (fd === null && previous && expected === previous.bytes && at === previous.bytes) return { bytes: previous.bytes, sha256: previous.sha256, rows, unchanged: true, same: previous.bytes };
        if (fd === null) start();
        flushCopy();
        flush();
        closeSync(fd!);
        if (bytes !== at) throw new Error(`${path}: ${bytes} bytes written, ${at} expected`);
        renameSync(temp, path);
        return { bytes, sha256: hash.digest('hex'), rows, unchanged: false, same };
      } finally {
        if (oldFd !== null) closeSync(oldFd);
      }
    },
  };
}
