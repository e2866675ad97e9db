/**
 * The fragment checks a built shard passed (build-shard.ts), kept between
 * builds beside its record cache: `<name>.checks.json`. A rebuilt shard
 * hard-links the previous bundle's fragments and checks each against its
 * report's record, reading and unzipping ~600 files while Pagefind writes
 * (~0.35 s of CPU on a one-report rebuild). A fragment is the same file when
 * its stamp is (index-files.ts fileStamp: device, inode, size, modification
 * time), and a record the same when its report's sha256 and the code
 * fingerprint are: a file that passed against a record passes against the
 * same record again, so it is not read. Never part of the index; a missing
 * or unreadable file only means the fragments are read.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { byCodeUnits } from '../compare.ts';

/** A fragment that passed: the stamp of its file, and the report and sha256 of the record it was checked against. */
export interface PassedCheck {
  stamp: string;
  report: string;
  sha256: string;
}

interface ChecksFile {
  fingerprint: string;
  /** `[fragment file name, stamp, report_id, sha256]`, sorted by name. */
  fragments: [string, string, string, string][];
}

/** Fragment file name → the check it passed, from a file of this fingerprint; empty when there is none or it does not parse. */
export function readPassedChecks(path: string, fingerprint: string): Map<string, PassedCheck> {
  if (!existsSync(path)) return new Map();
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<ChecksFile>;
    if (file.fingerprint !== fingerprint || !Array.isArray(file.fragments)) return new Map();
    return new Map(file.fragments.map(([name, stamp, report, sha256]) => [name, { stamp, report, sha256 }]));
  } catch {
    return new Map();
  }
}

/** Writes the checks a shard passed, whole, by a rename. */
export function writePassedChecks(path: string, fingerprint: string, passed: ReadonlyMap<string, PassedCheck>): void {
  const fragments = [...passed].map(([name, c]): [string, string, string, string] => [name, c.stamp, c.report, c.sha256]).sort((a, b) => byCodeUnits(a[0], b[0]));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify({ fingerprint, fragments } satisfies ChecksFile)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** Where a shard's checks are kept: beside its record cache file (`<name>.json` → `<name>.checks.json`). */
export function checksPathFor(recordCache: string): string {
  return recordCache.replace(/\.json$/u, '') + '.checks.json';
}
