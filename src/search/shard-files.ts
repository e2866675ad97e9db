/**
 * A rebuilt shard reuses the fragments of its previous bundle that did not
 * change. Pagefind names each fragment (and index chunk, filter, metadata
 * file) by a hash of its content, and skips a hashed file that already exists
 * where it writes: it neither compresses nor writes it again. So the staging
 * folder of a shard is first given hard links to the previous bundle's
 * fragments, Pagefind writes only the new ones (for one changed report, one
 * of ~620), and then every hashed file the new metadata does not name is
 * removed: what is left is what a write into an empty folder gives.
 *
 * Only fragments are reused, because only they can be checked: the names
 * carry 7 hex digits of the hash (28 bits), so a new file could be named like
 * a different old one and be skipped. build-shard.ts checks every fragment
 * against its record (URL, meta, filters, text) and writes the shard again
 * from nothing when one is wrong; an index chunk or filter could not be
 * checked so (reusing them too would save ~0.3 s more CPU per shard).
 * The hash is of a file's content before compression, so fragments are
 * reused only from a bundle the same Pagefind version wrote (build-shard.ts).
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { hashedBundleFiles } from './pagefind-meta.ts';

/** Folders of hashed files in a bundle. */
const HASHED_FOLDERS = ['fragment', 'index', 'filter'] as const;
/** The one whose files are reused (see above). */
const REUSED_FOLDER = 'fragment';
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
 * Hard-links the fragments of a previous bundle into an empty staging folder
 * (created); returns how many. Stops at the first link the file system
 * refuses: what is linked by then is still right to keep.
 */
export function seedFromPrevious(previous: string, staging: string): number {
  mkdirSync(staging, { recursive: true });
  const from = join(previous, REUSED_FOLDER);
  if (!existsSync(from)) return 0;
  mkdirSync(join(staging, REUSED_FOLDER));
  let linked = 0;
  try {
    for (const name of readdirSync(from)) {
      linkSync(join(from, name), join(staging, REUSED_FOLDER, name));
      linked++;
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
