/**
 * The records of a shard's reports, kept between builds (build-search.ts
 * --cache): a shard rebuilt for one changed report takes the records of its
 * ~600 unchanged reports from here instead of reading and cutting every
 * report JSON again. A record is a pure function of its report's file
 * (sha256) and of the code that makes records, which the code fingerprint
 * covers: an entry is used only for the same report_id, sha256 and
 * fingerprint. Never part of the index; a missing or unreadable file only
 * means the reports are read.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PartText } from './parts.ts';
import type { PartedRecord, SearchRecord } from './records.ts';

/** A record without its content, which is its parts' texts joined (records.ts recordOfParts). */
type StoredRecord = { record: Omit<SearchRecord, 'content'>; parts: PartText[] };

/** `[report_id, sha256, the report's record or null when it gives none]`, in report_id order. */
type StoredReport = [string, string, StoredRecord | null];

interface CacheFile {
  fingerprint: string;
  reports: StoredReport[];
}

/** What a report gave: its record with parts, or null (no agency page or no narrative text). */
export type CachedRecord = PartedRecord | null;

function restore(stored: StoredRecord): PartedRecord {
  const { url, language, meta, filters } = stored.record;
  // The same keys in the same order as records.ts builds a record.
  return { record: { url, content: stored.parts.map((p) => p.text).join('\n'), language, meta, filters }, parts: stored.parts };
}

function store({ record, parts }: PartedRecord): StoredRecord {
  const { content: _content, ...rest } = record;
  return { record: rest, parts };
}

/** `<report_id> <sha256>` → the report's record, from a cache file of this fingerprint; empty when there is none or it does not parse. */
export function readRecordCache(path: string, fingerprint: string): Map<string, CachedRecord> {
  if (!existsSync(path)) return new Map();
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
    if (file.fingerprint !== fingerprint || !Array.isArray(file.reports)) return new Map();
    return new Map(file.reports.map(([id, sha, stored]) => [`${id} ${sha}`, stored === null ? null : restore(stored)]));
  } catch {
    // A cache file cut short (a build stopped while writing it) is as good as none.
    return new Map();
  }
}

/** Writes the records of a shard's reports (`[report_id, sha256, record]` in report_id order), whole, by a rename. */
export function writeRecordCache(path: string, fingerprint: string, reports: readonly [string, string, CachedRecord][]): void {
  const file: CacheFile = { fingerprint, reports: reports.map(([id, sha, parted]) => [id, sha, parted === null ? null : store(parted)]) };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify(file)}\n`);
  renameSync(`${path}.tmp`, path);
}
