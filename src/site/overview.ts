/** Coverage and headline figures of the home page. Pure. */
import { groupAgencies } from './agencies.ts';
import { ratio, sumKnown } from './aggregate.ts';
import { zhCompare } from './format.ts';
import type { ReportSummary } from './summary.ts';

export interface Overview {
  reports: number;
  /** Reports not failed, and those parsed completely. */
  parsed: number;
  complete: number;
  agencies: number;
  years: number[];
  provinces: string[];
  templates: { code: string; reports: number }[];
  received_new: number | null;
  /** Reports the received_new figure comes from. */
  received_reports: number;
  disclosure_rate: number | null;
  rated_reports: number;
  reconsiderations: number | null;
  lawsuits: number | null;
  review_reports: number;
  /** Reports whose applications table is there and adds up, over those whose table is there. */
  adds_up: number;
  checkable: number;
  adds_up_share: number | null;
}

export function overview(reports: readonly ReportSummary[]): Overview {
  const all = reports;
  const rated = all.filter((a) => a.figures.disclosure_rate !== null);
  const open = sumKnown(rated.map((a) => (a.figures.groups['一'] ?? 0) + (a.figures.groups['二'] ?? 0)));
  const withReview = all.filter((a) => a.figures.review.reconsideration.total !== null || a.figures.review.litigation_direct.total !== null);
  const checkable = all.filter((a) => a.figures.adds_up !== null);
  const addsUp = checkable.filter((a) => a.figures.adds_up === true).length;
  const templates = new Map<string, number>();
  for (const a of all) if (a.template) templates.set(a.template, (templates.get(a.template) ?? 0) + 1);
  return {
    reports: reports.length,
    parsed: reports.filter((r) => r.parse_status !== 'failed').length,
    complete: reports.filter((r) => r.parse_status === 'ok').length,
    agencies: groupAgencies(reports).length,
    years: [...new Set(reports.map((r) => r.metadata.year).filter((y): y is number => y !== null))].sort((a, b) => a - b),
    provinces: [...new Set(reports.map((r) => r.metadata.province).filter((p): p is string => !!p))].sort(zhCompare),
    templates: [...templates].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, n]) => ({ code, reports: n })),
    received_new: sumKnown(all.map((a) => a.figures.received_new)),
    received_reports: all.filter((a) => a.figures.received_new !== null).length,
    disclosure_rate: ratio(open, sumKnown(rated.map((a) => a.figures.outcome_total))),
    rated_reports: rated.length,
    reconsiderations: sumKnown(all.map((a) => a.figures.review.reconsideration.total)),
    lawsuits: sumKnown(all.flatMap((a) => [a.figures.review.litigation_direct.total, a.figures.review.litigation_after_reconsideration.total])),
    review_reports: withReview.length,
    adds_up: addsUp,
    checkable: checkable.length,
    adds_up_share: ratio(addsUp, checkable.length),
  };
}
