/**
 * report.late: published after the Article 49 deadline of the Regulations.
 * A people's government's report on its whole area (县级以上人民政府, i.e.
 * is_department false at province, city or county level) is due 31 March of
 * the next year; every other report, an agency's own, 31 January. When we do
 * not know which kind a report is, the later deadline is used, so a report is
 * only called late when it is late under either reading.
 */
import type { ReportRecord } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';

const AREA_GOVERNMENT_LEVELS = new Set(['province', 'city', 'county']);

export function deadlineFor(record: ReportRecord): string | null {
  const { year, is_department, admin_level } = record.metadata;
  if (year === null) return null;
  const ownReport = is_department === true || (is_department === false && admin_level !== null && !AREA_GOVERNMENT_LEVELS.has(admin_level));
  return ownReport ? `${year + 1}-01-31` : `${year + 1}-03-31`;
}

export function checkLate<T extends ReportRecord>(records: T[]): T[] {
  return records.map((r) => {
    const deadline = deadlineFor(r);
    const published = r.metadata.published_date;
    if (!deadline || !published || published <= deadline) return r;
    return {
      ...r,
      findings: [...r.findings, makeFinding('report.late', {
        location: 'metadata/published_date',
        expected: `≤ ${deadline}`,
        actual: published,
        zh: `发布日期 ${published} 晚于条例第四十九条规定的期限 ${deadline}`,
        en: `Published on ${published}, after the Article 49 deadline of ${deadline}`,
      })],
    };
  });
}
