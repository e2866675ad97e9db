/** Places each finding of a report next to what it concerns: a cell, a row, a table, a part, or the report. Pure. */
import { FINDING_ORIGINS, RULES, SECTIONS, SEVERITIES, type SectionCode } from '../schema/codes.ts';
import type { Finding, ReportRecord } from '../schema/types.ts';

export type TableKey = keyof ReportRecord['tables'];
export const TABLE_KEYS: readonly TableKey[] = ['proactive_disclosure', 'applications', 'review_litigation'];

export interface PlacedFinding {
  /** 1-based number within the report, shown as the reference mark. */
  n: number;
  /** Anchor id on the page. */
  id: string;
  finding: Finding;
  ruleZh: string;
  severityZh: string;
  originZh: string;
}

export interface FindingPlacement {
  report: PlacedFinding[];
  tables: Record<TableKey, PlacedFinding[]>;
  sections: Partial<Record<SectionCode, PlacedFinding[]>>;
  /** `table/row/column` and `table/row/` (a whole row) → findings. */
  cells: Map<string, PlacedFinding[]>;
}

export function cellKey(table: string, row: string | null, column: string | null): string {
  return `${table}/${row ?? ''}/${column ?? ''}`;
}

// `section/<code>` or `section/<code>/…`: the part a narrative finding is about.
const SECTION_LOCATION = /^section\/([a-z_]+)/;

function sectionOf(f: Finding): SectionCode | null {
  const m = SECTION_LOCATION.exec(f.location);
  const code = m?.[1];
  return SECTIONS.some((s) => s.code === code) ? (code as SectionCode) : null;
}

export function placeFindings(reportId: string, findings: readonly Finding[]): FindingPlacement {
  const placement: FindingPlacement = {
    report: [],
    tables: { proactive_disclosure: [], applications: [], review_litigation: [] },
    sections: {},
    cells: new Map(),
  };
  findings.forEach((finding, i) => {
    const placed: PlacedFinding = {
      n: i + 1,
      id: `${reportId}--finding-${i + 1}`,
      finding,
      ruleZh: RULES.find((r) => r.code === finding.rule)?.zh ?? finding.rule,
      severityZh: SEVERITIES.find((s) => s.code === finding.severity)?.zh ?? finding.severity,
      originZh: FINDING_ORIGINS.find((o) => o.code === finding.origin)?.zh ?? finding.origin,
    };
    if (finding.table) {
      placement.tables[finding.table].push(placed);
      if (finding.row !== null || finding.column !== null) {
        const key = cellKey(finding.table, finding.row, finding.column);
        placement.cells.set(key, [...(placement.cells.get(key) ?? []), placed]);
      }
      return;
    }
    const section = sectionOf(finding);
    if (section) {
      placement.sections[section] = [...(placement.sections[section] ?? []), placed];
      return;
    }
    placement.report.push(placed);
  });
  return placement;
}
