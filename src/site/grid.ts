/**
 * Tables 三 and 四 as the official template lays them out: merged header and label
 * cells (rowspan/colspan with scope), official labels and numbering from codes.ts,
 * and every data cell with its status and the findings about it. Pure.
 */
import {
  APPLICANTS,
  PROCEEDINGS,
  RESULTS,
  applicationRowsFor,
  type ApplicantCode,
  type ApplicationRowCode,
  type CellStatus,
  type TemplateCode,
} from '../schema/codes.ts';
import type { CellValue } from '../schema/types.ts';
import { applicationCell, reviewCell, type ReportTablesView } from './cells.ts';
import { cellKey, type FindingPlacement, type PlacedFinding, type TableKey } from './findings.ts';
import { formatNumber, officialNumber, statusLabel } from './format.ts';

export interface HeadCell {
  kind: 'th';
  text: string;
  scope: 'col' | 'colgroup' | 'row' | 'rowgroup';
  colspan: number;
  rowspan: number;
  refs: PlacedFinding[];
}

export interface DataCell {
  kind: 'td';
  /** Row and column codes, for tests and CSS. */
  row: string;
  column: string;
  /** The number as shown; empty when the cell has no value. */
  text: string;
  status: CellStatus;
  statusZh: string;
  /** What the report printed, when it differs from the text shown. */
  raw: string | null;
  refs: PlacedFinding[];
}

export type GridCell = HeadCell | DataCell;

export interface Grid {
  headRows: GridCell[][];
  bodyRows: GridCell[][];
}

export function th(text: string, scope: HeadCell['scope'], colspan = 1, rowspan = 1, refs: PlacedFinding[] = []): HeadCell {
  return { kind: 'th', text, scope, colspan, rowspan, refs };
}

export function dataCell(row: string, column: string, cell: CellValue, refs: PlacedFinding[]): DataCell {
  const hasValue = cell.value !== null && (cell.status === 'reported' || cell.status === 'imputed');
  const text = hasValue ? formatNumber(cell.value!) : '';
  const raw = cell.raw !== null && cell.raw !== text && cell.raw !== String(cell.value) ? cell.raw : null;
  return { kind: 'td', row, column, text, status: cell.status, statusZh: statusLabel(cell.status), raw, refs };
}

/** Statuses whose reason is a finding. */
const REASONED: readonly CellStatus[] = ['imputed', 'unreadable'];

const refsAt = (placement: FindingPlacement, table: TableKey, row: string | null, column: string | null) =>
  placement.cells.get(cellKey(table, row, column)) ?? [];

/** `法人或其他组织·商业企业` → [`法人或其他组织`, `商业企业`]: the template's two header levels. */
function headerLevels(label: string): [string, string | null] {
  const [top, sub] = label.split('·');
  return [top!, sub ?? null];
}

/** Groups consecutive items by a key, keeping order. */
function runs<T>(items: readonly T[], key: (t: T) => string | null): T[][] {
  const out: T[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && key(last[0]!) !== null && key(last[0]!) === key(item)) last.push(item);
    else out.push([item]);
  }
  return out;
}

// 三(三)1 → part 三, bracketed 三, item 1; 一 → part 一 only.
const ROW_NUMBER = /^([一二三四五六七八九十]+)(?:\((.)\))?(\d*)$/;

function applicationHead(placement: FindingPlacement): GridCell[][] {
  const orgs = APPLICANTS.filter((a) => headerLevels(a.zh)[1] !== null);
  const groupLabel = headerLevels(orgs[0]!.zh)[0];
  const person = APPLICANTS[0]!;
  const total = APPLICANTS[APPLICANTS.length - 1]!;
  const col = (a: (typeof APPLICANTS)[number], rowspan: number) =>
    th(headerLevels(a.zh)[1] ?? a.zh, 'col', 1, rowspan, refsAt(placement, 'applications', null, a.code));
  return [
    [th('本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和', 'col', 3, 3), th('申请人情况', 'colgroup', APPLICANTS.length)],
    [col(person, 2), th(groupLabel, 'colgroup', orgs.length), col(total, 2)],
    orgs.map((a) => col(a, 1)),
  ];
}

export function applicationsGrid(r: ReportTablesView, template: TemplateCode, placement: FindingPlacement): Grid {
  const rows = applicationRowsFor(template);
  const bodyRows: GridCell[][] = [];
  const dataCells = (code: string) =>
    APPLICANTS.map((a) => {
      const cell = applicationCell(r, code as ApplicationRowCode, a.code as ApplicantCode);
      // An imputed or unreadable cell points to the finding that explains it, even when that finding is about the whole row.
      const rowRefs = REASONED.includes(cell.status) ? refsAt(placement, 'applications', code, null) : [];
      return dataCell(code, a.code, cell, [...refsAt(placement, 'applications', code, a.code), ...rowRefs]);
    });
  const parsed = rows.map((def) => ({ def, m: ROW_NUMBER.exec(def.number) }));
  for (const part of runs(parsed, (p) => p.m?.[1] ?? null)) {
    const first = part[0]!;
    if (part.length === 1 && !first.m?.[2]) {
      bodyRows.push([th(`${first.def.number}、${first.def.zh}`, 'row', 3, 1, refsAt(placement, 'applications', first.def.code, null)), ...dataCells(first.def.code)]);
      continue;
    }
    const partLabel = `${first.m?.[1] ?? ''}、${first.def.group ?? ''}`;
    let partCell: HeadCell | null = th(partLabel, 'rowgroup', 1, part.length);
    for (const sub of runs(part, (p) => (p.m?.[3] ? (p.m?.[2] ?? null) : null))) {
      let subCell: HeadCell | null = null;
      sub.forEach((p, i) => {
        const label = officialNumber(`(${p.m?.[2] ?? ''})`);
        const refs = refsAt(placement, 'applications', p.def.code, null);
        const cells: GridCell[] = [];
        if (partCell) {
          cells.push(partCell);
          partCell = null;
        }
        if (p.m?.[3]) {
          if (i === 0) subCell = th(`${label}${p.def.group ?? ''}`, 'rowgroup', 1, sub.length);
          if (subCell) {
            cells.push(subCell);
            subCell = null;
          }
          cells.push(th(`${p.m[3]}. ${p.def.zh}`, 'row', 1, 1, refs));
        } else {
          cells.push(th(`${label}${p.def.zh}`, 'row', 2, 1, refs));
        }
        bodyRows.push([...cells, ...dataCells(p.def.code)]);
      });
    }
  }
  return { headRows: applicationHead(placement), bodyRows };
}

export function reviewGrid(r: ReportTablesView, placement: FindingPlacement): Grid {
  const [reconsideration, ...litigation] = PROCEEDINGS;
  const n = RESULTS.length;
  const resultHead = (p: string, rowspan: number) => RESULTS.map((res) => th(res.zh, 'col', 1, rowspan, refsAt(placement, 'review_litigation', p, res.code)));
  const litigationTop = headerLevels(litigation[0]!.zh)[0];
  return {
    headRows: [
      [th(reconsideration!.zh, 'colgroup', n), th(litigationTop, 'colgroup', n * litigation.length)],
      [...resultHead(reconsideration!.code, 2), ...litigation.map((p) => th(headerLevels(p.zh)[1] ?? p.zh, 'colgroup', n))],
      litigation.flatMap((p) => resultHead(p.code, 1)),
    ],
    bodyRows: [
      PROCEEDINGS.flatMap((p) =>
        RESULTS.map((res) => dataCell(p.code, res.code, reviewCell(r, p.code, res.code), refsAt(placement, 'review_litigation', p.code, res.code))),
      ),
    ],
  };
}
