/**
 * read stage: the content folder → input files with provenance. Touches the file system.
 * Limits are checked before a file is read: a file over the size limit, a
 * file past the count limit or something that is not a regular file is never
 * loaded (a file with a line over the line limit is read but not parsed); it becomes an input with no bytes and a finding, so it still gets
 * its failed record (and its row in reports.csv) and the run goes on.
 */
import { createHash, hash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type BigIntStats } from 'node:fs';
import type { FileStats } from './file-stats.ts';
import { join, relative, sep } from 'node:path';
import type { InputFile, Provenance } from '../schema/types.ts';
import { MAX_FILE_BYTES } from './file-limit.ts';
import { makeFinding } from './findings.ts';

/** The hand corrections of a content folder (corrections.ts). */
export const CORRECTIONS_MANIFEST = 'corrections.json';
/** Each file's provenance (readSourcesManifestChecked). */
export const SOURCES_MANIFEST = 'sources.json';
/** Files in the content folder that describe the corpus rather than being reports. */
export const MANIFEST_FILES = [SOURCES_MANIFEST, CORRECTIONS_MANIFEST] as const;

export interface ReadLimits {
  /** Largest file read, in bytes (the decode stage's limit). */
  maxFileBytes: number;
  /** Most files read from one content folder; the rest get a finding each. */
  maxFiles: number;
  /** Longest line, in bytes: a real report's longest (a whole body on one line) is under 100 KB. */
  maxLineBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxFileBytes: MAX_FILE_BYTES, maxFiles: 200_000, maxLineBytes: 1 << 20 };

/** The longest line of the bytes (between LF or CR bytes), and the 1-based number of the line. */
export function longestLine(bytes: Uint8Array): { bytes: number; line: number } {
  let best = { bytes: 0, line: 1 };
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    const b = bytes[i];
    if (i === bytes.length || b === 0x0a || b === 0x0d) {
      if (i - start > best.bytes) best = { bytes: i - start, line };
      // CRLF is one line end.
      if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
      start = i + 1;
      line++;
    }
  }
  return best;
}

interface SourcesManifest {
  files: Record<string, { sha256?: string; source_url?: string | null; obtained?: string | null; note?: string | null }>;
}

const NO_PROVENANCE: Provenance = { source_url: null, obtained: null, note: null };

/**
 * Every entry under `dir` (recursively, sorted, dotfiles and manifests skipped), as relative paths.
 * Symbolic links are listed but never followed (a link to a parent would loop); readInputFile refuses them.
 */
export function listContentFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    // The entry types come with the listing (a link is not a directory, as lstat says): no stat per file.
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      const full = join(d, name);
      if (entry.isDirectory()) walk(full);
      else {
        const rel = relative(dir, full).split(sep).join('/');
        if (!(MANIFEST_FILES as readonly string[]).includes(rel)) out.push(rel);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * sources.json (every file's sha256, source URL and how it was obtained), with what is wrong with it. A folder
 * without one is not wrong: its reports simply have no provenance. A file that cannot be read, is not JSON or
 * has no "files" object is reported, and the build goes on with no provenance for any report.
 */
export function readSourcesManifestChecked(dir: string): { manifest: SourcesManifest; problems: string[] } {
  const empty = (problem: string) => ({ manifest: { files: {} }, problems: [`${SOURCES_MANIFEST}: ${problem}; no report gets a source URL from it`] });
  let text: string;
  try {
    text = readFileSync(join(dir, SOURCES_MANIFEST), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { manifest: { files: {} }, problems: [] };
    return empty(`cannot be read (${(e as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return empty(`not valid JSON (${(e as Error).message})`);
  }
  const files = (parsed as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return empty('no "files" object');
  return { manifest: parsed as SourcesManifest, problems: [] };
}

export function readSourcesManifest(dir: string): SourcesManifest {
  return readSourcesManifestChecked(dir).manifest;
}

/** sha256 in hex of the bytes, or of a string's UTF-8 (one call: no Hash object per file). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return hash('sha256', bytes, 'hex');
}

/**
 * What lstat says of an input file (never following a link), or why it could
 * not: taken once per file and handed to recallInputFile and readInputFile.
 */
export function statInput(dir: string, path: string): BigIntStats | Error {
  try {
    return lstatSync(join(dir, path), { bigint: true });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/**
 * The whole file, as readFileSync reads it (the size fstat gives, or to the
 * end when that is 0), into a Uint8Array of its own rather than a Buffer
 * then copied into one.
 */
function readWhole(full: string): Uint8Array {
  const fd = openSync(full, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return new Uint8Array(readFileSync(fd));
    const bytes = new Uint8Array(size);
    let got = 0;
    for (let n = -1; got < size && n !== 0; got += n) n = readSync(fd, bytes, got, size - got, null);
    return got < size ? bytes.slice(0, got) : bytes;
  } finally {
    closeSync(fd);
  }
}

/** sha256 of a file read in 1 MiB chunks: an oversized file is hashed (for its record) but never held in memory. */
function sha256OfFile(full: string): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(full, 'r');
  try {
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Provenance applies only when the manifest's sha256 matches the bytes (or the manifest gives none). */
export function provenanceFor(manifest: SourcesManifest, path: string, sha256: string): Provenance {
  const entry = manifest.files[path];
  if (!entry || (entry.sha256 && entry.sha256 !== sha256)) return NO_PROVENANCE;
  return { source_url: entry.source_url ?? null, obtained: entry.obtained ?? null, note: entry.note ?? null };
}

const EMPTY = new Uint8Array(0);
/** The sha256 a refused file with no bytes read gets (computed once, not per file). */
const EMPTY_SHA256 = sha256Hex(EMPTY);

function refused(path: string, sha256: string, manifest: SourcesManifest, finding: ReturnType<typeof makeFinding>): InputFile {
  return { path, bytes: EMPTY, sha256, provenance: provenanceFor(manifest, path, sha256), refused: finding };
}

/** An input file recognised from an earlier run by its size, mtime and inode (file-stats.ts): its hash, not its bytes. */
export interface RecalledInput {
  path: string;
  sha256: string;
  provenance: Provenance;
}

/**
 * The file as an earlier run read it, when `stats` recognises it and it is a
 * plain file no limit applies to (those are read and checked every time); else null.
 */
export function recallInputFile(dir: string, path: string, manifest: SourcesManifest, stats: FileStats, limits: ReadLimits = DEFAULT_LIMITS, index = 0, taken?: BigIntStats | Error): RecalledInput | null {
  if (index >= limits.maxFiles) return null;
  const stat = taken ?? statInput(dir, path);
  if (stat instanceof Error) return null;
  if (!stat.isFile() || stat.size > BigInt(Math.min(limits.maxFileBytes, limits.maxLineBytes))) return null;
  const sha256 = stats.recall(path, stat);
  return sha256 === null ? null : { path, sha256, provenance: provenanceFor(manifest, path, sha256) };
}

/**
 * One input file. `index` is its place in the sorted listing, for the count limit;
 * `taken`, the file's statInput when the caller took it already (just before).
 * Never throws for a bad file: a file that cannot be read is refused with a finding.
 */
export function readInputFile(dir: string, path: string, manifest: SourcesManifest, limits: ReadLimits = DEFAULT_LIMITS, index = 0, stats?: FileStats, taken?: BigIntStats | Error): InputFile {
  const full = join(dir, path);
  const noBytes = EMPTY_SHA256;
  if (index >= limits.maxFiles) {
    const reason = `file number ${index + 1} of the folder, over the limit of ${limits.maxFiles} files`;
    return refused(path, noBytes, manifest, makeFinding('file.too_large', { location: 'file', zh: `${path}：未读取——${reason}`, en: `${path}: not read — ${reason}` }));
  }
  const stat = taken ?? statInput(dir, path);
  if (stat instanceof Error) {
    const reason = stat.message;
    return refused(path, noBytes, manifest, makeFinding('file.unreadable', { location: 'file', zh: `${path}：无法读取——${reason}`, en: `${path}: cannot be read — ${reason}` }));
  }
  // A FIFO, socket or device would block or never end; a link may point out of the content folder.
  if (!stat.isFile()) {
    const kind = stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
    return refused(path, noBytes, manifest, makeFinding('file.unreadable', { location: 'file', zh: `${path}：未读取——不是普通文件（${kind}）`, en: `${path}: not read — ${kind}` }));
  }
  if (stat.size > limits.maxFileBytes) {
    const reason = `${stat.size} bytes, over the limit of ${limits.maxFileBytes} bytes`;
    return refused(path, sha256OfFile(full), manifest, makeFinding('file.too_large', { location: 'file', zh: `${path}：文件过大，未读取（${reason}）`, en: `${path}: file too large, not read (${reason})` }));
  }
  try {
    const bytes = readWhole(full);
    const sha256 = sha256Hex(bytes);
    // No line can be longer than the file: most files need no scan.
    const longest = bytes.length > limits.maxLineBytes ? longestLine(bytes) : null;
    if (longest && longest.bytes > limits.maxLineBytes) {
      const reason = `line ${longest.line} is ${longest.bytes} bytes, over the limit of ${limits.maxLineBytes} bytes`;
      return refused(path, sha256, manifest, makeFinding('file.too_large', { location: 'file', zh: `${path}：行过长，未读取（${reason}）`, en: `${path}: line too long, not read (${reason})` }));
    }
    // The stat taken before reading is remembered: a file changed since then has another mtime, and is read next time.
    if (stats && stat.size === BigInt(bytes.length) && bytes.length <= Math.min(limits.maxFileBytes, limits.maxLineBytes)) stats.remember(path, stat, sha256);
    return { path, bytes, sha256, provenance: provenanceFor(manifest, path, sha256) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return refused(path, noBytes, manifest, makeFinding('file.unreadable', { location: 'file', zh: `${path}：无法读取——${reason}`, en: `${path}: cannot be read — ${reason}` }));
  }
}
