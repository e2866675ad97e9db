/** File-system helpers of the emit stage: write only what changed, remove what is no longer produced. */
import { closeSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writevSync } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { csvHeader } from './csv.ts';
import type { BlockBytes } from './cache.ts';
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
  add(block: BlockBytes): void;
  /** Moves the file into place; its length, sha256 and data rows. */
  close(): { bytes: number; sha256: string; rows: number };
}

/** Flush the buffered blocks to disk past this many bytes. */
const FLUSH_BYTES = 1 << 20;

/** A CSV file written block by block (BOM and header first), through a temporary file renamed on close. */
export function openCsvSink(path: string, dataset: DatasetDef): CsvSink {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  const hash: Hash = createHash('sha256');
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let rows = 0;
  // Blocks are written as they are (writev), not copied into one buffer first.
  const flush = () => {
    let written = 0;
    while (written < pendingBytes) written += writevSync(fd, written === 0 ? pending : remainder(pending, written));
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
  push(Buffer.from(csvHeader(dataset), 'utf8'));
  return {
    add(block) {
      push(block.bytes);
      rows += block.rows;
    },
    close() {
      flush();
      closeSync(fd);
      renameSync(temp, path);
      return { bytes, sha256: hash.digest('hex'), rows };
    },
  };
}
