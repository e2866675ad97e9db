/**
 * The record of an input file that could not be read as a report, and the
 * empty metadata and tables it carries. Kept apart from report.ts so that code
 * which only makes such records (the parse pool's time limit) does not load the parser.
 */
import { SECTIONS } from '../schema/codes.ts';
import type { Finding, InputFile, ReportMetadata, ReportRecord, ReportTables } from '../schema/types.ts';
import { reportIdFor } from './ids.ts';

export const EMPTY_METADATA: ReportMetadata = {
  agency_name: null, year: null, template: null, published_date: null,
  province: null, province_code: null, city: null, city_code: null, county: null, county_code: null,
  admin_level: null, is_department: null, contact: { address: null, phone: null, website: null },
};

export const EMPTY_TABLES: ReportTables = {
  applications: { status: 'missing', template: null, cells: [] },
  proactive_disclosure: { status: 'missing', template: null, cells: [] },
  review_litigation: { status: 'missing', template: null, cells: [] },
};

/** The record of a file that could not be read as a report: every input still gets one. */
export function failedRecord(file: InputFile, findings: Finding[], encoding: string | null): ReportRecord {
  return {
    report_id: reportIdFor(null, null, file.sha256),
    agency_id: null,
    source_file: file.path,
    source_sha256: file.sha256,
    provenance: file.provenance,
    encoding,
    parse_status: 'failed',
    metadata: EMPTY_METADATA,
    sections: SECTIONS.map((s) => ({ code: s.code, number: s.number, status: 'missing', title_found: null, text: '' })),
    tables: EMPTY_TABLES,
    findings,
    removed_chrome: [],
    narrative_chars: 0,
  };
}
