/** A deterministic zip: entries sorted by name, one fixed timestamp, fixed compression level. Pure. */
import { zipSync, type Zippable } from 'fflate';

/**
 * fflate reads the DOS timestamp through local-time getters, so the date is
 * built from local-time components: the same bytes in every time zone.
 */
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);

export function deterministicZip(files: Map<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of [...files.keys()].sort()) entries[name] = [files.get(name)!, { mtime: FIXED_MTIME, level: 6 }];
  return zipSync(entries);
}
