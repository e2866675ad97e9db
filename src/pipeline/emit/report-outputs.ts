/**
 * Everything the emit stage writes for one report, computed from that report
 * alone: its static API JSON, its normalized markdown and its block of rows in
 * each per-report CSV dataset (every such dataset's key starts with
 * report_id, so a dataset is its header plus the blocks in report_id order).
 * Pure.
 */
import { createRequire } from 'node:module';
import { DATASETS, type DatasetDef } from '../../schema/datasets.ts';
import type { Finding, ReportRecord } from '../../schema/types.ts';
import { sha256Hex } from '../read.ts';
import type { BlockBytes, ReportEntry } from './cache.ts';
import { csvBlock, type CsvRow } from './csv.ts';
import type * as MarkdownCode from './markdown.ts';
import { deflateEntry } from './zip.ts';
import { applicationRows, applicationWideRows, findingRows, proactiveRows, reportRows, reviewRows, sectionRows } from './rows.ts';

/** Each per-report dataset's rows of some records, sorted by its key. */
export const BLOCK_ROWS: Record<string, (records: ReportRecord[]) => CsvRow[]> = {
  reports: reportRows,
  applications: applicationRows,
  applications_wide: applicationWideRows,
  proactive_disclosure: proactiveRows,
  review_litigation: reviewRows,
  sections: sectionRows,
  findings: findingRows,
};

/** The datasets made of per-report blocks, in the schema's order. */
export const BLOCK_DATASETS: DatasetDef[] = DATASETS.filter((d) => d.name in BLOCK_ROWS);

const encoder = new TextEncoder();
export const utf8 = (s: string): Uint8Array => encoder.encode(s);
export { sha256Hex as sha256 } from '../read.ts';

/** reports/<id>.json: the record, one space of indentation, a final newline. */
export function reportJson(record: ReportRecord): Uint8Array {
  return utf8(JSON.stringify(record, null, 1) + '\n');
}

/** The report's block of each per-report dataset, as UTF-8 bytes, in the schema's order. */
export function csvBlocks(record: ReportRecord): Map<string, BlockBytes> {
  const out = new Map<string, BlockBytes>();
  for (const d of BLOCK_DATASETS) {
    const rows = BLOCK_ROWS[d.name]!([record]);
    out.set(d.name, { bytes: utf8(csvBlock(d, rows)), rows: rows.length });
  }
  return out;
}

// markdown.ts brings remark and the mdast stack (some 150 modules): loaded (synchronously: require of an ES module)
// only by a thread that makes a report's markdown, so a rebuild with no report to emit in the main thread never loads it.
const requireHere = createRequire(import.meta.url);
let markdownCode: typeof MarkdownCode | undefined;

export function markdownBytes(record: ReportRecord): Uint8Array {
  markdownCode ??= requireHere('./markdown.ts') as typeof MarkdownCode;
  return utf8(markdownCode.reportMarkdown(record));
}

/**
 * What a report's outputs are a function of, without loading it: its parse
 * cache key, its report_id and the findings the cross-report rules added.
 */
export function reportSourceKey(parseKey: string, reportId: string, added: readonly Finding[]): string {
  return sha256Hex(`${parseKey}\0${reportId}\0${JSON.stringify(added)}`);
}

/** The emit cache key of a report's entry: the code version and what the record is a function of. */
export function entryKey(version: string, sourceKey: string): string {
  return sha256Hex(`${version}\0${sourceKey}`);
}

/** A report's JSON and markdown files and its emit cache entry (blocks, deflated markdown, hashes). */
export function reportEntry(record: ReportRecord, json: Uint8Array = reportJson(record)): { entry: ReportEntry; json: Uint8Array; markdown: Uint8Array } {
  const markdown = markdownBytes(record);
  const entry = { json_sha256: sha256Hex(json), json_bytes: json.length, markdown_sha256: sha256Hex(markdown), markdown: deflateEntry(markdown), csv: csvBlocks(record) };
  return { entry, json, markdown };
}
