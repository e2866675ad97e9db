/**
 * The whole data pipeline over a content folder, top to bottom:
 * read → parse each report (decode → clean → segment → metadata → tables → validate) → cross-report → emit.
 */
import { parseReport } from './report.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from './read.ts';
import { writeDatasets } from './emit/index.ts';
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
}

export function runPipeline(options: RunOptions): RunSummary {
  // 1. read: every file of the content folder, with provenance from sources.json.
  const manifest = readSourcesManifest(options.content);
  const paths = listContentFiles(options.content);

  // 2. parse: one record per file, whatever happens to it.
  const records = paths.map((path) => parseReport(readInputFile(options.content, path, manifest)));

  // 3. emit: the datasets of the data contract.
  writeDatasets(records, options.out);

  return {
    files: records.length,
    ok: records.filter((r) => r.parse_status === 'ok').length,
    partial: records.filter((r) => r.parse_status === 'partial').length,
    failed: records.filter((r) => r.parse_status === 'failed').length,
    errors: records.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0),
    records,
  };
}
