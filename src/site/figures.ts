/** Per-report headline figures, computed once from the prepared record. Pure. */
import { PROCEEDINGS, RESULTS, type ProceedingCode, type ResultCode, type RuleCode } from '../schema/codes.ts';
import type { ReportRecord } from '../schema/types.ts';
import { applicationCell, outcomeGroups, reviewCell, sumRows, valueOf, type ReportTablesView } from './cells.ts';

/** 予以公开 + 部分公开 over 办理结果总计; null when any of the three is unknown or the total is 0. */
export function disclosureRate(disclosed: number | null, partial: number | null, outcomeTotal: number | null): number | null {
  if (disclosed === null || partial === null || outcomeTotal === null || outcomeTotal === 0) return null;
  return (disclosed + partial) / outcomeTotal;
}

/** 结果纠正 over concluded cases (总计 − 尚未审结); null when unknown or nothing concluded. */
export function correctionRate(corrected: number | null, total: number | null, pending: number | null): number | null {
  if (corrected === null || total === null || pending === null) return null;
  const concluded = total - pending;
  return concluded > 0 ? corrected / concluded : null;
}

/** The arithmetic rules of the template (勾稽关系 and totals). */
export const ARITHMETIC_RULES: readonly RuleCode[] = ['applications.balance', 'applications.outcome_sum', 'applications.row_total', 'review.total'];

export interface ReportFigures {
  received_new: number | null;
  carried_over_in: number | null;
  outcome_total: number | null;
  carried_over_out: number | null;
  /** Outcome group key (一…六) → total column sum of its rows. */
  groups: Record<string, number | null>;
  disclosure_rate: number | null;
  review: Record<ProceedingCode, Record<ResultCode, number | null>>;
  /** True when the applications table is there and no arithmetic rule fails; null when there is nothing to check. */
  adds_up: boolean | null;
}

export function reportFigures(r: ReportTablesView & Pick<ReportRecord, 'findings'>): ReportFigures {
  const total = (row: Parameters<typeof applicationCell>[1]) => valueOf(applicationCell(r, row, 'total'));
  const groups: Record<string, number | null> = {};
  for (const g of outcomeGroups()) groups[g.key] = sumRows(r, g.rows);
  const review = {} as ReportFigures['review'];
  for (const p of PROCEEDINGS) {
    review[p.code] = {} as Record<ResultCode, number | null>;
    for (const res of RESULTS) review[p.code][res.code] = valueOf(reviewCell(r, p.code, res.code));
  }
  const checkable = r.tables.applications.status === 'present';
  const fails = r.findings.some((f) => ARITHMETIC_RULES.includes(f.rule));
  const outcomeTotal = total('outcome_total');
  return {
    received_new: total('received_new'),
    carried_over_in: total('carried_over_in'),
    outcome_total: outcomeTotal,
    carried_over_out: total('carried_over_out'),
    groups,
    disclosure_rate: disclosureRate(total('disclosed'), total('partially_disclosed'), outcomeTotal),
    review,
    adds_up: checkable ? !fails : null,
  };
}

export interface YearRow {
  report_id: string;
  year: number | null;
  template: string | null;
  figures: ReportFigures;
  /** Lawsuits: direct + after reconsideration; null unless both are known. */
  lawsuits: number | null;
}

/** One row per report of an agency, for its across-years summary (templates stay labelled per row). */
export function yearRows(reports: readonly (ReportTablesView & Pick<ReportRecord, 'findings' | 'report_id'>)[]): YearRow[] {
  return reports.map((r) => {
    const figures = reportFigures(r);
    const direct = figures.review.litigation_direct.total;
    const after = figures.review.litigation_after_reconsideration.total;
    return {
      report_id: r.report_id,
      year: r.metadata.year,
      template: r.tables.applications.template ?? r.metadata.template,
      figures,
      lawsuits: direct === null || after === null ? null : direct + after,
    };
  });
}
