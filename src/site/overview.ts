/** Coverage and headline figures of the home page. Pure. */
import { groupAgencies } from './agencies.ts';
import { KnownSum, ratio } from './aggregate.ts';
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
  // One pass over the reports (the home page's figures are sums over 10,000s of them).
  let parsed = 0;
  let complete = 0;
  let rated = 0;
  let withReview = 0;
  let checkable = 0;
  let addsUp = 0;
  const open = new KnownSum();
  const ratedOutcomes = new KnownSum();
  const received = new KnownSum();
  const reconsiderations = new KnownSum();
  const lawsuits = new KnownSum();
  const years = new Set<number>();
  const provinces = new Set<string>();
  const templates = new Map<string, number>();
  for (const a of reports) {
    const f = a.figures;
    if (a.parse_status !== 'failed') parsed++;
    if (a.parse_status === 'ok') complete++;
    if (a.metadata.year !== null) years.add(a.metadata.year);
    if (a.metadata.province) provinces.add(a.metadata.province);
    if (a.template) templates.set(a.template, (templates.get(a.template) ?? 0) + 1);
    received.add(f.received_new);
    if (f.disclosure_rate !== null) {
      rated++;
      open.add((f.groups['一'] ?? 0) + (f.groups['二'] ?? 0));
      ratedOutcomes.add(f.outcome_total);
    }
    reconsiderations.add(f.review.reconsideration.total);
    lawsuits.add(f.review.litigation_direct.total);
    lawsuits.add(f.review.litigation_after_reconsideration.total);
    if (f.review.reconsideration.total !== null || f.review.litigation_direct.total !== null) withReview++;
    if (f.adds_up !== null) checkable++;
    if (f.adds_up === true) addsUp++;
  }
  return {
    reports: reports.length,
    parsed,
    complete,
    agencies: groupAgencies(reports).length,
    years: [...years].sort((a, b) => a - b),
    provinces: [...provinces].sort(zhCompare),
    templates: [...templates].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, n]) => ({ code, reports: n })),
    received_new: received.value,
    received_reports: received.n,
    disclosure_rate: ratio(open.value, ratedOutcomes.value),
    rated_reports: rated,
    reconsiderations: reconsiderations.value,
    lawsuits: lawsuits.value,
    review_reports: withReview,
    adds_up: addsUp,
    checkable,
    adds_up_share: ratio(addsUp, checkable),
  };
}
