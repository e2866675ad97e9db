/**
 * Damage a generated report the way real ones are damaged (digits glued
 * across a row, a row with one cell fewer, a cell printed `/`, table 四 with
 * no numbers, no tables at all) and derive the ground truth: which cells a
 * correct parser can know, with which value and status.
 */
import { APPLICANTS, type TemplateCode } from '../schema/codes.ts';
import { applicationIdentities, reviewIdentities } from '../schema/identities.ts';
import type { CellValue, ReportTables } from '../schema/types.ts';
import { digitSplits, knowableValues, type Alternative, type Key, type LinearIdentity } from './knowable.ts';
import type { Rng } from './prng.ts';

/** How a data row's numbers are damaged. */
export interface RowDamage {
  kind: 'glued' | 'dropped' | 'blank';
  /** For `dropped`: which value position is left out. */
  position?: number;
  /** For `blank`: value positions printed empty, in place. */
  positions?: number[];
}

export interface DamagePlan {
  rows: Map<string, RowDamage>;
  /** Tables printed with their headers but no numbers. */
  empty: Set<keyof ReportTables>;
  /** Cells of table 二 printed empty (`category/measure`). */
  proactiveBlanks: Set<string>;
  /** No tables at all (the report describes parts 二–四 in prose). */
  noTables: boolean;
  /** Noise labels for the truth file. */
  labels: string[];
}

export interface Shares {
  glued: number;
  dropped: number;
  notApplicable: number;
  emptyReview: number;
  noTables: number;
  /** Two rows × two columns of table 三 left empty: the arithmetic cannot fix a block. */
  blankBlock: number;
  /** A cell of table 二 left empty (table 二 has no arithmetic). */
  proactiveBlank: number;
}

export const DEFAULT_SHARES: Shares = { glued: 0.12, dropped: 0.08, notApplicable: 0.1, emptyReview: 0.05, noTables: 0.03, blankBlock: 0.04, proactiveBlank: 0.04 };

/**
 * Row damage is planned only for reports whose arithmetic holds: when a
 * report's own totals are wrong, which reading of glued digits is "right" is
 * not defined, so knowability would be too.
 */
export function planDamage(rng: Rng, tables: ReportTables, shares: Shares, arithmeticHolds: boolean, drops: boolean): DamagePlan {
  const plan: DamagePlan = { rows: new Map(), empty: new Set(), proactiveBlanks: new Set(), noTables: false, labels: [] };
  if (rng.chance(shares.noTables)) {
    plan.noTables = true;
    plan.labels.push('no-tables');
    return plan;
  }
  if (rng.chance(shares.emptyReview)) {
    plan.empty.add('review_litigation');
    plan.labels.push('empty-table');
  }
  const rows = [...new Set(tables.applications.cells.map((c) => c.row as string))];
  if (rng.chance(shares.glued) && arithmeticHolds) {
    const onReview = !plan.empty.has('review_litigation') && rng.chance(0.2);
    plan.rows.set(onReview ? 'review' : rng.pick(rows), { kind: 'glued' });
    plan.labels.push('glued-cells');
  }
  if (rng.chance(shares.dropped) && arithmeticHolds) {
    const row = rng.pick(rows.filter((r) => !plan.rows.has(r)));
    plan.rows.set(row, { kind: 'dropped', position: rng.int(0, APPLICANTS.length - 1) });
    plan.labels.push('missing-cell');
  }
  // Cells left empty in place only where the layout keeps empty cells (elsewhere they would shift).
  if (rng.chance(shares.blankBlock) && arithmeticHolds && !drops) {
    const outcomeRows = rows.filter((r) => !plan.rows.has(r) && !['received_new', 'carried_over_in', 'outcome_total', 'carried_over_out'].includes(r));
    const first = rng.int(0, outcomeRows.length - 2);
    const a = rng.int(0, APPLICANTS.length - 3);
    for (const r of [outcomeRows[first]!, outcomeRows[first + 1]!]) plan.rows.set(r, { kind: 'blank', positions: [a, a + 1] });
    plan.labels.push('blank-cells');
  }
  if (rng.chance(shares.proactiveBlank) && !drops) {
    const c = rng.pick(tables.proactive_disclosure.cells.filter((x) => x.status === 'reported'));
    plan.proactiveBlanks.add(`${c.category}/${c.measure}`);
    plan.labels.push('blank-cells');
  }
  if (rng.chance(shares.notApplicable)) {
    // Agencies print `/` where a measure does not apply to them, most often rules (规章).
    for (const c of tables.proactive_disclosure.cells.filter((x) => x.category === 'rules')) Object.assign(c, { value: null, status: 'not_applicable', raw: '/', unit: null });
    plan.labels.push('not-applicable');
  }
  return plan;
}

function toLinear<K>(ids: { left: K[]; right: K[] }[], key: (k: K) => Key): LinearIdentity[] {
  return ids.map((id) => ({ left: id.left.map(key), right: id.right.map(key) }));
}

/**
 * Readings of one damaged row: every split of glued digits (those that break
 * an identity inside the row, its totals, dropped while they are listed), or
 * every place the missing cell could have been where the layout drops empty
 * cells. (An empty cell at a known place is not a reading: see `blankOnly`.)
 */
function alternatives(keys: Key[], printed: number[], damage: RowDamage, identities: LinearIdentity[]): Alternative[] {
  if (damage.kind === 'glued') {
    const inRow = identities
      .filter((id) => [...id.left, ...id.right].every((k) => keys.includes(k)))
      .map((id) => ({ left: id.left.map((k) => keys.indexOf(k)), right: id.right.map((k) => keys.indexOf(k)) }));
    return digitSplits(printed.map(String).join(''), keys.length, undefined, inRow).map((split) => new Map(keys.map((k, i) => [k, split[i]!])));
  }
  const shown = printed.filter((_, i) => i !== damage.position);
  return keys.map((_, gap) => new Map(keys.map((k, i) => [k, i === gap ? null : shown[i < gap ? i : i - 1]!])));
}

/**
 * Marks the damaged cells of a table: imputed where the arithmetic fixes them,
 * else unreadable (glued) or missing (dropped). A cell left empty in place (in
 * a layout that keeps empty cells) is always blank, with no value: the report
 * printed nothing there, even where the arithmetic would fix it. It is the
 * only unknown of its row: the row's other numbers are read as printed.
 */
function resolve<C extends CellValue>(cells: C[], keyOf: (c: C) => Key, rowOf: (c: C) => string, identities: LinearIdentity[], plan: DamagePlan, drops: boolean): void {
  const damagedRows = [...plan.rows.keys()].filter((r) => cells.some((c) => rowOf(c) === r));
  if (damagedRows.length === 0) return;
  const blankOnly = (r: string) => plan.rows.get(r)!.kind === 'blank' || (plan.rows.get(r)!.kind === 'dropped' && !drops);
  const unknownKeys = new Set<Key>();
  const groups: Alternative[][] = [];
  for (const r of damagedRows) {
    const rowCells = cells.filter((c) => rowOf(c) === r);
    const damage = plan.rows.get(r)!;
    if (blankOnly(r)) {
      for (const p of damage.positions ?? [damage.position!]) {
        const blank = keyOf(rowCells[p]!);
        unknownKeys.add(blank);
        groups.push([new Map([[blank, null]])]);
      }
    } else {
      rowCells.forEach((c) => unknownKeys.add(keyOf(c)));
      groups.push(alternatives(rowCells.map(keyOf), rowCells.map((c) => c.value!), damage, identities));
    }
  }
  const known = new Map<Key, number | null>();
  for (const c of cells) if (!unknownKeys.has(keyOf(c))) known.set(keyOf(c), c.value);
  const solved = knowableValues(identities, known, groups);
  for (const c of cells) {
    if (!unknownKeys.has(keyOf(c))) continue;
    // A cell printed empty in place is `blank`, even where the arithmetic would fix it:
    // the report printed nothing there, and the parser does not impute blanks.
    const v = blankOnly(rowOf(c)) ? null : (solved.get(keyOf(c)) ?? null);
    const kind = plan.rows.get(rowOf(c))!.kind;
    const unknown = kind === 'glued' ? 'unreadable' : drops ? 'missing' : 'blank';
    Object.assign(c, v === null ? { value: null, status: unknown } : { value: v, status: 'imputed' });
  }
}

function missingAll(tables: ReportTables, which: keyof ReportTables, status: 'missing' | 'empty'): void {
  tables[which].status = status;
  for (const c of tables[which].cells) Object.assign(c, { value: null, status: 'missing', raw: null, unit: null });
}

/** The tables as the report prints them: glued rows as one run of digits, dropped cells absent. */
export function printedTables(tables: ReportTables, plan: DamagePlan): ReportTables {
  const printed = structuredClone(tables);
  for (const t of plan.empty) printed[t].status = 'empty';
  const damage = (cells: CellValue[], damage: RowDamage) => {
    const digits = cells.map((c) => String(c.value)).join('');
    cells.forEach((c, i) => {
      if (damage.kind === 'glued') Object.assign(c, { value: null, status: 'unreadable', raw: digits, unit: null });
      else if (i === damage.position || damage.positions?.includes(i)) Object.assign(c, { value: null, status: 'missing', raw: null, unit: null });
    });
  };
  for (const c of printed.proactive_disclosure.cells) {
    if (plan.proactiveBlanks.has(`${c.category}/${c.measure}`)) Object.assign(c, { value: null, status: 'missing', raw: null, unit: null });
  }
  for (const [row, d] of plan.rows) {
    if (row === 'review') damage(printed.review_litigation.cells, d);
    else damage(printed.applications.cells.filter((c) => c.row === row), d);
  }
  return printed;
}

/** The truth tables after damage, from the undamaged values (left unchanged). */
export function truthTables(values: ReportTables, template: TemplateCode, plan: DamagePlan, drops: boolean): ReportTables {
  const truth = structuredClone(values);
  if (plan.noTables) {
    for (const t of ['applications', 'proactive_disclosure', 'review_litigation'] as const) {
      missingAll(truth, t, 'missing');
      truth[t].template = null;
    }
    return truth;
  }
  for (const t of plan.empty) missingAll(truth, t, 'empty');
  for (const c of truth.proactive_disclosure.cells) {
    if (plan.proactiveBlanks.has(`${c.category}/${c.measure}`)) Object.assign(c, { value: null, status: 'blank', raw: null, unit: null });
  }
  resolve(truth.applications.cells, (c) => `${c.row}/${c.applicant}`, (c) => c.row, toLinear(applicationIdentities(template), (k) => `${k.row}/${k.applicant}`), plan, drops);
  if (!plan.empty.has('review_litigation')) {
    resolve(truth.review_litigation.cells, (c) => `${c.proceeding}/${c.result}`, () => 'review', toLinear(reviewIdentities(), (k) => `${k.proceeding}/${k.result}`), plan, drops);
  }
  return truth;
}

