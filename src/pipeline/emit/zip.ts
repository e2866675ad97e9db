/** A deterministic zip: entries sorted by name, one fixed timestamp, fixed compression level. Pure. */
import { crc32 } from 'node:zlib';
import { deflateSync, zipSync, type Zippable } from 'fflate';
import type { DeflatedEntry } from './zip-writer.ts';

/**
 * fflate reads the DOS timestamp through local-time getters, so the date is
 * built from local-time components: the same bytes in every time zone.
 */
export const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
export const ZIP_LEVEL = 6;

export function deterministicZip(files: Map<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of [...files.keys()].sort()) entries[name] = [files.get(name)!, { mtime: FIXED_MTIME, level: ZIP_LEVEL }];
  return zipSync(entries);
}

/** One file deflated as zipSync deflates it, for the streaming writer (zip-writer.ts). */
export function deflateEntry(bytes: Uint8Array): DeflatedEntry {
  return { crc: crc32(bytes), size: bytes.length, data: deflateSync(bytes, { level: ZIP_LEVEL }) };
}
