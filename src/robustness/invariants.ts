/**
 * The invariants every mutant's record must keep against the original's
 * (README.md explains why each is sound). Pure: records in, breaches out.
 */
import { APPLICANTS, APPLICATION_ROWS, MEASURES, PROACTIVE_CATEGORIES, PROCEEDINGS, RESULTS, VALUE_STATUSES, type TemplateCode } from '../schema/codes.ts';
import { normaliseForMatch } from '../pipeline/normalize.ts';
import { applicationIdentities, identityHolds, reviewIdentities, type Identity } from '../schema/identities.ts';
import type { CellValue, ReportRecord } from '../schema/types.ts';
import { isPrinted, printedNumbers } from './text.ts';

export type BreachKind =
  /** A narrative-only edit changed a table (a cell's status or value, or a table's status). */
  | 'narrative_edit_changed_tables'
  /** A reported value no number printed in the mutant can give: an invented number. */
  | 'invented_value'
  /** A value that is neither the original's nor explained by what the mutation printed or moved. */
  | 'wrong_value'
  /** An imputed value that differs from the original and that no identity of the mutant's own table confirms. */
  | 'unfounded_imputation'
  /** A record that does not describe its input (wrong file, hash, or an unsafe report id). */
  | 'bad_record';

export interface Breach {
  kind: BreachKind;
  key: string;
  detail: string;
}

export interface MutantContext {
  path: string;
  sha256: string;
  /** The mutant's text as the pipeline decoded it (null when it could not be decoded). */
  text: string | null;
  narrativeOnly: boolean;
  /** Numbers printed more often in the mutant than in the original. */
  newNumbers: Set<number>;
  /** Text the mutation moved or cut. */
  touched: string;
}

interface KeyedCell {
  key: string;
  cell: CellValue;
}

/** Every cell of the three tables under a key that names its table, row and column. */
export function keyedCells(record: ReportRecord): Map<string, CellValue> {
  const out: KeyedCell[] = [
    ...record.tables.applications.cells.map((c) => ({ key: `applications/${c.row}/${c.applicant}`, cell: c as CellValue })),
    ...record.tables.review_litigation.cells.map((c) => ({ key: `review_litigation/${c.proceeding}/${c.result}`, cell: c as CellValue })),
    ...record.tables.proactive_disclosure.cells.map((c) => ({ key: `proactive_disclosure/${c.item}/${c.category}/${c.measure}`, cell: c as CellValue })),
  ];
  return new Map(out.map((k) => [k.key, k.cell]));
}

function hasValue(cell: CellValue | undefined): cell is CellValue & { value: number } {
  return cell !== undefined && (VALUE_STATUSES as readonly string[]).includes(cell.status) && cell.value !== null;
}

/** Whether some identity of the mutant's own tables that contains `key` holds with every term known. */
function confirmedByArithmetic(key: string, cells: Map<string, CellValue>, template: TemplateCode | null): boolean {
  const valueOf = (k: string): number | null => {
    const c = cells.get(k);
    return hasValue(c) ? c.value : null;
  };
  const checks: { keys: string[]; holds: boolean | undefined }[] = [];
  if (key.startsWith('applications/') && template) {
    for (const id of applicationIdentities(template) as Identity<{ row: string; applicant: string }>[]) {
      const keyOf = (k: { row: string; applicant: string }) => `applications/${k.row}/${k.applicant}`;
      checks.push({ keys: [...id.left, ...id.right].map(keyOf), holds: identityHolds(id, (k) => valueOf(keyOf(k))) });
    }
  }
  if (key.startsWith('review_litigation/')) {
    for (const id of reviewIdentities() as Identity<{ proceeding: string; result: string }>[]) {
      const keyOf = (k: { proceeding: string; result: string }) => `review_litigation/${k.proceeding}/${k.result}`;
      checks.push({ keys: [...id.left, ...id.right].map(keyOf), holds: identityHolds(id, (k) => valueOf(keyOf(k))) });
    }
  }
  return checks.some((c) => c.keys.includes(key) && c.holds === true);
}

/**
 * A `missing` cell says only that the template has it: which template a table-less report is held to can follow
 * its year, which a narrative edit may rightly change (the words around 2019年度 deleted). So missing ≡ absent.
 */
function statusOf(c: CellValue | undefined): string {
  return !c || c.status === 'missing' ? 'absent' : c.status;
}

function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return statusOf(a) === statusOf(b) && (a?.value ?? null) === (b?.value ?? null);
}

/** Words of the tables' row and column labels, and the characters of wrapped header cells (尚未/审结, 总/计). */
const LABEL_WORDS: readonly string[] = [
  ...APPLICANTS.flatMap((a) => a.match),
  ...APPLICATION_ROWS.flatMap((r) => r.match),
  ...PROACTIVE_CATEGORIES.flatMap((c) => c.match),
  ...MEASURES.map((m) => m.zh),
  ...RESULTS.map((r) => r.zh),
  ...PROCEEDINGS.flatMap((p) => p.zh.split('·')),
  ...'总计结审维纠其复诉法'.split(''),
].map(normaliseForMatch);

/** Whether a mutation moved or cut a label: then the table it reads is another valid table and values may change cells. */
export function touchesLabels(touched: string): boolean {
  const t = normaliseForMatch(touched);
  return LABEL_WORDS.some((w) => w.length > 0 && t.includes(w));
}

// A report id is a path segment of the site and a file name: ASCII letters, digits and dashes only.
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkRecord(original: ReportRecord, mutant: ReportRecord | undefined, ctx: MutantContext): Breach[] {
  if (!mutant) return [{ kind: 'bad_record', key: 'record', detail: 'no record' }];
  const breaches: Breach[] = [];
  if (mutant.source_file !== ctx.path) breaches.push({ kind: 'bad_record', key: 'source_file', detail: `${mutant.source_file} ≠ ${ctx.path}` });
  if (mutant.source_sha256 !== ctx.sha256) breaches.push({ kind: 'bad_record', key: 'source_sha256', detail: 'hash of another input' });
  if (!SAFE_ID.test(mutant.report_id) || mutant.report_id.length > 128) breaches.push({ kind: 'bad_record', key: 'report_id', detail: mutant.report_id });

  const before = keyedCells(original);
  const after = keyedCells(mutant);

  // A narrative-only edit that takes the file over a size limit leaves nothing read: that is the limit working.
  const refusedForSize = mutant.findings.some((f) => f.rule === 'file.too_large') && after.size === 0;
  if (ctx.narrativeOnly && !refusedForSize) {
    for (const t of ['applications', 'proactive_disclosure', 'review_litigation'] as const) {
      if (original.tables[t].status !== mutant.tables[t].status) breaches.push({ kind: 'narrative_edit_changed_tables', key: t, detail: `table ${original.tables[t].status} → ${mutant.tables[t].status}` });
    }
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(key);
      const b = after.get(key);
      if (!sameCell(a, b)) breaches.push({ kind: 'narrative_edit_changed_tables', key, detail: `${a?.status ?? 'absent'} ${a?.value ?? ''} → ${b?.status ?? 'absent'} ${b?.value ?? ''}` });
    }
    return breaches;
  }

  const printed = ctx.text === null ? new Set<number>() : printedNumbers(ctx.text);
  const moved = printedNumbers(ctx.touched);
  const relabelled = touchesLabels(ctx.touched);
  const template = mutant.tables.applications.template ?? mutant.metadata.template;
  for (const [key, cell] of after) {
    if (!hasValue(cell)) continue;
    if (!Number.isFinite(cell.value)) {
      breaches.push({ kind: 'wrong_value', key, detail: `non-finite ${cell.value}` });
      continue;
    }
    const orig = before.get(key);
    const isOriginal = hasValue(orig) && Math.abs(orig.value - cell.value) < 1e-6;
    if (cell.status === 'reported') {
      if (!isPrinted(cell.value, printed)) breaches.push({ kind: 'invented_value', key, detail: `${cell.value} (raw ${JSON.stringify(cell.raw)}) is printed nowhere in the mutant` });
      else if (!isOriginal && !relabelled && !isPrinted(cell.value, ctx.newNumbers) && !isPrinted(cell.value, moved)) {
        breaches.push({ kind: 'wrong_value', key, detail: `${cell.value} (raw ${JSON.stringify(cell.raw)}); original ${orig?.status ?? 'absent'} ${orig?.value ?? ''}` });
      }
    } else if (!isOriginal && !confirmedByArithmetic(key, after, template)) {
      breaches.push({ kind: 'unfounded_imputation', key, detail: `${cell.value}; original ${orig?.status ?? 'absent'} ${orig?.value ?? ''}` });
    }
  }
  return breaches;
}
