/**
 * Cell access over a report's tables: a template cell the report lacks is `missing`,
 * and only `reported` and `imputed` cells carry a value (never a made-up 0).
 */
import {
  APPLICATION_ROWS,
  VALUE_STATUSES,
  templateForYear,
  type ApplicantCode,
  type ApplicationRowCode,
  type ApplicationRowDef,
  type ProceedingCode,
  type ResultCode,
  type TemplateCode,
} from '../schema/codes.ts';
import type { CellValue, ReportRecord } from '../schema/types.ts';

export type ReportTablesView = Pick<ReportRecord, 'tables' | 'metadata'>;

export const MISSING_CELL: CellValue = { value: null, status: 'missing', raw: null, unit: null };

export function valueOf(cell: CellValue | undefined): number | null {
  if (!cell || !VALUE_STATUSES.includes(cell.status)) return null;
  return cell.value;
}

export function applicationCell(r: ReportTablesView, row: ApplicationRowCode, applicant: ApplicantCode): CellValue {
  return r.tables.applications.cells.find((c) => c.row === row && c.applicant === applicant) ?? MISSING_CELL;
}

export function reviewCell(r: ReportTablesView, proceeding: ProceedingCode, result: ResultCode): CellValue {
  return r.tables.review_litigation.cells.find((c) => c.proceeding === proceeding && c.result === result) ?? MISSING_CELL;
}

/** The template a table is read against: the table's own, else the report's, else the one its year requires. */
export function tableTemplate(r: ReportTablesView, table: keyof ReportRecord['tables']): TemplateCode | null {
  const t = r.tables[table].template ?? r.metadata.template;
  if (t) return t;
  return r.metadata.year ? templateForYear(r.metadata.year) : null;
}

/**
 * Outcome groups of table 三, from the template numbering in codes.ts: 三(一) 予以公开 … 三(六) 其他处理.
 * 三(六) is one row in template 2019 and three rows in template 2021: the group is the crosswalk.
 */
export interface OutcomeGroup {
  /** The bracketed numeral of 三(x). */
  key: string;
  number: string;
  zh: string;
  rows: ApplicationRowCode[];
}

// 三(三)1 → bracketed numeral 三, item 1; 三(一) → 一 with no item.
const OUTCOME_NUMBER = /^三\((.)\)(\d*)$/;

export function outcomeGroups(): OutcomeGroup[] {
  const groups: OutcomeGroup[] = [];
  for (const row of APPLICATION_ROWS as readonly ApplicationRowDef[]) {
    if (!row.outcome) continue;
    const m = OUTCOME_NUMBER.exec(row.number);
    if (!m) continue;
    const key = m[1]!;
    const zh = m[2] ? (row.group ?? row.zh) : row.zh;
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = { key, number: `三(${key})`, zh, rows: [] };
      groups.push(group);
    }
    group.rows.push(row.code as ApplicationRowCode);
  }
  return groups;
}

/** Outcome rows other than 予以公开 and 部分公开 (三(三)…三(六)): why information was not (fully) disclosed. */
export function reasonRows(): ApplicationRowCode[] {
  return outcomeGroups()
    .filter((g) => g.key !== '一' && g.key !== '二')
    .flatMap((g) => g.rows);
}

/** Sum of the rows of the template that the report's table uses; null unless every one of them has a value. */
export function sumRows(r: ReportTablesView, rows: readonly ApplicationRowCode[], applicant: ApplicantCode = 'total'): number | null {
  const template = tableTemplate(r, 'applications');
  const inTemplate = rows.filter((code) => {
    const def = APPLICATION_ROWS.find((d) => d.code === code);
    return template === null || (def?.templates as readonly string[] | undefined)?.includes(template);
  });
  if (inTemplate.length === 0) return null;
  let sum = 0;
  for (const row of inTemplate) {
    const v = valueOf(applicationCell(r, row, applicant));
    if (v === null) return null;
    sum += v;
  }
  return sum;
}
