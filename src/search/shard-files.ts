/**
 * A rebuilt shard reuses the files of its previous bundle that did not change.
 * Pagefind names each fragment, index chunk, filter and metadata file by a
 * hash of its content, and skips a hashed file that already exists where it
 * writes (neither compressing nor writing it again). So the staging folder
 * of a shard is first given hard links to the previous bundle's hashed files,
 * Pagefind compresses and writes only the new ones (for one changed report:
 * its fragment and a few of ~40 index chunks, against all ~660 files of a
 * shard), and then every hashed file its new metadata does not name is
 * removed: what is left is what a write into an empty folder gives.
 *
 * The hash is of a file's content before compression, so files are reused
 * only from a bundle written by the same Pagefind version (build-shard.ts
 * writes again from nothing otherwise).
 *
 * The names carry 7 hex digits of the hash (28 bits), so a new file could in
 * principle be named like a different previous one and be skipped (about one
 * chance in a few hundred thousand per changed shard). build-shard.ts checks
 * every fragment against its record and builds the shard again from an empty
 * folder when one is wrong; an index chunk or filter has no such check.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { hashedBundleFiles } from './pagefind-meta.ts';

/** Folders of hashed files in a bundle. */
const HASHED_FOLDERS = ['fragment', 'index', 'filter'] as const;
/** The metadata file of a language, at the top of a bundle. */
const META_FILE = /^pagefind\..+\.pf_meta$/u;

/** The Pagefind version that wrote a bundle (its pagefind-entry.json); null when there is none. */
export function bundleVersion(bundle: string): string | null {
  const path = join(bundle, 'pagefind-entry.json');
  if (!existsSync(path)) return null;
  const { version } = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : null;
}

/**
 * Hard-links the hashed files of a previous bundle into an empty staging
 * folder (created); returns how many. Stops at the first link the file system
 * refuses: what is linked by then is still right to keep.
 */
export function seedFromPrevious(previous: string, staging: string): number {
  mkdirSync(staging, { recursive: true });
  if (!existsSync(previous)) return 0;
  let linked = 0;
  try {
    for (const name of readdirSync(previous)) {
      if (META_FILE.test(name)) {
        linkSync(join(previous, name), join(staging, name));
        linked++;
      }
    }
    for (const folder of HASHED_FOLDERS) {
      const from = join(previous, folder);
      if (!existsSync(from)) continue;
      mkdirSync(join(staging, folder));
      for (const name of readdirSync(from)) {
        linkSync(join(from, name), join(staging, folder, name));
        linked++;
      }
    }
  } catch {
    // No hard links here (or the previous bundle changed under us): Pagefind writes the rest.
  }
  return linked;
}

/**
 * Removes from a written bundle every hashed file its metadata does not name,
 * and hashed folders left empty; returns how many files went. Throws when a
 * named file is missing.
 */
export function pruneToMetadata(bundle: string): number {
  const keep = hashedBundleFiles(bundle);
  let removed = 0;
  for (const name of readdirSync(bundle)) {
    if (META_FILE.test(name) && !keep.has(name)) {
      rmSync(join(bundle, name));
      removed++;
    }
  }
  for (const folder of HASHED_FOLDERS) {
    const dir = join(bundle, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!keep.has(`${folder}/${name}`)) {
        rmSync(join(dir, name));
        removed++;
      }
    }
    // Pagefind makes a folder only to write a file into it.
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  }
  for (const file of keep) if (!existsSync(join(bundle, file))) throw new Error(`${bundle}: ${file} is named by the metadata but was not written`);
  return removed;
}
