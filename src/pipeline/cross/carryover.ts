/**
 * applications.carryover: this year's 上年结转 (carried_over_in) against the
 * same agency's previous-year 结转下年度继续办理 (carried_over_out), applicant
 * column by column, where both reports give a value.
 */
import { APPLICANTS } from '../../schema/codes.ts';
import type { ApplicationCell, ReportRecord } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';

const valueOf = (c: ApplicationCell | undefined) => (c && (c.status === 'reported' || c.status === 'imputed') ? c.value : null);

export function checkCarryover<T extends ReportRecord>(records: T[]): T[] {
  // The first report (by report_id) of each agency and year stands for it; a duplicate has its own finding.
  const byAgencyYear = new Map<string, T>();
  for (const r of [...records].sort((a, b) => (a.report_id < b.report_id ? -1 : 1))) {
    if (!r.agency_id || r.metadata.year === null) continue;
    const key = `${r.agency_id}/${r.metadata.year}`;
    if (!byAgencyYear.has(key)) byAgencyYear.set(key, r);
  }
  return records.map((r) => {
    if (!r.agency_id || r.metadata.year === null) return r;
    const previous = byAgencyYear.get(`${r.agency_id}/${r.metadata.year - 1}`);
    if (!previous) return r;
    const found = APPLICANTS.flatMap((a) => {
      const carriedIn = valueOf(r.tables.applications.cells.find((c) => c.row === 'carried_over_in' && c.applicant === a.code));
      const carriedOut = valueOf(previous.tables.applications.cells.find((c) => c.row === 'carried_over_out' && c.applicant === a.code));
      if (carriedIn === null || carriedOut === null || carriedIn === carriedOut) return [];
      return [makeFinding('applications.carryover', {
        table: 'applications', row: 'carried_over_in', column: a.code,
        expected: carriedOut, actual: carriedIn,
        zh: `${a.zh}：上年结转 ${carriedIn}，而 ${previous.report_id} 的结转下年度为 ${carriedOut}`,
        en: `${a.en}: carried in ${carriedIn}, but ${previous.report_id} carried out ${carriedOut}`,
      })];
    });
    return found.length ? { ...r, findings: [...r.findings, ...found] } : r;
  });
}
