/**
 * The whole data pipeline over a content folder, top to bottom:
 * read → parse each report (decode → clean → segment → metadata → tables → validate)
 * → corrections → cross-report rules → emit.
 *
 * Memory stays bounded by the number of reports times a small digest
 * (cross/slim.ts): full records live in the parse cache on disk (a temporary
 * one when the cache is off) and are loaded one at a time by the emit stage,
 * and only when its own cache cannot answer for them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, ReportRecord } from '../schema/types.ts';
import type * as CorrectionsCode from './corrections.ts';
import { crossReportRules } from './cross/index.ts';
import { digestOf, withCrossResults, type ReportDigest } from './cross/slim.ts';
import { emitCacheFor, openEmitCache } from './emit/cache.ts';
import { emitDatasets, type FileEntry, type ReportSource } from './emit/index.ts';
import { entryKey, reportSourceKey } from './emit/report-outputs.ts';
import { openCache } from './parallel/cache.ts';
import { SLIM_DIGEST } from './parallel/digest-form.ts';
import { deflateInWorkers, emitInWorkers, parseDigests, resolveOptions, type ParseAllOptions, type ParseAllStats } from './parallel/index.ts';
import type { EmitJob } from './parallel/prepare.ts';
import { parserVersion } from './parallel/version.ts';
import { CORRECTIONS_MANIFEST, listContentFiles, readSourcesManifestChecked } from './read.ts';
import { timer } from './timings.ts';

export interface RunOptions {
  content: string;
  out: string;
  /** Workers, per-file time limit and parse cache (defaults: all cores, 20 s, .cache/parse). */
  parse?: ParseAllOptions;
}

/** One input file in the run summary: its error-level findings, the cross-report ones included. */
export interface ReportOutcome {
  report_id: string;
  source_file: string;
  parse_status: ReportRecord['parse_status'];
  errors: Finding[];
}

export interface RunSummary {
  files: number;
  ok: number;
  partial: number;
  failed: number;
  errors: number;
  reports: ReportOutcome[];
  /** Problems outside any one report (a bad corrections entry). */
  problems: string[];
  written: FileEntry[];
  parseStats: ParseAllStats;
}

type Slim = ReportRecord & { slim_index: number };

// corrections.ts brings the validator and ids.ts with its pinyin dictionary, a good part of a rebuild's start-up:
// loaded (synchronously: require of an ES module) only for a content folder that has corrections.
const requireHere = createRequire(import.meta.url);
let correctionsCode: typeof CorrectionsCode | undefined;
const corrections = () => (correctionsCode ??= requireHere('./corrections.ts') as typeof CorrectionsCode);
const NO_CORRECTIONS: ReturnType<typeof CorrectionsCode.readCorrections> = { corrections: [], problems: [] };

/** The parse step's NIANBAO_TIMINGS label (timings.ts); npm run bench reads it back from the data stage's output. */
export const readParseLabel = (parsed: number, cached: number): string => `read+parse (${parsed} parsed, ${cached} cached)`;

export function parsedReadParseLabel(label: string): { parsed: number; cached: number } | null {
  // The label readParseLabel writes.
  const m = /^read\+parse \((\d+) parsed, (\d+) cached\)$/.exec(label);
  return m ? { parsed: Number(m[1]), cached: Number(m[2]) } : null;
}

export function runPipeline(options: RunOptions): RunSummary {
  const t = timer('run');
  // 1. read: every file of the content folder, with provenance from sources.json, and the hand corrections.
  const provenance = readSourcesManifestChecked(options.content);
  const manifest = provenance.manifest;
  const paths = listContentFiles(options.content);
  const hand = existsSync(join(options.content, CORRECTIONS_MANIFEST)) ? corrections().readCorrections(options.content) : NO_CORRECTIONS;
  const parseOptions = resolveOptions(options.parse ?? {});
  const scratch = parseOptions.cacheDir === null ? mkdtempSync(join(tmpdir(), 'nianbao-records-')) : null;
  const store = openCache(parseOptions.cacheDir ?? scratch!);
  try {
    // 2. parse: one record per file, whatever happens to it (a bad file becomes a failed record with findings);
    //    unchanged files come from the cache, the rest are parsed across cores with a per-file time limit.
    //    Only a digest of each is kept, and the full records that cannot be read back from the cache.
    const corrected = new Set(hand.corrections.map((c) => (typeof c?.sha256 === 'string' ? c.sha256.toLowerCase() : '')));
    const digests: ReportDigest[] = new Array(paths.length);
    const keys: string[] = new Array(paths.length);
    const held = new Map<number, ReportRecord>();
    const parseStats: ParseAllStats = { parsed: 0, cached: 0, timedOut: 0, pruned: 0 };
    parseDigests(options.content, paths, manifest, { ...parseOptions, cacheDir: parseOptions.cacheDir ?? scratch }, SLIM_DIGEST, (index, key, digest, record, cached) => {
      digests[index] = digest;
      keys[index] = key;
      if (record && !cached) held.set(index, record);
    }, parseStats, true);
    t.mark(readParseLabel(parseStats.parsed, parseStats.cached));

    // 3. corrections: content/corrections.json entries, each leaving a correction.applied finding.
    const targets = digests.flatMap((d, i) => (corrected.has(d.slim.source_sha256) ? [i] : []));
    const targetRecords = targets.map((i) => held.get(i) ?? loadRecord(store, keys[i]!));
    const applied = hand.corrections.length > 0 ? corrections().applyCorrections(targetRecords, hand.corrections) : { records: targetRecords, problems: [] };
    const changedByCorrection = new Set<number>();
    targets.forEach((i, n) => {
      if (applied.records[n] === targetRecords[n]) return;
      held.set(i, applied.records[n]!);
      digests[i] = digestOf(applied.records[n]!);
      changedByCorrection.add(i);
    });

    t.mark('corrections');
    // 4. cross-report rules on the slim records: unique report_ids (report.duplicate), report.copied,
    //    applications.carryover, report.late.
    const slims: Slim[] = digests.map((d, i) => ({ ...d.slim, slim_index: i }));
    const crossed = crossReportRules(slims, (r) => (digests[r.slim_index]!.signature ? Uint32Array.from(digests[r.slim_index]!.signature!) : null));

    t.mark('cross-report rules');
    // 5. emit: CSV files, datapackage.json, README, markdown and JSON per report, the zip, files.json, report-index.json.
    const sources: ReportSource[] = crossed.map((c) => {
      const i = c.slim_index;
      const whole = held.has(i) || changedByCorrection.has(i);
      return {
        report_id: c.report_id,
        agency_id: c.agency_id,
        key: whole ? null : reportSourceKey(keys[i]!, c.report_id, c.findings),
        load: () => withCrossResults(held.get(i) ?? loadRecord(store, keys[i]!), c.report_id, c.findings),
      };
    });
    // The outputs the emit cache lacks are made across the workers first; the emit stage then assembles.
    const emitDir = emitCacheFor(parseOptions.cacheDir);
    let madeByWorkers = new Set<string>();
    if (emitDir) {
      const emitCache = openEmitCache(emitDir);
      const version = parserVersion();
      const cacheDir = parseOptions.cacheDir ?? scratch!;
      const stored = emitCache.reportKeys();
      const jobs: EmitJob[] = crossed.flatMap((c, n) => {
        const key = sources[n]!.key;
        if (key === null) return [];
        const entry = entryKey(version, key);
        return stored.has(entry) ? [] : [{ key: keys[c.slim_index]!, cacheDir, report_id: c.report_id, added: c.findings, entryKey: entry, emitCacheDir: emitDir, out: options.out }];
      });
      madeByWorkers = emitInWorkers(jobs, parseOptions);
    }
    // The count says whether the workers ran at all (tests/unit/parallel/data-entry-bundle.test.ts reads it).
    t.mark(`emit in workers (${madeByWorkers.size} reports)`);
    const written = emitDatasets(sources, crossed, options.out, undefined, {
      cacheDir: emitDir,
      madeElsewhere: madeByWorkers,
      deflateElsewhere: emitDir ? (files) => deflateInWorkers(files.map((f) => ({ ...f, emitCacheDir: emitDir })), parseOptions) : undefined,
      pruneReports: parseStats.pruned > 0,
    });

    t.mark('emit');
    const reports: ReportOutcome[] = crossed.map((c) => ({
      report_id: c.report_id,
      source_file: c.source_file,
      parse_status: c.parse_status,
      errors: [...digests[c.slim_index]!.errors, ...c.findings.filter((f) => f.severity === 'error')],
    }));
    return {
      files: reports.length,
      ok: reports.filter((r) => r.parse_status === 'ok').length,
      partial: reports.filter((r) => r.parse_status === 'partial').length,
      failed: reports.filter((r) => r.parse_status === 'failed').length,
      errors: reports.reduce((n, r) => n + r.errors.length, 0),
      reports,
      problems: [...provenance.problems, ...hand.problems, ...applied.problems],
      written,
      parseStats,
    };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

function loadRecord(store: ReturnType<typeof openCache>, key: string): ReportRecord {
  const record = store.get(key);
  if (!record) throw new Error(`parse cache entry ${key} vanished during the run`);
  return record;
}
