/**
 * applications.balance, applications.outcome_sum, applications.row_total and
 * review.total: where the template's own arithmetic (schema/identities.ts)
 * fails on the numbers the agency printed. Only cells that carry a value
 * (reported or imputed) are used; an identity with a cell that is blank, not
 * applicable, missing or unreadable is not evaluated (it would need a number
 * we do not have), so it yields no finding.
 */
import { APPLICATION_ROWS, type TemplateCode } from '../../schema/codes.ts';
import { emptyList } from '../packed.ts';
import { applicationIdentities, reviewIdentities, type ApplicationKey, type Identity, type ReviewKey } from '../../schema/identities.ts';
import type { ApplicationCell, Finding, ParsedTable, ReviewCell } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import { compileApplicationIdentity, compileReviewIdentity, type CompiledIdentity, type Values } from './values.ts';
import { applicantLabel, applicationRowLabel, formatNumber, proceedingLabel, resultLabel, type Label } from './labels.ts';

type Lookup<K> = (k: K) => number | null;

/** An identity, and the same compiled to places for Values.holds. */
interface Check<K> {
  id: Identity<K>;
  places: CompiledIdentity;
}
/** The identities depend only on the template: built and compiled once each. */
const APPLICATION_CHECKS = new Map<TemplateCode, Check<ApplicationKey>[]>();
function applicationChecks(template: TemplateCode): Check<ApplicationKey>[] {
  let checks = APPLICATION_CHECKS.get(template);
  if (!checks) APPLICATION_CHECKS.set(template, (checks = applicationIdentities(template).map((id) => ({ id, places: compileApplicationIdentity(id) }))));
  return checks;
}
const REVIEW_CHECKS: Check<ReviewKey>[] = reviewIdentities().map((id) => ({ id, places: compileReviewIdentity(id) }));
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
  // (Plain loops: a finding is written mostly before V8 optimises this, where a callback per term costs.)
  const values: number[] = [];
  let sum = 0;
  let nonZero = 0;
  for (let i = 0; i < keys.length; i++) {
    const v = lookup(keys[i]!) ?? 0;
    values.push(v);
    sum += v;
    if (v !== 0) nonZero++;
  }
  // Long sides list only their non-zero terms.
  const all = keys.length <= 2;
  const shown = all ? keys.length : nonZero;
  const omitted = keys.length - shown;
  const zhTerms: string[] = [];
  const enTerms: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const v = values[i]!;
    if (!all && v === 0) continue;
    const l = label(keys[i]!);
    zhTerms.push(`${l.zh} ${formatNumber(v)}`);
    enTerms.push(`${l.en} ${formatNumber(v)}`);
  }
  if (omitted > 0) {
    zhTerms.push(`其余${omitted}项为0`);
    enTerms.push(omitted === 1 ? 'the other one is 0' : `the other ${omitted} are 0`);
  }
  const s = formatNumber(sum);
  if (shown === 0) return { sum, zh: `各项均为0`, en: `all terms are 0` };
  // A single term is its own sum.
  if (keys.length === 1) return { sum, zh: zhTerms[0]!, en: enTerms[0]! };
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

/** `values`: applicationValues of the table's cells. */
export function checkApplications(table: ParsedTable<ApplicationCell>, template: TemplateCode, values: Values<ApplicationKey>): Finding[] {
  // (Lists made with emptyList: the findings of every check are then one kind of array, see packed.ts.)
  if (table.status !== 'present') return emptyList();
  const lookup = values.lookup;
  // (A loop over the checks, not filter and map with a callback each: run once per table, mostly before V8 optimises it.)
  const out = emptyList<Finding>();
  const checks = applicationChecks(template);
  for (let i = 0; i < checks.length; i++) {
    const { id, places } = checks[i]!;
    if (values.holds(places) === false) out.push(identityFinding(id, 'applications', lookup, applicationPlace(id), applicationTermLabel(id)));
  }
  return out;
}

/** `values`: reviewValues of the table's cells. */
export function checkReview(table: ParsedTable<ReviewCell>, values: Values<ReviewKey>): Finding[] {
  if (table.status !== 'present') return emptyList();
  const lookup = values.lookup;
  const out = emptyList<Finding>();
  for (let i = 0; i < REVIEW_CHECKS.length; i++) {
    const { id, places } = REVIEW_CHECKS[i]!;
    if (values.holds(places) !== false) continue;
    const p = proceedingLabel(id.location.row ?? '');
    out.push(identityFinding(id, 'review_litigation', lookup, { zh: `${p.zh}总计`, en: `${p.en}, total` }, reviewTermLabel));
  }
  return out;
}

const reviewTermLabel = (k: ReviewKey): Label => resultLabel(k.result);

/**
 * The template whose outcome rows the table actually prints: the rows only
 * one template has (三(六) 其他处理 in 2019; 三(六)1–3 in 2021) decide, so a
 * table mixing the templates is summed over the rows it has (the mismatch
 * itself is template.mismatch's finding). Otherwise the table's template, or
 * the year's.
 */
export function identityTemplate(table: ParsedTable<ApplicationCell>, fallback: TemplateCode): TemplateCode {
  let has2019 = false;
  let has2021 = false;
  // One pass over the cells; a row's cells come one after another, so its code is looked up once per run.
  let row: string | null = null;
  let only2019 = false;
  let only2021 = false;
  for (const c of table.cells) {
    if (c.row !== row) {
      row = c.row;
      only2019 = ONLY_2019.has(row);
      only2021 = ONLY_2021.has(row);
    }
    if (c.status === 'missing') continue;
    if (only2019) has2019 = true;
    if (only2021) has2021 = true;
  }
  if (has2019 !== has2021) return has2019 ? '2019' : '2021';
  return table.template ?? fallback;
}
