/**
 * What the cross-report rules and the run summary need of a report, small
 * enough to hold for every report of a national year at once (the full
 * records stay on disk, in the parse cache, until the emit stage streams them):
 * the record without its sections, findings and table cells other than the
 * carry-over rows; the MinHash signature of its narrative; its error findings.
 */
import type { Finding, ReportRecord } from '../../schema/types.ts';
import { narrativeSignature } from './copied.ts';

/** The application rows the carry-over rule compares across years. */
const CARRYOVER_ROWS = new Set(['carried_over_in', 'carried_over_out']);

export interface ReportDigest {
  /** The record with `sections`, `findings` and `removed_chrome` empty and only the carry-over cells. */
  slim: ReportRecord;
  /** The narrative's signature (cross/copied.ts), or null when too short to compare. */
  signature: number[] | null;
  /** The record's error-level findings, for the run summary. */
  errors: Finding[];
}

export function slimRecord(record: ReportRecord): ReportRecord {
  const t = record.tables;
  return {
    ...record,
    sections: [],
    tables: {
      applications: { ...t.applications, cells: t.applications.cells.filter((c) => CARRYOVER_ROWS.has(c.row)) },
      proactive_disclosure: { ...t.proactive_disclosure, cells: [] },
      review_litigation: { ...t.review_litigation, cells: [] },
    },
    findings: [],
    removed_chrome: [],
  };
}

export function digestOf(record: ReportRecord): ReportDigest {
  const signature = narrativeSignature(record);
  return {
    slim: slimRecord(record),
    signature: signature ? Array.from(signature) : null,
    errors: record.findings.filter((f) => f.severity === 'error'),
  };
}

/**
 * The full record after the cross-report rules, from the parsed (and
 * corrected) record and what the rules did to its slim copy: a new
 * report_id and findings appended. Key order is kept, so its JSON is what
 * running the rules on the full record gives.
 */
export function withCrossResults(record: ReportRecord, report_id: string, added: readonly Finding[]): ReportRecord {
  if (report_id === record.report_id && added.length === 0) return record;
  return { ...record, report_id, findings: [...record.findings, ...added] };
}
