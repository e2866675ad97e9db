/**
 * Plausible numbers for tables 二, 三 and 四 that satisfy the template's own
 * arithmetic (src/schema/identities.ts), with a controlled share of reports
 * whose tables do not add up, as real reports sometimes do.
 */
import {
  APPLICANTS,
  PROCEEDINGS,
  RESULTS,
  applicationRowsFor,
  proactiveCategoriesFor,
  type ApplicantCode,
  type ApplicationRowCode,
  type MeasureCode,
  type ProactiveCategoryCode,
  type ProactiveItemCode,
  type TemplateCode,
} from '../schema/codes.ts';
import type { ApplicationCell, ProactiveCell, ReportTables, ReviewCell } from '../schema/types.ts';
import type { Rng } from './prng.ts';

const PARTS = APPLICANTS.filter((a) => a.code !== 'total').map((a) => a.code as ApplicantCode);
/** How busy each applicant column typically is (mean count per outcome row). */
const APPLICANT_WEIGHT: Record<string, number> = { natural_person: 1, commercial: 0.12, research: 0.01, social_welfare: 0.02, legal_service: 0.05, other_org: 0.06 };

export interface GeneratedValues {
  tables: ReportTables;
  /** Identity the report breaks on purpose (a location like `applications/outcome_total/total`), or null. */
  broken: string | null;
}

function cell(value: number): { value: number; status: 'reported'; raw: string; unit: null } {
  return { value, status: 'reported', raw: String(value), unit: null };
}

/** Table 三: per applicant column, outcomes → outcome_total → balance; then the total column. */
export function applicationsTable(rng: Rng, template: TemplateCode, scale: number): ApplicationCell[] {
  const rows = applicationRowsFor(template);
  const outcomeRows = rows.filter((r) => r.outcome).map((r) => r.code as ApplicationRowCode);
  const value = new Map<string, number>();
  const key = (row: string, a: string) => `${row}/${a}`;
  // Outcome mix: most requests disclosed, some unavailable, a few withheld.
  const mix: Record<string, number> = { disclosed: 0.45, partially_disclosed: 0.08, unavailable_not_held: 0.18, rejected_petition: 0.05, rejected_duplicate: 0.03, other_handling: 0.04, other_other: 0.03, other_no_correction: 0.02 };
  for (const a of PARTS) {
    let outcomes = 0;
    for (const r of outcomeRows) {
      const v = rng.count(scale * APPLICANT_WEIGHT[a]! * (mix[r] ?? 0.01));
      value.set(key(r, a), v);
      outcomes += v;
    }
    const carriedOut = rng.chance(0.3) ? rng.count(scale * APPLICANT_WEIGHT[a]! * 0.05) : 0;
    const carriedIn = rng.chance(0.3) ? Math.min(outcomes + carriedOut, rng.count(scale * APPLICANT_WEIGHT[a]! * 0.05)) : 0;
    value.set(key('outcome_total', a), outcomes);
    value.set(key('carried_over_out', a), carriedOut);
    value.set(key('carried_over_in', a), carriedIn);
    value.set(key('received_new', a), outcomes + carriedOut - carriedIn);
  }
  const cells: ApplicationCell[] = [];
  for (const r of rows) {
    const row = r.code as ApplicationRowCode;
    let total = 0;
    for (const a of PARTS) total += value.get(key(row, a))!;
    value.set(key(row, 'total'), total);
    for (const a of APPLICANTS) cells.push({ row, applicant: a.code, ...cell(value.get(key(row, a.code))!) });
  }
  return cells;
}

/** Table 四: three proceedings × results, total = sum of results. */
export function reviewTable(rng: Rng, scale: number): ReviewCell[] {
  const cells: ReviewCell[] = [];
  for (const p of PROCEEDINGS) {
    let total = 0;
    const parts = RESULTS.filter((r) => r.code !== 'total').map((r) => {
      const v = rng.chance(0.6) ? 0 : rng.count(scale * (r.code === 'upheld' ? 0.03 : 0.01));
      total += v;
      return { proceeding: p.code, result: r.code, ...cell(v) };
    });
    cells.push(...parts, { proceeding: p.code, result: 'total', ...cell(total) });
  }
  return cells;
}

/** A plausible count or amount for a measure of table 二. */
function measureValue(rng: Rng, category: ProactiveCategoryCode, measure: MeasureCode, scale: number): ProactiveCell['value'] | { value: number; raw: string; unit: string } {
  const busy = category === 'licensing' || category === 'penalty' || category === 'other_services' ? 40 : category === 'enforcement' ? 5 : 1;
  if (measure === 'amount') {
    if (rng.chance(0.5)) {
      // 万元 with up to 4 decimals: value in yuan is an integer number of yuan.
      const wan = rng.int(0, 50000) / 100;
      return { value: Math.round(wan * 10000), raw: wan.toFixed(2).replace(/\.?0+$/, ''), unit: '万元' };
    }
    const yuan = rng.int(0, 5_000_000);
    return { value: yuan, raw: String(yuan), unit: '元' };
  }
  if (measure === 'items_change') {
    const v = rng.chance(0.6) ? 0 : rng.int(-20, 30);
    return { value: v, raw: v > 0 && rng.chance(0.5) ? `+${v}` : String(v), unit: '' };
  }
  if (category === 'rules') return rng.chance(0.85) ? 0 : rng.int(1, 3);
  if (category === 'normative_documents') return rng.count(measure === 'in_force' || measure === 'published_total' ? 30 : 5);
  return rng.count(busy * scale * 0.5);
}

export function proactiveTable(rng: Rng, template: TemplateCode, scale: number): ProactiveCell[] {
  const cells: ProactiveCell[] = [];
  for (const c of proactiveCategoriesFor(template)) {
    for (const m of c.measures[template]!) {
      const v = measureValue(rng, c.code as ProactiveCategoryCode, m, scale);
      const base = { item: c.item as ProactiveItemCode, category: c.code as ProactiveCategoryCode, measure: m };
      if (typeof v === 'number') cells.push({ ...base, ...cell(v) });
      else if (v !== null) cells.push({ ...base, value: v.value, status: 'reported', raw: v.raw, unit: v.unit === '' ? null : v.unit });
    }
  }
  return cells;
}

/** Breaks one identity by nudging one printed number; returns its location. */
function breakOne(rng: Rng, tables: ReportTables): string {
  if (rng.chance(0.7)) {
    const c = rng.pick(tables.applications.cells.filter((x) => x.row === 'outcome_total' || x.applicant === 'total'));
    // Always upwards, so the printed number stays a count and the identity surely fails.
    Object.assign(c, cell(c.value! + rng.pick([1, 2, 10])));
    return `applications/${c.row}/${c.applicant}`;
  }
  const c = rng.pick(tables.review_litigation.cells.filter((x) => x.result === 'total'));
  Object.assign(c, cell(c.value! + 1));
  return `review_litigation/${c.proceeding}/total`;
}

export function generateValues(rng: Rng, template: TemplateCode, brokenShare: number): GeneratedValues {
  const scale = rng.weighted([[2, 5], [20, 4], [200, 2], [2000, 1]]);
  const tables: ReportTables = {
    applications: { status: 'present', template, cells: applicationsTable(rng, template, scale) },
    proactive_disclosure: { status: 'present', template, cells: proactiveTable(rng, template, scale) },
    review_litigation: { status: 'present', template, cells: reviewTable(rng, scale) },
  };
  const broken = rng.chance(brokenShare) ? breakOne(rng, tables) : null;
  return { tables, broken };
}
