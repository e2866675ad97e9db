/** Records → CSV rows, one function per dataset. Pure. */
import type { ReportRecord } from '../../schema/types.ts';
import type { CsvRow } from './csv.ts';

export function reportRows(records: ReportRecord[]): CsvRow[] {
  return records.map((r) => ({
    report_id: r.report_id,
    agency_id: r.agency_id,
    agency_name: r.metadata.agency_name,
    year: r.metadata.year,
    template: r.metadata.template,
    published_date: r.metadata.published_date,
    province: r.metadata.province,
    province_code: r.metadata.province_code,
    city: r.metadata.city,
    city_code: r.metadata.city_code,
    county: r.metadata.county,
    county_code: r.metadata.county_code,
    admin_level: r.metadata.admin_level,
    source_file: r.source_file,
    source_url: r.provenance.source_url,
    source_sha256: r.source_sha256,
    encoding: r.encoding,
    parse_status: r.parse_status,
    findings_error: r.findings.filter((f) => f.severity === 'error').length,
    findings_warning: r.findings.filter((f) => f.severity === 'warning').length,
    narrative_chars: r.narrative_chars,
  }));
}

export function sectionRows(records: ReportRecord[]): CsvRow[] {
  return records.flatMap((r) =>
    r.sections.map((s) => ({
      report_id: r.report_id,
      section: s.code,
      number: s.number,
      status: s.status,
      title_found: s.title_found,
      chars: [...s.text].length,
      text: s.text,
    })),
  );
}
