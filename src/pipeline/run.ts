/**
 * The whole data pipeline over a content folder, top to bottom:
 * read → parse each report (decode → clean → segment → metadata → tables → validate)
 * → corrections → cross-report rules → emit.
 */
import { applyCorrections, readCorrections } from './corrections.ts';
import { crossReportRules } from './cross/index.ts';
import { writeDatasets, type FileEntry } from './emit/index.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from './read.ts';
import { parseReport } from './report.ts';
import type { ReportRecord } from '../schema/types.ts';

export interface RunOptions {
  content: string;
  out: string;
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
}

export function runPipeline(options: RunOptions): RunSummary {
  // 1. read: every file of the content folder, with provenance from sources.json, and the hand corrections.
  const manifest = readSourcesManifest(options.content);
  const paths = listContentFiles(options.content);
  const corrections = readCorrections(options.content);

  // 2. parse: one record per file, whatever happens to it (a bad file becomes a failed record with findings).
  const parsed = paths.map((path) => parseReport(readInputFile(options.content, path, manifest)));

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
  };
}
