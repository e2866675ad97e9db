/**
 * The emit stage's record of its previous run over one output folder, kept in
 * the emit cache (state/<sha256 of the folder's absolute path>.json): for
 * every report the key its files were made from, its JSON and markdown
 * lengths and where its block of each CSV file sits; for each CSV file and
 * the zip their length, sha256 and modification time; the zip's entries.
 *
 * A rebuild trusts it only when the code version is the same and every CSV
 * file and the zip still has the recorded length and modification time
 * (as git trusts its index). Then an unchanged report costs no read at all,
 * a CSV file none of whose blocks changed is left as it is, a changed one is
 * spliced from the old file's bytes and the new blocks, and the zip's
 * unchanged entries are copied as raw bytes from the previous zip. Without a
 * trusted state the stage does what a clean build does; the output is the
 * same byte for byte either way.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sha256Hex } from '../read.ts';
import type { PieceAt } from './segments.ts';
import type { ZipEntryAt } from './zip-writer.ts';

/** [offset, length, rows] of a report's block in a CSV file. */
export type BlockAt = [number, number, number];

export interface ReportState {
  id: string;
  key: string;
  json_sha256: string;
  json_bytes: number;
  markdown_bytes: number;
  /** Dataset name → where the report's block is. */
  blocks: Record<string, BlockAt>;
}

export interface FileState {
  bytes: number;
  sha256: string;
  rows: number | null;
  mtimeMs: number;
}

export interface ZipState extends FileState {
  entries: ZipEntryAt[];
  /** Whole-file entry name → sha256 of its content (the CSV files, datapackage.json, README.md). */
  whole: Record<string, string>;
  /** Whole-file entry name → its pieces (segments.ts), in order: their data lie one after the other in the entry's. */
  pieces?: Record<string, PieceAt[]>;
}

/** A file made whole from a few rows (agencies.csv, codes.csv): what it holds, and the sha256 of the rows it was made from. */
export interface MadeFileState extends FileState {
  from: string;
}

export interface EmitState {
  version: string;
  reports: ReportState[];
  /** CSV file name → what it holds. */
  csv: Record<string, FileState>;
  zip: ZipState;
  /** CSV file made whole → what it holds and was made from (absent in states of earlier versions). */
  made?: Record<string, MadeFileState>;
}

export function statePathFor(cacheDir: string, out: string): string {
  return join(cacheDir, 'state', `${sha256Hex(resolve(out))}.json`);
}

const mtimeOf = (path: string): number | null => {
  try {
    const s = statSync(path);
    return s.isFile() ? s.mtimeMs : null;
  } catch {
    return null;
  }
};

/** The file's length and modification time now, as a FileState records them. */
export function fileState(path: string, bytes: number, sha256: string, rows: number | null): FileState {
  return { bytes, sha256, rows, mtimeMs: mtimeOf(path) ?? -1 };
}

/** Whether the file still has the recorded length and modification time. */
export function stillThere(path: string, f: FileState): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && s.size === f.bytes && s.mtimeMs === f.mtimeMs;
  } catch {
    return false;
  }
}

/** The previous run's state, when it is for this code version and the files it describes are as it left them; else null. */
export function readState(path: string, version: string, out: string, zipName: string): EmitState | null {
  let state: EmitState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as EmitState;
  } catch {
    return null;
  }
  if (state.version !== version || !state.zip || !state.csv) return null;
  if (!stillThere(join(out, zipName), state.zip)) return null;
  for (const [file, f] of Object.entries(state.csv)) if (!stillThere(join(out, file), f)) return null;
  return state;
}

export function writeState(path: string, state: EmitState): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, path);
}
