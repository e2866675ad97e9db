/**
 * tables stage: tables 二, 三 and 四 into the contract's cells, from any layout.
 *
 * locate (template anchors) → tokenise (any layout → labels and values) →
 * find rows by label → read each row (glued digits and short rows give several
 * readings) → resolve readings by the table's own arithmetic → cells with status.
 *
 * Every template cell is emitted, so the CSVs have one row per cell: a table
 * the report lacks (`missing`) or prints without numbers (`empty`) has all its
 * cells `missing`; its template is null when no header told it.
 */
import { templateForYear, type TemplateCode } from '../../schema/codes.ts';
import type { Finding, ReportTables, Section } from '../../schema/types.ts';
import { makeFinding, type StageResult } from '../findings.ts';
import { readApplications } from './applications.ts';
import { locateTables, type Regions } from './locate.ts';
import { readProactive } from './proactive.ts';
import type { RowNote } from './resolve.ts';
import { readReview } from './review.ts';
import { trailingGap } from './gaps.ts';
import { tokenise, tokeniseRegion, type Token } from './tokens.ts';
import { mapList } from '../packed.ts';
import { primeTables } from './prime.ts';

export interface TablesInput {
  sections: Section[];
  /** The whole cleaned text, for reports whose parts could not be told apart. */
  text: string;
  year: number | null;
  /**
   * Optional: the text before cleaning. Cleaning collapses runs of blank lines, which in a
   * one-cell-per-line table are the only trace of empty cells; a table is read from here
   * when it holds exactly the same labels and values as in the cleaned text.
   */
  sourceText?: string;
}

export function parseTables(input: TablesInput): StageResult<ReportTables> {
  const regions = locateTables(input.sections, input.text);
  const source = input.sourceText !== undefined && input.sourceText !== input.text ? locateTables([], input.sourceText) : null;
  const breakOf = partBreakOf(regions);
  const sourceBreak = source ? partBreakOf(source) : Infinity;
  const proactiveTokens = regionTokens(regions.proactive, source?.proactive, breakOf, sourceBreak);
  const applicationTokens = regionTokens(regions.applications, source?.applications, breakOf, sourceBreak);
  const reviewTokens = regionTokens(regions.review, source?.review, breakOf, sourceBreak);
  const yearTemplate: TemplateCode = input.year !== null ? templateForYear(input.year) : '2021';

  // Table 二's headers tell the template most clearly; table 三 falls back on them, then on the year.
  const proactive = readProactive(proactiveTokens, yearTemplate);
  const applications = readApplications(applicationTokens, proactive.detected ?? yearTemplate);
  const review = readReview(reviewTokens);

  const findings: Finding[] = [
    ...notesToFindings('proactive_disclosure', proactive.notes, (row) => mapList(proactive.table.cells.filter((c) => c.category === row), (c) => ({ name: c.measure, value: c.value }))),
    ...notesToFindings('applications', applications.notes, (row) => mapList(applications.table.cells.filter((c) => c.row === row), (c) => ({ name: c.applicant, value: c.value }))),
    ...notesToFindings('review_litigation', review.notes, () => mapList(review.columns, (name) => {
      const [p, r] = name.split('/');
      return { name, value: review.table.cells.find((c) => c.proceeding === p && c.result === r)?.value ?? null };
    })),
  ];
  const tables: ReportTables = { proactive_disclosure: proactive.table, applications: applications.table, review_litigation: review.table };
  const unexplained = unexplainedUnreadable(tables, findings);
  return { value: tables, findings: unexplained.length > 0 ? [...findings, ...unexplained] : findings };
}

/**
 * The tokens of a table's region of the cleaned text (null: the report lacks it), or of
 * `raw`, the same table in the text before cleaning, when that holds the same labels and
 * values (its blank-line runs, which cleaning collapses, tell empty cells). `breakOf`,
 * `sourceBreak`: the part breaks of the two texts (see partBreakOf).
 */
function regionTokens(region: string | null, raw: string | null | undefined, breakOf: number, sourceBreak: number): Token[] | null {
  if (region === null) return null;
  if (raw === null || raw === undefined || raw === region) return tokenise(region, breakOf);
  // The usual difference: cleaning only collapsed blank-line runs. Every line with text is
  // then as it was, so (unless a token leant on the line before it, or HTML cell markup is
  // still to be turned into lines) the labels and values are the same and the source's tokens win.
  if (!raw.includes('<') && equalsCollapsed(raw, region)) {
    const fromSource = tokeniseRegion(raw, sourceBreak);
    if (!fromSource.leansOnPreviousLine) return fromSource.tokens;
  }
  const cleaned = tokenise(region, breakOf);
  const fromSource = tokenise(raw, sourceBreak);
  // A token's text is cut from its region's (NFKC) text: without a U+0000 there, none has one.
  const mayHoldNul = region.includes('\u0000') || raw.includes('\u0000');
  return sameContent(cleaned, fromSource, mayHoldNul) ? fromSource : cleaned;
}

/**
 * A cell printed as a number no cell can hold (more than MAX_DIGITS digits) is
 * unreadable without any split having been tried: it still gets its finding.
 */
function unexplainedUnreadable(tables: ReportTables, findings: Finding[]): Finding[] {
  // Most reports have no unreadable cell.
  if (!hasUnreadable(tables.applications.cells) && !hasUnreadable(tables.proactive_disclosure.cells) && !hasUnreadable(tables.review_litigation.cells)) return [];
  const explained = new Set(findings.filter((f) => f.rule === 'table.unreadable_cells').map((f) => f.location));
  const rows: [TableName, string, string, string | null][] = [
    ...mapList(tables.applications.cells.filter((c) => c.status === 'unreadable'), (c): [TableName, string, string, string | null] => ['applications', c.row, c.applicant, c.raw]),
    ...mapList(tables.proactive_disclosure.cells.filter((c) => c.status === 'unreadable'), (c): [TableName, string, string, string | null] => ['proactive_disclosure', c.category, c.measure, c.raw]),
    ...mapList(tables.review_litigation.cells.filter((c) => c.status === 'unreadable'), (c): [TableName, string, string, string | null] => ['review_litigation', c.proceeding, c.result, c.raw]),
  ];
  return rows
    .filter(([table, row]) => !explained.has(`${table}/${row}`))
    .map(([table, row, column, raw]) =>
      makeFinding('table.unreadable_cells', {
        table, row: table === 'review_litigation' ? null : row, column, location: `${table}/${row}/${column}`, actual: raw,
        zh: `${table}/${row}/${column}：印作“${(raw ?? '').slice(0, 40)}”，位数过多，不是可读的单元格数值`,
        en: `${table}/${row}/${column}: printed "${(raw ?? '').slice(0, 40)}", too many digits to be a cell value`,
      }),
    );
}

function hasUnreadable(cells: readonly { status: string }[]): boolean {
  for (const c of cells) if (c.status === 'unreadable') return true;
  return false;
}

/** The document's part break: the shortest gap after a table region (a longer one holds empty cells). */
function partBreakOf(regions: Regions): number {
  let found = 0;
  let shortest = Infinity;
  for (const r of [regions.proactive, regions.applications, regions.review]) {
    if (r === null) continue;
    found += 1;
    shortest = Math.min(shortest, trailingGap(r));
  }
  return found > 1 ? shortest : Infinity;
}

/**
 * Whether `raw` with its runs of three or more line breaks written as two (as the
 * clean stage writes them) is `cleaned`: compared piece by piece between such runs
 * (startsWith, no copy of the text), each run's end checked where the cleaned one ends.
 */
function equalsCollapsed(raw: string, cleaned: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    const run = raw.indexOf('\n\n\n', i);
    if (run < 0) return raw.length - i === cleaned.length - j && cleaned.startsWith(i === 0 ? raw : raw.slice(i), j);
    // Up to the run, and two of its line breaks.
    const kept = raw.slice(i, run + 2);
    if (!cleaned.startsWith(kept, j)) return false;
    j += kept.length;
    i = run + 3;
    while (i < raw.length && raw.charCodeAt(i) === 10) i++;
    // The cleaned text's run ends where the collapsed one does.
    if (j < cleaned.length && cleaned.charCodeAt(j) === 10) return false;
  }
}

/** What a token says for sameContent: a label's normalised text, a value as printed. */
function contentOf(t: Exclude<Token, { kind: 'blank' }>): string {
  return t.kind === 'text' ? t.norm : t.raw;
}

/**
 * The same labels and values in the same order (blank cells aside): their texts joined
 * by U+0000 are the same. No text is empty, so without a U+0000 in any, that is the
 * two lists being equal item by item. `mayHoldNul` false: the caller knows no text has one.
 */
function sameContent(a: Token[], b: Token[], mayHoldNul = true): boolean {
  const withNul = (ts: Token[]) => ts.some((t) => t.kind !== 'blank' && contentOf(t).includes('\u0000'));
  if (mayHoldNul && (withNul(a) || withNul(b))) {
    const key = (ts: Token[]) => ts.filter((t) => t.kind !== 'blank').map((t) => (t.kind === 'text' ? t.norm : t.raw)).join('\u0000');
    return key(a) === key(b);
  }
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a[i]!.kind === 'blank') i++;
    while (j < b.length && b[j]!.kind === 'blank') j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (contentOf(a[i] as Exclude<Token, { kind: 'blank' }>) !== contentOf(b[j] as Exclude<Token, { kind: 'blank' }>)) return false;
    i++;
    j++;
  }
}

type TableName = 'applications' | 'proactive_disclosure' | 'review_litigation';

/** One finding per row whose cells were imputed, and one per row with unreadable cells. */
function notesToFindings(table: TableName, notes: RowNote[], cellsOf: (row: string) => { name: string; value: number | null }[]): Finding[] {
  const out: Finding[] = [];
  const rowOf = (n: RowNote) => (table === 'review_litigation' ? null : n.row);
  for (const n of notes) {
    const cells = cellsOf(n.row);
    const names = (cols: number[]) => cols.map((c) => cells[c]?.name ?? String(c)).join(', ');
    // The values the arithmetic gives, in template order, "?" where none is known.
    const values = mapList(cells, (c) => (c.value === null ? '?' : String(c.value))).join(' ');
    const printed = n.printed || '(nothing)';
    if (n.imputed.length > 0) {
      const how =
        n.cause === 'left_out'
          ? { zh: `该行少印了单元格，由表格勾稽关系唯一确定`, en: `the row printed fewer cells than the template has; ${n.decidedBy === 'row' ? 'the row total' : 'the column identities (balance, outcome sum, totals)'} fixes the values uniquely` }
          : n.cause === 'shifted'
            ? { zh: `该行两端有多余空格，各种对齐方式下该值相同`, en: `the row has surplus empty positions at both ends; every alignment gives this value` }
            : { zh: `数字粘连，仅有一种拆分满足表格勾稽关系`, en: `digits glued across cells; exactly one split satisfies ${n.decidedBy === 'row' ? 'the row total' : 'the column identities (balance, outcome sum, totals)'}` };
      out.push(
        makeFinding('table.imputed_cells', {
          table, row: rowOf(n), location: `${table}/${n.row}`, actual: printed, expected: values,
          zh: `${table}/${n.row}：印作“${printed}”，${how.zh}，读作“${values}”（推算单元格：${names(n.imputed)}）`,
          en: `${table}/${n.row}: printed "${printed}"; ${how.en}: read as "${values}" (imputed: ${names(n.imputed)})`,
        }),
      );
    }
    if (n.unreadable.length > 0) {
      const why =
        n.cause === 'overflow'
          ? { zh: '数值多于模板单元格', en: 'more values than the template row has cells' }
          : n.cause === 'shifted'
            ? { zh: '该行两端有多余空格，无法确定各值所在列', en: 'the row has surplus empty positions at both ends, and which column each value is in cannot be told' }
            : n.surviving === 0
            ? { zh: `${n.readings}种读法均不满足表格勾稽关系`, en: `none of ${n.readings} possible readings satisfies the table's arithmetic` }
            : table === 'proactive_disclosure'
              ? { zh: `有${n.surviving}种读法，该表没有可据以拆分的勾稽关系`, en: `${n.surviving} possible readings, and this table has no arithmetic to choose between them` }
              : { zh: `${n.surviving}种读法均满足表格勾稽关系，无法唯一确定`, en: `${n.surviving} readings satisfy the table's arithmetic; none can be chosen` };
      out.push(
        makeFinding('table.unreadable_cells', {
          table, row: rowOf(n), location: `${table}/${n.row}`, actual: printed, expected: null,
          zh: `${table}/${n.row}：印作“${printed}”，${why.zh}（${names(n.unreadable)}）`,
          en: `${table}/${n.row}: printed "${printed}"; ${why.en} (${names(n.unreadable)})`,
        }),
      );
    }
  }
  return out;
}

// The stage's rare branches met at load, before any report (see prime.ts).
primeTables(parseTables);
