/**
 * The whole data pipeline over a content folder, top to bottom:
 * read → parse each report (decode → clean → segment → metadata → tables → validate)
 * → corrections → cross-report rules → emit.
 */
import { applyCorrections, readCorrections } from './corrections.ts';
import { crossReportRules } from './cross/index.ts';
import { writeDatasets, type FileEntry } from './emit/index.ts';
import { parseAll, type ParseAllOptions, type ParseAllStats } from './parallel/index.ts';
import { listContentFiles, readSourcesManifest } from './read.ts';
import type { ReportRecord } from '../schema/types.ts';

export interface RunOptions {
  content: string;
  out: string;
  /** Workers, per-file time limit and parse cache (defaults: all cores, 20 s, .cache/parse). */
  parse?: ParseAllOptions;
}

export interface RunSummary {
  files: number;
  ok: number;
  partial: number;
  failed: number;
  errors: number;
  records: ReportRecord[];
  /** Problems outside any one report (a bad corrections entry). */
  problems: string[];
  written: FileEntry[];
  parseStats: ParseAllStats;
}

export function runPipeline(options: RunOptions): RunSummary {
  // 1. read: every file of the content folder, with provenance from sources.json, and the hand corrections.
  const manifest = readSourcesManifest(options.content);
  const paths = listContentFiles(options.content);
  const corrections = readCorrections(options.content);

  // 2. parse: one record per file, whatever happens to it (a bad file becomes a failed record with findings);
  //    unchanged files come from the cache, the rest are parsed across cores with a per-file time limit.
  const parseStats: ParseAllStats = { parsed: 0, cached: 0, timedOut: 0 };
  const parsed = parseAll(options.content, paths, manifest, options.parse ?? {}, parseStats);

  // 3. corrections: content/corrections.json entries, each leaving a correction.applied finding.
  const corrected = applyCorrections(parsed, corrections.corrections);

  // 4. cross-report rules: unique report_ids (report.duplicate), report.copied, applications.carryover, report.late.
  const records = crossReportRules(corrected.records);

  // 5. emit: CSV files, datapackage.json, README, markdown and JSON per report, the zip, files.json.
  const written = writeDatasets(records, options.out);

  return {
    files: records.length,
    ok: records.filter((r) => r.parse_status === 'ok').length,
    partial: records.filter((r) => r.parse_status === 'partial').length,
    failed: records.filter((r) => r.parse_status === 'failed').length,
    errors: records.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0),
    records,
    problems: [...corrections.problems, ...corrected.problems],
    written,
    parseStats,
  };
}
