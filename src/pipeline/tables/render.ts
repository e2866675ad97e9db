/**
 * A parsed report's tables written back as text in one of the layouts reports
 * arrive in, shaped like the official template (titles, header rows, group
 * rows, labels). Used to test that parsing does not depend on layout, and by
 * the synthetic corpus generator. Pure; same tables → same text.
 */
import { APPLICATION_ROWS, PROACTIVE_CATEGORIES, PROCEEDINGS, RESULTS, type TemplateCode } from '../../schema/codes.ts';
import type { ApplicationCell, CellValue, ProactiveCell, ReportTables, ReviewCell } from '../../schema/types.ts';
import { fromYuan } from './values.ts';

export const LAYOUTS = ['one-cell-per-line', 'pipe-filler', 'tsv', 'gfm', 'html', 'space'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** A rendered cell: text, or null for an empty cell. */
type Row = (string | null)[];

const ITEM_TITLES: Record<string, string> = {
  art20_1: '第二十条第（一）项', art20_5: '第二十条第（五）项', art20_6: '第二十条第（六）项', art20_8: '第二十条第（八）项', art20_9: '第二十条第（九）项',
};
const MEASURE_HEADERS: Record<TemplateCode, Record<string, string>> = {
  '2019': { made_this_year: '本年新制作数量', published_this_year: '本年新公开数量', published_total: '对外公开总数量', items_last_year: '上一年项目数量', items_change: '本年增/减', decisions: '处理决定数量', projects: '采购项目数量', amount: '采购总金额' },
  '2021': { issued: '本年制发件数', repealed: '本年废止件数', in_force: '现行有效件数', decisions: '本年处理决定数量', amount: '本年收费金额' },
};
const CATEGORY_LABELS: Record<TemplateCode, Record<string, string>> = {
  '2019': { normative_documents: '规范性文件' },
  '2021': { normative_documents: '行政规范性文件' },
};
const RESULT_LABELS: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };

/** Cells of one template row as text: unreadable cells that came from one printed run are printed once, as printed. */
function cellTexts(cells: CellValue[], money: (i: number) => boolean = () => false): Row {
  const out: Row = [];
  cells.forEach((c, i) => {
    if (c.status === 'reported' || c.status === 'imputed') out.push(money(i) ? fromYuan(c.value!, c.unit) : String(c.value));
    else if (c.status === 'not_applicable') out.push(c.raw || '/');
    else if (c.status === 'unreadable') {
      const prev = cells[i - 1];
      if (!(prev && prev.status === 'unreadable' && prev.raw === c.raw)) out.push(c.raw ?? '');
    } else out.push(null);
  });
  return out;
}

const printed = (cells: CellValue[]) => cells.some((c) => c.status !== 'missing');

function proactiveRows(table: ReportTables['proactive_disclosure']): Row[] {
  const rows: Row[] = [['二、主动公开政府信息情况']];
  if (table.status === 'missing') return rows;
  const template = table.template ?? '2019';
  const items = [...new Set(table.cells.map((c) => c.item))];
  for (const item of items) {
    const cells = table.cells.filter((c) => c.item === item);
    const categories = [...new Set(cells.map((c) => c.category))];
    const measures = [...new Set(cells.map((c) => c.measure))];
    const unit = cells.find((c) => c.measure === 'amount' && c.unit)?.unit ?? null;
    rows.push([ITEM_TITLES[item] ?? item, ...measures.map(() => null)]);
    rows.push(['信息内容', ...measures.map((m) => `${MEASURE_HEADERS[template][m] ?? m}${m === 'amount' && unit ? `（单位：${unit}）` : ''}`)]);
    for (const category of categories) {
      const row = cells.filter((c) => c.category === category);
      if (!printed(row)) continue;
      const def = PROACTIVE_CATEGORIES.find((d) => d.code === category)!;
      const texts = cellTexts(row, (i) => (row[i] as ProactiveCell).measure === 'amount');
      rows.push([CATEGORY_LABELS[template][category] ?? def.zh, ...texts]);
    }
  }
  return rows;
}

/** 三(三)1 → "1.", 三(一) → "（一）", 一 → "一、" */
function numbered(number: string, zh: string): string {
  const sub = /\d$/.exec(number);
  if (sub) return `${sub[0]}.${zh}`;
  const group = /\((.)\)$/.exec(number);
  if (group) return `（${group[1]}）${zh}`;
  return `${number}、${zh}`;
}

function applicationRows(table: ReportTables['applications']): Row[] {
  const rows: Row[] = [['三、收到和处理政府信息公开申请情况']];
  if (table.status === 'missing') return rows;
  const n = 7;
  rows.push(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', ...Array<null>(n - 1).fill(null)]);
  rows.push([null, '自然人', '法人或其他组织', null, null, null, null, '总计']);
  rows.push([null, null, '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', null]);
  const groups = new Set<string>();
  for (const def of APPLICATION_ROWS) {
    const cells: ApplicationCell[] = table.cells.filter((c) => c.row === def.code);
    if (cells.length === 0) continue;
    const heading = def.number.startsWith('三') ? '三、本年度办理结果' : null;
    if (heading && !groups.has(heading)) {
      groups.add(heading);
      rows.push([heading]);
    }
    // Group rows of the template: （三）不予公开, （四）无法提供, （五）不予处理, 2021's （六）其他处理.
    const groupNumber = /^三\((.)\)\d$/.exec(def.number);
    if (groupNumber && def.group && !groups.has(def.group)) {
      groups.add(def.group);
      rows.push([`（${groupNumber[1]}）${def.group}`]);
    }
    if (!printed(cells)) continue;
    rows.push([numbered(def.number, def.zh), ...cellTexts(cells)]);
  }
  return rows;
}

function reviewRows(table: ReportTables['review_litigation']): Row[] {
  const rows: Row[] = [['四、政府信息公开行政复议、行政诉讼情况']];
  if (table.status === 'missing') return rows;
  const results = RESULTS.map((r) => RESULT_LABELS[r.code]!);
  rows.push(['行政复议', null, null, null, null, '行政诉讼', ...Array<null>(9).fill(null)]);
  rows.push([...results, '未经复议直接起诉', null, null, null, null, '复议后起诉', null, null, null, null]);
  rows.push([null, null, null, null, null, ...results, ...results]);
  if (table.status === 'present') {
    const ordered = PROCEEDINGS.flatMap((p) => RESULTS.map((r) => table.cells.find((c: ReviewCell) => c.proceeding === p.code && c.result === r.code)!));
    rows.push(cellTexts(ordered));
  }
  return rows;
}

function renderRows(rows: Row[], layout: Layout): string {
  const width = Math.max(...rows.map((r) => r.length));
  const text = (c: string | null) => c ?? '';
  switch (layout) {
    case 'one-cell-per-line':
      // One cell per line, a blank line after each; an empty cell is an empty line, so a longer gap.
      return rows.map((r) => r.map((c) => `${text(c)}\n\n`).join('')).join('');
    case 'pipe-filler':
      // Each cell "x |" on its own line, an empty cell " |", a filler row of pipes after each row.
      return rows.map((r) => `${r.map((c) => `${c === null || c === '' ? ' ' : `${c} `}|\n`).join('')}${'|'.repeat(Math.max(width - r.length, 1))}\n`).join('');
    case 'tsv':
      return rows.map((r) => r.map(text).join('\t')).join('\n') + '\n';
    case 'gfm': {
      // Rows are not padded to the header's width: GFM fills short rows, and padding would read as empty cells.
      const line = (r: Row) => `| ${r.map((c) => text(c).replace(/\|/g, '\\|')).join(' | ')} |`;
      const [first, ...rest] = rows;
      if (!first) return '';
      return [first.length === 1 && rows.length > 1 ? `${text(first[0])}\n` : null, ...(rows.length > 1 ? [line(rows[1]!), `|${' --- |'.repeat(width)}`, ...rest.slice(1).map(line)] : [])]
        .filter((l) => l !== null)
        .join('\n') + '\n';
    }
    case 'html': {
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const [first, ...rest] = rows;
      const body = rest.map((r) => `<tr>${r.map((c) => `<td>${esc(text(c))}</td>`).join('')}</tr>`).join('\n');
      return `<p>${esc(text(first?.[0] ?? null))}</p>\n${rest.length ? `<table>\n${body}\n</table>\n` : ''}`;
    }
    case 'space':
      // PDF text: cells separated by spaces; empty cells leave no trace.
      return rows.map((r) => r.filter((c) => c !== null && c !== '').join(' ')).filter((l) => l !== '').join('\n') + '\n';
  }
}

export function renderTablesAs(tables: ReportTables, layout: Layout): string {
  return [
    renderRows(proactiveRows(tables.proactive_disclosure), layout),
    renderRows(applicationRows(tables.applications), layout),
    renderRows(reviewRows(tables.review_litigation), layout),
    '五、存在的主要问题及改进情况\n',
  ].join('\n');
}
