/**
 * The sha256 of each input file as the last run saw it, with the file's size,
 * modification time (ns) and inode: a rebuild recognises an unchanged file by
 * one lstat instead of reading and hashing it (as git's index does). Only
 * speed depends on it: a file is read whenever any of the three differs, and
 * never trusted when it was modified within RACY_NS of the time the stats
 * were saved (a write in the same clock tick as the save could keep its mtime).
 * Kept in the parse cache folder; a missing or damaged file just means every
 * file is read. Part of the read stage: it touches the file system.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';

const FILE = 'file-stats.tsv';
const HEADER = '# nianbao file stats v1, saved at (ns):';
/** Files modified this close to the save are read again next time. */
const RACY_NS = 2_000_000_000n;

interface Entry {
  size: bigint;
  mtimeNs: bigint;
  ino: bigint;
  sha256: string;
}

export interface FileStats {
  /** The file's sha256 when its size, mtime and inode are those remembered, else null. */
  recall(path: string, stat: BigIntStats): string | null;
  /** Records what this run read. */
  remember(path: string, stat: BigIntStats, sha256: string): void;
  /** Writes the entries recalled or remembered in this run (files no longer there are forgotten). */
  save(): void;
}

function load(path: string): { savedNs: bigint; entries: Map<string, Entry> } {
  const entries = new Map<string, Entry>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { savedNs: 0n, entries };
  }
  const lines = text.split('\n');
  if (!lines[0]?.startsWith(HEADER)) return { savedNs: 0n, entries };
  let savedNs: bigint;
  try {
    savedNs = BigInt(lines[0].slice(HEADER.length).trim());
  } catch {
    return { savedNs: 0n, entries };
  }
  for (const line of lines.slice(1)) {
    const f = line.split('\t');
    // path, size, mtime (ns), inode, sha256: anything else is a damaged line, skipped.
    if (f.length !== 5 || !/^[0-9a-f]{64}$/u.test(f[4]!) || !/^\d+$/u.test(f[1]!) || !/^\d+$/u.test(f[2]!) || !/^\d+$/u.test(f[3]!)) continue;
    entries.set(f[0]!, { size: BigInt(f[1]!), mtimeNs: BigInt(f[2]!), ino: BigInt(f[3]!), sha256: f[4]! });
  }
  return { savedNs, entries };
}

export function openFileStats(cacheDir: string): FileStats {
  const path = join(cacheDir, FILE);
  const { savedNs, entries } = load(path);
  const seen = new Map<string, Entry>();
  return {
    recall(file, stat) {
      const e = entries.get(file);
      if (!e || e.size !== stat.size || e.mtimeNs !== stat.mtimeNs || e.ino !== stat.ino) return null;
      if (stat.mtimeNs > savedNs - RACY_NS) return null;
      seen.set(file, e);
      return e.sha256;
    },
    remember(file, stat, sha256) {
      seen.set(file, { size: stat.size, mtimeNs: stat.mtimeNs, ino: stat.ino, sha256 });
    },
    save() {
      const lines = [...seen.entries()].map(([file, e]) => `${file}\t${e.size}\t${e.mtimeNs}\t${e.ino}\t${e.sha256}\n`);
      mkdirSync(cacheDir, { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${HEADER} ${BigInt(Date.now()) * 1_000_000n}\n${lines.join('')}`);
      renameSync(temp, path);
    },
  };
}
