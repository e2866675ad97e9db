/**
 * report.duplicate: two input files for one agency and year. Both are kept;
 * the first in source-file order keeps `<agency_id>-<year>`, the others get
 * `-2`, `-3` … so every report_id is unique, and each file of the clash gets
 * a finding naming the others. Any other report_id clash (two byte-identical
 * unidentified files) is made unique the same way, without a finding.
 */
import type { ReportRecord } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';

export function resolveDuplicates<T extends ReportRecord>(records: T[]): T[] {
  const groups = new Map<string, T[]>();
  const bySource = [...records].sort((a, b) => (a.source_file < b.source_file ? -1 : a.source_file > b.source_file ? 1 : 0));
  for (const r of bySource) groups.set(r.report_id, [...(groups.get(r.report_id) ?? []), r]);
  const taken = new Set(records.map((r) => r.report_id));
  const out: T[] = [];
  for (const [id, group] of groups) {
    if (group.length === 1) {
      out.push(group[0]!);
      continue;
    }
    const ids = group.map((_, i) => (i === 0 ? id : uniqueSuffix(id, i + 1, taken)));
    group.forEach((r, i) => {
      const others = group.filter((o) => o !== r).map((o) => `${o.source_file} (${ids[group.indexOf(o)]})`).join('; ');
      const isAgencyYear = r.agency_id !== null && r.metadata.year !== null;
      const findings = isAgencyYear
        ? [...r.findings, makeFinding('report.duplicate', {
            location: 'report',
            expected: '1',
            actual: String(group.length),
            zh: `同一机关同一年度另有报告文件：${others}`,
            en: `Another input claims the same agency and year: ${others}`,
          })]
        : r.findings;
      out.push({ ...r, report_id: ids[i]!, findings });
    });
  }
  return out;
}

function uniqueSuffix(id: string, n: number, taken: Set<string>): string {
  let k = n;
  while (taken.has(`${id}-${k}`)) k++;
  taken.add(`${id}-${k}`);
  return `${id}-${k}`;
}
