/**
 * <out>/report-index.json: which reports the output holds and the sha256 of
 * each one's reports/<report_id>.json, sorted by report_id. Later stages
 * (site, search) compare it with the previous build's to know which reports
 * changed; the emit stage itself uses it to skip rewriting unchanged files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPORT_INDEX = 'report-index.json';

export interface ReportIndexEntry {
  report_id: string;
  agency_id: string | null;
  sha256: string;
}

/** One entry per line, so a diff of two indexes shows the reports that changed. */
export function reportIndexJson(entries: readonly ReportIndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0));
  const lines = sorted.map((e) => JSON.stringify({ report_id: e.report_id, agency_id: e.agency_id, sha256: e.sha256 }));
  return lines.length ? `[\n${lines.join(',\n')}\n]\n` : '[]\n';
}

/** The previous build's index as report_id → sha256; empty when there is none or it cannot be read. */
export function readReportIndex(out: string): Map<string, string> {
  try {
    const entries = JSON.parse(readFileSync(join(out, REPORT_INDEX), 'utf8')) as ReportIndexEntry[];
    return new Map(entries.map((e) => [e.report_id, e.sha256]));
  } catch {
    return new Map();
  }
}
