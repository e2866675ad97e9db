/**
 * File moves of the site stage: mirror the data folder into `<out>/data`
 * (unchanged files untouched), clear the pages the new render replaces, and
 * move a render into the output folder.
 */
import { copyFileSync, cpSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

/** The state file the site stage leaves in the output folder. */
export const STATE_FILE = '.nianbao-build.json';

function isDir(path: string): boolean {
  return lstatSync(path).isDirectory();
}

/** Same file already: the same inode (a hard link made earlier), or a copy with the same size and modification time. */
function upToDate(src: string, dest: string): boolean {
  const b = lstatSync(dest, { throwIfNoEntry: false });
  if (!b?.isFile()) return false;
  const a = statSync(src);
  if (a.ino === b.ino && a.dev === b.dev) return true;
  return a.size === b.size && Math.trunc(a.mtimeMs) === Math.trunc(b.mtimeMs);
}

/** A hard link where the file system allows one (no bytes copied), else a copy stamped with the source's time. */
function place(src: string, dest: string): void {
  rmSync(dest, { recursive: true, force: true });
  try {
    linkSync(src, dest);
  } catch {
    copyFileSync(src, dest);
    const s = statSync(src);
    utimesSync(dest, s.atime, s.mtime);
  }
}

export interface MirrorCounts {
  placed: number;
  unchanged: number;
  removed: number;
}

/**
 * Paths (relative to the mirrored folder, with `/`) of files known to be what
 * the last mirror placed: found in dest, they are taken as they are, without
 * the two stats of upToDate. On a one-report rebuild those are ~20,000 of the
 * data folder's files, and their stats took ~0.8 s of CPU beside Astro.
 */
export type KnownUnchanged = (path: string) => boolean;

/**
 * Makes dest hold exactly src's files (names in `keep` at dest's top level are left alone); counts what it did.
 * A file of src is placed unless dest has it up to date (upToDate), or has a file of that name and `known` says it is unchanged.
 */
export function mirrorTree(src: string, dest: string, keep: ReadonlySet<string> = new Set(), counts: MirrorCounts = { placed: 0, unchanged: 0, removed: 0 }, known: KnownUnchanged = () => false, prefix = ''): MirrorCounts {
  if (existsSync(dest) && !isDir(dest)) rmSync(dest);
  mkdirSync(dest, { recursive: true });
  // Entries with their types: one stat per file less, over 20,000+ files.
  const entries = existsSync(src) ? readdirSync(src, { withFileTypes: true }) : [];
  const present = new Set(entries.map((e) => e.name));
  const there = new Set<string>();
  for (const entry of readdirSync(dest, { withFileTypes: true })) {
    const name = entry.name;
    if (entry.isFile()) there.add(name);
    if (present.has(name) || keep.has(name)) continue;
    rmSync(join(dest, name), { recursive: true, force: true });
    counts.removed++;
  }
  for (const entry of entries) {
    const name = entry.name;
    // Checked before any path is joined: nearly every file is known on a rebuild.
    if (!entry.isDirectory() && there.has(name) && known(`${prefix}${name}`)) {
      counts.unchanged++;
      continue;
    }
    const from = join(src, name);
    const to = join(dest, name);
    if (entry.isDirectory()) mirrorTree(from, to, new Set(), counts, known, `${prefix}${name}/`);
    else if (upToDate(from, to)) counts.unchanged++;
    else {
      place(from, to);
      counts.placed++;
    }
  }
  return counts;
}

/** Copies src into dest (public assets into a render), skipping top-level names in `skip`. */
export function copyInto(src: string, dest: string, skip: ReadonlySet<string>): void {
  if (!existsSync(src)) return;
  for (const name of readdirSync(src)) {
    if (skip.has(name)) continue;
    cpSync(join(src, name), join(dest, name), { recursive: true });
  }
}

/**
 * What the routes that aggregate over all reports write (src/pages: [...home], agencies/[...list],
 * method/[...method], tables/*), as paths under the output folder.
 */
export const AGGREGATE_PAGES: readonly string[] = ['index.html', 'agencies/index.html', 'method', 'tables'];

/** What of the output folder a site render does not replace. */
export interface Kept {
  /** The aggregate pages (AGGREGATE_PAGES) stay as they are (default: no). */
  aggregates?: boolean;
  /** Agency pages (`agencies/<id>/`) that stay as they are. */
  agencies: ReadonlySet<string>;
  /** Whether the page of unidentified reports (`reports/unidentified/`) stays as it is. */
  unidentified: boolean;
}

/**
 * Removes every page and asset of the previous render except the kept agency
 * pages, page of unidentified reports and aggregate pages; leaves the data files (`data/` but its index.html), `pagefind/` (the
 * search stage's) and the state file.
 */
export function clearRender(out: string, kept: Kept): void {
  if (!existsSync(out)) return;
  const aggregates = new Set(kept.aggregates ? AGGREGATE_PAGES : []);
  for (const name of readdirSync(out)) {
    const path = join(out, name);
    if (name === 'pagefind' || name === STATE_FILE || aggregates.has(name)) continue;
    if (name === 'data' && isDir(path)) rmSync(join(path, 'index.html'), { force: true });
    else if (name === 'agencies' && isDir(path)) {
      for (const agency of readdirSync(path)) {
        if (aggregates.has(`agencies/${agency}`)) continue;
        if (!kept.agencies.has(agency) || !isDir(join(path, agency))) rmSync(join(path, agency), { recursive: true, force: true });
      }
    } else if (name === 'reports' && kept.unidentified && isDir(path)) {
      for (const page of readdirSync(path)) if (page !== 'unidentified') rmSync(join(path, page), { recursive: true, force: true });
    } else rmSync(path, { recursive: true, force: true });
  }
}

function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** Moves every file of `from` into `to`, merging folders that exist in both and replacing files. */
export function moveInto(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dest = join(to, name);
    const there = lstatSync(dest, { throwIfNoEntry: false });
    if (there?.isDirectory() && isDir(src)) moveInto(src, dest);
    else {
      if (there) rmSync(dest, { recursive: true, force: true });
      move(src, dest);
    }
  }
}

/** Removes a file or folder, if there. */
export function remove(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Removes a file if there (unlink; a folder is left). */
export function removeFile(path: string): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.isFile()) unlinkSync(path);
}
