/**
 * applications.balance, applications.outcome_sum, applications.row_total and
 * review.total: where the template's own arithmetic (schema/identities.ts)
 * fails on the numbers the agency printed. Only cells that carry a value
 * (reported or imputed) are used; an identity with a cell that is blank, not
 * applicable, missing or unreadable is not evaluated (it would need a number
 * we do not have), so it yields no finding.
 */
import { APPLICATION_ROWS, VALUE_STATUSES, type TemplateCode } from '../../schema/codes.ts';
import {
  applicationIdentities,
  identityHolds,
  reviewIdentities,
  type ApplicationKey,
  type Identity,
  type ReviewKey,
} from '../../schema/identities.ts';
import type { ApplicationCell, CellValue, Finding, ParsedTable, ReviewCell } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import { applicantLabel, applicationRowLabel, formatNumber, proceedingLabel, resultLabel, type Label } from './labels.ts';

type Lookup<K> = (k: K) => number | null;

const HAS_VALUE: ReadonlySet<string> = new Set(VALUE_STATUSES);

function valueOf(cell: CellValue | undefined): number | null {
  return cell && HAS_VALUE.has(cell.status) && cell.value !== null ? cell.value : null;
}

/** Cells by row, then column, built once per table; a later cell with the same key wins. */
function byRowAndColumn<C>(cells: readonly C[], row: (c: C) => string, column: (c: C) => string): Map<string, Map<string, C>> {
  const rows = new Map<string, Map<string, C>>();
  for (const c of cells) {
    let columns = rows.get(row(c));
    if (!columns) rows.set(row(c), (columns = new Map()));
    columns.set(column(c), c);
  }
  return rows;
}

export function applicationLookup(cells: readonly ApplicationCell[]): Lookup<ApplicationKey> {
  const byKey = byRowAndColumn(cells, (c) => c.row, (c) => c.applicant);
  return (k) => valueOf(byKey.get(k.row)?.get(k.applicant));
}

export function reviewLookup(cells: readonly ReviewCell[]): Lookup<ReviewKey> {
  const byKey = byRowAndColumn(cells, (c) => c.proceeding, (c) => c.result);
  return (k) => valueOf(byKey.get(k.proceeding)?.get(k.result));
}

/** The identities depend only on the template: built once each. */
const APPLICATION_IDENTITIES = new Map<TemplateCode, Identity<ApplicationKey>[]>();
function applicationIdentitiesOnce(template: TemplateCode): Identity<ApplicationKey>[] {
  let ids = APPLICATION_IDENTITIES.get(template);
  if (!ids) APPLICATION_IDENTITIES.set(template, (ids = applicationIdentities(template)));
  return ids;
}
const REVIEW_IDENTITIES = reviewIdentities();
/** Rows that only one template prints (三(六) 其他处理 in 2019; 三(六)1–3 in 2021). */
const ROWS_ONLY_IN = (t: TemplateCode): ReadonlySet<string> =>
  new Set(APPLICATION_ROWS.filter((r) => r.templates.length === 1 && r.templates[0] === t).map((r) => r.code as string));
const ONLY_2019 = ROWS_ONLY_IN('2019');
const ONLY_2021 = ROWS_ONLY_IN('2021');

interface Side {
  sum: number;
  zh: string;
  en: string;
}

/**
 * One side of an identity as text: `a 20 + b 0 = 20`. Long sides (the twenty
 * outcome rows) list only their non-zero terms.
 */
function describeSide<K>(keys: readonly K[], lookup: Lookup<K>, label: (k: K) => Label): Side {
  const terms = keys.map((k) => ({ v: lookup(k) ?? 0, l: label(k) }));
  const sum = terms.reduce((n, t) => n + t.v, 0);
  const shown = terms.length > 2 ? terms.filter((t) => t.v !== 0) : terms;
  const omitted = terms.length - shown.length;
  const zhTerms = shown.map((t) => `${t.l.zh} ${formatNumber(t.v)}`);
  const enTerms = shown.map((t) => `${t.l.en} ${formatNumber(t.v)}`);
  if (omitted > 0) {
    zhTerms.push(`其余${omitted}项为0`);
    enTerms.push(omitted === 1 ? 'the other one is 0' : `the other ${omitted} are 0`);
  }
  const s = formatNumber(sum);
  if (shown.length === 0) return { sum, zh: `各项均为0`, en: `all terms are 0` };
  // A single term is its own sum.
  if (terms.length === 1) return { sum, zh: zhTerms[0]!, en: enTerms[0]! };
  return { sum, zh: `${zhTerms.join(' + ')} = ${s}`, en: `${enTerms.join(' + ')} = ${s}` };
}

function identityFinding<K>(
  id: Identity<K>,
  table: 'applications' | 'review_litigation',
  lookup: Lookup<K>,
  where: Label,
  termLabel: (k: K) => Label,
): Finding {
  const left = describeSide(id.left, lookup, termLabel);
  const right = describeSide(id.right, lookup, termLabel);
  return makeFinding(id.rule, {
    table,
    row: id.location.row,
    column: id.location.column,
    expected: formatNumber(left.sum),
    actual: formatNumber(right.sum),
    zh: `${where.zh}：${left.zh}，但 ${right.zh}（相差${formatNumber(Math.abs(left.sum - right.sum))}）`,
    en: `${where.en}: ${left.en}, but ${right.en} (off by ${formatNumber(Math.abs(left.sum - right.sum))})`,
  });
}

/** Where an applications identity is reported, in words: the column for balance and outcome sum, the row for the row total. */
function applicationPlace(id: Identity<ApplicationKey>): Label {
  if (id.rule === 'applications.row_total') {
    const row = applicationRowLabel(id.location.row ?? '');
    return { zh: `${row.zh}行`, en: `row ${row.en}` };
  }
  const col = applicantLabel(id.location.column ?? '');
  const what = id.rule === 'applications.balance' ? { zh: '勾稽关系', en: 'balance' } : { zh: '办理结果之和', en: 'outcome sum' };
  return { zh: `${col.zh}列${what.zh}`, en: `${col.en}, ${what.en}` };
}

/** Terms are named by what varies along the identity: rows within a column, columns within a row. */
function applicationTermLabel(id: Identity<ApplicationKey>): (k: ApplicationKey) => Label {
  return id.rule === 'applications.row_total' ? (k) => applicantLabel(k.applicant) : (k) => applicationRowLabel(k.row);
}

export function checkApplications(table: ParsedTable<ApplicationCell>, template: TemplateCode): Finding[] {
  if (table.status !== 'present') return [];
  const lookup = applicationLookup(table.cells);
  return applicationIdentitiesOnce(template)
    .filter((id) => identityHolds(id, lookup) === false)
    .map((id) => identityFinding(id, 'applications', lookup, applicationPlace(id), applicationTermLabel(id)));
}

export function checkReview(table: ParsedTable<ReviewCell>): Finding[] {
  if (table.status !== 'present') return [];
  const lookup = reviewLookup(table.cells);
  return REVIEW_IDENTITIES
    .filter((id) => identityHolds(id, lookup) === false)
    .map((id) => {
      const p = proceedingLabel(id.location.row ?? '');
      return identityFinding(id, 'review_litigation', lookup, { zh: `${p.zh}总计`, en: `${p.en}, total` }, (k) => resultLabel(k.result));
    });
}

/**
 * The template whose outcome rows the table actually prints: the rows only
 * one template has (三(六) 其他处理 in 2019; 三(六)1–3 in 2021) decide, so a
 * table mixing the templates is summed over the rows it has (the mismatch
 * itself is template.mismatch's finding). Otherwise the table's template, or
 * the year's.
 */
export function identityTemplate(table: ParsedTable<ApplicationCell>, fallback: TemplateCode): TemplateCode {
  const printed = (only: ReadonlySet<string>) => table.cells.some((c) => c.status !== 'missing' && only.has(c.row));
  const has2019 = printed(ONLY_2019);
  const has2021 = printed(ONLY_2021);
  if (has2019 !== has2021) return has2019 ? '2019' : '2021';
  return table.template ?? fallback;
}
