/**
 * The arithmetic the template itself prints (勾稽关系) and the totals of its
 * tables, declared once over the codes. The tables stage uses them to split
 * glued digits and impute a missing cell; the validate stage reports where
 * they fail. Each identity: sum(left) = sum(right).
 */
import {
  APPLICANTS,
  PROCEEDINGS,
  RESULTS,
  applicationRowsFor,
  type ApplicantCode,
  type ApplicationRowCode,
  type ProceedingCode,
  type ResultCode,
  type RuleCode,
  type TemplateCode,
} from './codes.ts';

export interface Identity<K> {
  rule: RuleCode;
  /** Where a failure is reported, e.g. `applications/outcome_total/natural_person`. */
  location: { row: string | null; column: string | null };
  left: K[];
  right: K[];
}

export interface ApplicationKey {
  row: ApplicationRowCode;
  applicant: ApplicantCode;
}
export interface ReviewKey {
  proceeding: ProceedingCode;
  result: ResultCode;
}

const PARTS: ApplicantCode[] = APPLICANTS.filter((a) => a.code !== 'total').map((a) => a.code);

export function applicationIdentities(template: TemplateCode): Identity<ApplicationKey>[] {
  const rows = applicationRowsFor(template);
  const outcomeRows = rows.filter((r) => r.outcome).map((r) => r.code as ApplicationRowCode);
  const out: Identity<ApplicationKey>[] = [];
  for (const a of APPLICANTS.map((x) => x.code)) {
    const k = (row: ApplicationRowCode): ApplicationKey => ({ row, applicant: a });
    // 勾稽: 第一项加第二项之和，等于第三项加第四项之和
    out.push({ rule: 'applications.balance', location: { row: 'outcome_total', column: a }, left: [k('received_new'), k('carried_over_in')], right: [k('outcome_total'), k('carried_over_out')] });
    out.push({ rule: 'applications.outcome_sum', location: { row: 'outcome_total', column: a }, left: [k('outcome_total')], right: outcomeRows.map(k) });
  }
  for (const r of rows.map((x) => x.code as ApplicationRowCode)) {
    out.push({ rule: 'applications.row_total', location: { row: r, column: 'total' }, left: [{ row: r, applicant: 'total' }], right: PARTS.map((applicant) => ({ row: r, applicant })) });
  }
  return out;
}

export function reviewIdentities(): Identity<ReviewKey>[] {
  return PROCEEDINGS.map((p) => ({
    rule: 'review.total' as const,
    location: { row: p.code, column: 'total' },
    left: [{ proceeding: p.code, result: 'total' as const }],
    right: RESULTS.filter((r) => r.code !== 'total').map((r) => ({ proceeding: p.code, result: r.code })),
  }));
}

/** Checks an identity against known values; undefined when a value it needs is unknown. */
export function identityHolds<K>(identity: Identity<K>, valueOf: (k: K) => number | null): boolean | undefined {
  let l = 0;
  let r = 0;
  for (const k of identity.left) {
    const v = valueOf(k);
    if (v === null) return undefined;
    l += v;
  }
  for (const k of identity.right) {
    const v = valueOf(k);
    if (v === null) return undefined;
    r += v;
  }
  return Math.abs(l - r) < 1e-9;
}
