/** Agencies as the site lists them: every report with an agency_id, grouped; the rest listed apart. Pure. */
import type { AdminLevel } from '../schema/codes.ts';
import type { ReportSummary } from './summary.ts';

export interface AgencyView {
  agency_id: string;
  name: string;
  province: string | null;
  city: string | null;
  county: string | null;
  admin_level: AdminLevel | null;
  /** Report ids, oldest year first (ties by id). */
  report_ids: string[];
  years: number[];
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function yearKey(r: ReportSummary): number {
  return r.metadata.year ?? Number.MAX_SAFE_INTEGER;
}

// The agency pages' paths, the agency list and the home page group the same summaries.
const grouped = new WeakMap<readonly ReportSummary[], AgencyView[]>();

/** Groups reports by agency; name and region come from the latest report that states them. */
export function groupAgencies(reports: readonly ReportSummary[]): AgencyView[] {
  const cached = grouped.get(reports);
  if (cached) return cached;
  const groups = new Map<string, ReportSummary[]>();
  for (const r of reports) {
    if (!r.agency_id) continue;
    const list = groups.get(r.agency_id) ?? [];
    list.push(r);
    groups.set(r.agency_id, list);
  }
  const agencies: AgencyView[] = [];
  for (const [agency_id, list] of groups) {
    list.sort((a, b) => yearKey(a) - yearKey(b) || byKey(a.report_id, b.report_id));
    // The latest report that states a field gives it.
    const pick = <K extends keyof ReportSummary['metadata']>(field: K): ReportSummary['metadata'][K] | null => {
      for (let i = list.length - 1; i >= 0; i--) {
        const v = list[i]!.metadata[field];
        if (v !== null && v !== undefined) return v;
      }
      return null;
    };
    agencies.push({
      agency_id,
      name: pick('agency_name') ?? agency_id,
      province: pick('province'),
      city: pick('city'),
      county: pick('county'),
      admin_level: pick('admin_level'),
      report_ids: list.map((r) => r.report_id),
      years: [...new Set(list.map((r) => r.metadata.year).filter((y): y is number => y !== null))],
    });
  }
  agencies.sort((a, b) => byKey(a.agency_id, b.agency_id));
  grouped.set(reports, agencies);
  return agencies;
}

/** Reports whose agency could not be identified: listed on their own page, never dropped. */
export function unidentifiedReports(reports: readonly ReportSummary[]): ReportSummary[] {
  return reports.filter((r) => !r.agency_id);
}

export function agencyPath(agencyId: string): string {
  return `/agencies/${encodeURIComponent(agencyId)}/`;
}

/** Where a report is shown: its agency page, or the page of unidentified reports. */
export function reportPath(r: Pick<ReportSummary, 'agency_id' | 'report_id'>): string {
  const page = r.agency_id ? agencyPath(r.agency_id) : '/reports/unidentified/';
  return `${page}#${encodeURIComponent(r.report_id)}`;
}

/** Anchor of a narrative part, as the search index links to it. */
export function sectionAnchor(reportId: string, sectionCode: string): string {
  return `${reportId}--${sectionCode}`;
}
