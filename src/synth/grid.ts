/**
 * The three tables of a generated report as grids of printed cell texts, the
 * way the template prints them (group labels spanning rows, two header rows),
 * before any layout is chosen. Damage (glued digits, a dropped cell) is
 * applied here, so every layout carries it.
 */
import { APPLICANTS, MEASURES, PROACTIVE_CATEGORIES, PROCEEDINGS, RESULTS, applicationRowsFor, proactiveCategoriesFor, type TemplateCode } from '../schema/codes.ts';
import type { ApplicationCell, ProactiveCell, ReportTables, ReviewCell } from '../schema/types.ts';

export interface GridRow {
  kind: 'caption' | 'header' | 'data';
  cells: string[];
  /** Rows spanned by the first cell (a group label such as 三、本年度办理结果), for HTML. */
  rowspan?: number;
  /** Columns spanned by the last label cell (the template has three label columns in table 三), for HTML. */
  labelColspan?: number;
  /** How many leading cells are labels. */
  labelCells?: number;
}

export interface TableGrid {
  table: 'proactive_disclosure' | 'applications' | 'review_litigation';
  rows: GridRow[];
}

/** How a data row's numbers are damaged, keyed by row key (`received_new`, `reconsideration` …). */
export interface RowDamage {
  kind: 'glued' | 'dropped';
  /** For `dropped`: which value position is left out. */
  position?: number;
}

const PARTIAL_NOTE = '（区分处理的，只计这一情形，不计其他情形）';

/** The printed value of a cell: its raw text, `/` for not applicable, empty when blank. */
function printed(c: { raw: string | null; status: string; unit: string | null }, unitInCell: boolean): string {
  if (c.raw === null) return '';
  return unitInCell && c.unit === '元' ? `${c.raw}元` : c.raw;
}

function damaged(values: string[], damage: RowDamage | undefined): string[] {
  if (!damage) return values;
  if (damage.kind === 'glued') return [values.join('')];
  return values.filter((_, i) => i !== damage.position);
}

/** Row label parts from the template numbering: 三(三)1 → group （三）不予公开, label 1.属于国家秘密. */
function applicationLabels(template: TemplateCode): { code: string; group: string | null; label: string; span: number }[] {
  const rows = applicationRowsFor(template);
  // A group label spans every row whose template number starts like its own (三… or 三(三)…).
  const spanOf = (prefix: string) => rows.filter((x) => x.number.startsWith(prefix)).length;
  return rows.map((r) => {
    const m = /^([一二三四])(?:\((.)\))?(\d)?$/.exec(r.number)!;
    const [, top, sub, item] = m;
    if (!sub) return { code: r.code, group: null, label: `${top}、${r.zh}`, span: 1 };
    const subLabel = `（${sub}）${r.code === 'partially_disclosed' ? r.zh + PARTIAL_NOTE : r.zh}`;
    // Reports print the template's curly quotes: 危及“三安全一稳定”.
    const itemLabel = r.zh.replace(/"([^"]*)"/g, '“$1”');
    if (!item) return { code: r.code, group: sub === '一' ? '三、本年度办理结果' : null, label: subLabel, span: spanOf(top!) };
    return { code: r.code, group: item === '1' ? `（${sub}）${r.group}` : null, label: `${item}.${itemLabel}`, span: spanOf(`${top}(${sub})`) };
  });
}

export function applicationsGrid(cells: ApplicationCell[], template: TemplateCode, damage: ReadonlyMap<string, RowDamage>): TableGrid {
  const rows: GridRow[] = [
    { kind: 'caption', cells: ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'] },
    { kind: 'header', cells: ['自然人', '法人或其他组织', '总计'] },
    { kind: 'header', cells: ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] },
  ];
  const labels = applicationLabels(template);
  for (const l of labels) {
    const values = APPLICANTS.map((a) => printed(cells.find((c) => c.row === l.code && c.applicant === a.code)!, false));
    const depth = l.label.startsWith('（') ? 2 : /^\d/.test(l.label) ? 3 : 1;
    const printedCells = [...(l.group ? [l.group] : []), l.label, ...damaged(values, damage.get(l.code))];
    rows.push({ kind: 'data', cells: printedCells, labelCells: l.group ? 2 : 1, labelColspan: 4 - depth - (l.group && depth === 2 ? 1 : 0), ...(l.group ? { rowspan: l.span } : {}) });
  }
  return { table: 'applications', rows };
}

function measureHeader(category: string, measure: string, unit: string | null): string {
  const zh = MEASURES.find((m) => m.code === measure)!.zh;
  if (measure === 'amount' && category === 'procurement') return unit === '万元' ? '采购总金额（单位：万元）' : '采购总金额';
  if (measure === 'amount') return unit === '万元' ? '本年收费金额（单位：万元）' : '本年收费金额';
  if (measure === 'decisions') return '本年处理决定数量';
  return zh;
}

export function proactiveGrid(cells: ProactiveCell[], template: TemplateCode): TableGrid {
  const rows: GridRow[] = [];
  const items = [...new Set(proactiveCategoriesFor(template).map((c) => c.item))];
  for (const item of items) {
    const categories = PROACTIVE_CATEGORIES.filter((c) => c.item === item && (c.measures as Record<string, unknown>)[template]);
    const first = cells.filter((c) => c.category === categories[0]!.code);
    rows.push({ kind: 'caption', cells: [categories[0]!.itemZh.replace('(', '（').replace(')', '）')] });
    rows.push({ kind: 'header', cells: ['信息内容', ...first.map((c) => measureHeader(c.category, c.measure, c.unit))] });
    for (const cat of categories) {
      const values = cells.filter((c) => c.category === cat.code).map((c) => printed(c, true));
      rows.push({ kind: 'data', cells: [cat.code === 'normative_documents' && template === '2021' ? '行政规范性文件' : cat.zh.replace(/[()]/g, ''), ...values] });
    }
  }
  return { table: 'proactive_disclosure', rows };
}

export function reviewGrid(cells: ReviewCell[], damage: ReadonlyMap<string, RowDamage>): TableGrid {
  const results = RESULTS.map((r) => r.zh);
  const values = PROCEEDINGS.flatMap((p) => RESULTS.map((r) => printed(cells.find((c) => c.proceeding === p.code && c.result === r.code)!, false)));
  return {
    table: 'review_litigation',
    rows: [
      { kind: 'header', cells: ['行政复议', '行政诉讼'] },
      { kind: 'header', cells: [...results, '未经复议直接起诉', '复议后起诉'] },
      { kind: 'header', cells: [...results, ...results] },
      { kind: 'data', cells: damaged(values, damage.get('review')) },
    ],
  };
}

export function tableGrids(tables: ReportTables, template: TemplateCode, damage: ReadonlyMap<string, RowDamage>): Record<TableGrid['table'], TableGrid> {
  return {
    proactive_disclosure: proactiveGrid(tables.proactive_disclosure.cells, template),
    applications: applicationsGrid(tables.applications.cells, template, damage),
    review_litigation: reviewGrid(tables.review_litigation.cells, damage),
  };
}
