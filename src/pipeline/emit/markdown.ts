/**
 * The normalized markdown of one report: YAML front matter with the metadata,
 * the six parts in canonical order under canonical titles, the three tables as
 * GFM tables (built as mdast, serialised by remark-stringify + remark-gfm), and
 * the findings. Cell statuses stay visible: `—` not applicable, empty for
 * missing or blank, `12*` imputed (explained under the table), `?` unreadable.
 */
import type { Heading, List, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { APPLICANTS, APPLICATION_ROWS, CELL_STATUSES, MEASURES, PROACTIVE_CATEGORIES, PROACTIVE_ITEMS, PROCEEDINGS, RESULTS, SECTIONS } from '../../schema/codes.ts';
import type { CellValue, ReportRecord, Section } from '../../schema/types.ts';
import { formatNumber } from './csv.ts';
import { applicationCells, proactiveCells, reviewCells, yuanValue } from './rows.ts';

export const IMPUTED_MARK = '*';
export const NOT_APPLICABLE_MARK = '—';
export const UNREADABLE_MARK = '?';

/** How a cell shows in a table. */
export function cellText(cell: CellValue, value: number | null = cell.value): string {
  switch (cell.status) {
    case 'reported': return value === null ? '' : formatNumber(value);
    case 'imputed': return value === null ? '' : `${formatNumber(value)}${IMPUTED_MARK}`;
    case 'not_applicable': return NOT_APPLICABLE_MARK;
    case 'unreadable': return UNREADABLE_MARK;
    default: return '';
  }
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const heading = (depth: 1 | 2 | 3, value: string): Heading => ({ type: 'heading', depth, children: [text(value)] });
const tcell = (value: string): TableCell => ({ type: 'tableCell', children: value ? [text(value)] : [] });
const trow = (values: string[]): TableRow => ({ type: 'tableRow', children: values.map(tcell) });
const table = (header: string[], rows: string[][]): Table => ({ type: 'table', align: header.map(() => null), children: [trow(header), ...rows.map(trow)] });

function applicationsTable(record: ReportRecord): Table {
  const cells = applicationCells(record);
  const rowCodes = APPLICATION_ROWS.map((r) => r.code as string).filter((code) => cells.some((c) => c.row === code));
  const rows = rowCodes.map((code) => {
    const def = APPLICATION_ROWS.find((r) => r.code === code)!;
    return [`${def.number} ${def.zh}`, ...APPLICANTS.map((a) => {
      const cell = cells.find((c) => c.row === code && c.applicant === a.code);
      return cell ? cellText(cell) : '';
    })];
  });
  return table(['项目', ...APPLICANTS.map((a) => a.zh)], rows);
}

function proactiveTable(record: ReportRecord): Table {
  const rows = proactiveCells(record).map((c) => [
    PROACTIVE_ITEMS.find((i) => i.code === c.item)?.zh ?? c.item,
    PROACTIVE_CATEGORIES.find((k) => k.code === c.category)?.zh ?? c.category,
    MEASURES.find((m) => m.code === c.measure)?.zh ?? c.measure,
    cellText(c, yuanValue(c.measure, c)),
    c.unit ?? '',
  ]);
  return table(['条项', '类别', '指标', '数值（金额：元）', '原单位'], rows);
}

function reviewTable(record: ReportRecord): Table {
  const cells = reviewCells(record);
  const rows = PROCEEDINGS.map((p) => [p.zh, ...RESULTS.map((res) => {
    const cell = cells.find((c) => c.proceeding === p.code && c.result === res.code);
    return cell ? cellText(cell) : '';
  })]);
  return table(['类型', ...RESULTS.map((r) => r.zh)], rows);
}

const TABLE_OF = {
  proactive_disclosure: proactiveTable,
  applications: applicationsTable,
  review_litigation: reviewTable,
} as const;

function narrativeBlocks(section: Section): RootContent[] {
  const lines = section.text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.map((l) => paragraph(text(l)));
}

function sectionBlocks(record: ReportRecord, section: Section): RootContent[] {
  const def = SECTIONS.find((s) => s.code === section.code)!;
  const out: RootContent[] = [heading(2, `${def.numeral}、${def.zh}`)];
  if (def.narrative) {
    out.push(...(section.status === 'missing' ? [paragraph(text('（报告缺少此部分）'))] : narrativeBlocks(section)));
    return out;
  }
  const code = def.code as keyof typeof TABLE_OF;
  const parsed = record.tables[code];
  if (parsed.status === 'missing' && parsed.cells.length === 0 && record.parse_status === 'failed') {
    out.push(paragraph(text('（未能读取此表）')));
    return out;
  }
  out.push(TABLE_OF[code](record));
  if (parsed.cells.some((c) => c.status === 'imputed')) {
    out.push(paragraph(text(`${IMPUTED_MARK} 推算值：报告未印出，由表格自身的勾稽关系唯一确定（见检查结果）。`)));
  }
  return out;
}

const LEGEND = `单元格：${NOT_APPLICABLE_MARK} ${CELL_STATUSES.find((s) => s.code === 'not_applicable')!.zh}；空白 = 缺失或空白；${UNREADABLE_MARK} 无法识别；数字后的 ${IMPUTED_MARK} = 推算。`;

function findingsList(record: ReportRecord): RootContent[] {
  if (record.findings.length === 0) return [paragraph(text('无。'))];
  const list: List = {
    type: 'list', ordered: false, spread: false,
    children: record.findings.map((f) => ({
      type: 'listItem', spread: false,
      children: [paragraph({ type: 'inlineCode', value: f.rule }, text(` ${f.severity} ${f.location}：${f.message_zh}${f.expected !== null || f.actual !== null ? `（应为 ${f.expected ?? ''}，实为 ${f.actual ?? ''}）` : ''}`))],
    })),
  };
  return [list];
}

export function reportTree(record: ReportRecord): Root {
  const m = record.metadata;
  const title = m.agency_name ? `${m.agency_name}${m.year ?? ''}年政府信息公开工作年度报告` : record.source_file;
  const children: RootContent[] = [heading(1, title), paragraph(text(LEGEND))];
  const byCode = new Map(record.sections.map((s) => [s.code, s]));
  for (const def of SECTIONS) {
    const section = byCode.get(def.code) ?? { code: def.code, number: def.number, status: 'missing', title_found: null, text: '' };
    children.push(...sectionBlocks(record, section));
  }
  children.push(heading(2, '检查结果'), ...findingsList(record));
  return { type: 'root', children };
}

/** YAML front matter: every value a JSON scalar, which is valid YAML and needs no escaping rules of our own. */
export function frontMatter(record: ReportRecord): string {
  const m = record.metadata;
  const fields: [string, string | number | boolean | null][] = [
    ['report_id', record.report_id], ['agency_id', record.agency_id], ['agency_name', m.agency_name], ['year', m.year],
    ['template', m.template], ['published_date', m.published_date], ['province', m.province], ['province_code', m.province_code],
    ['city', m.city], ['city_code', m.city_code], ['county', m.county], ['county_code', m.county_code],
    ['admin_level', m.admin_level], ['is_department', m.is_department], ['source_file', record.source_file],
    ['source_url', record.provenance.source_url], ['source_sha256', record.source_sha256], ['parse_status', record.parse_status],
  ];
  return `---\n${fields.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n---\n\n`;
}

const processor = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { bullet: '-' });

export function reportMarkdown(record: ReportRecord): string {
  return frontMatter(record) + processor.stringify(reportTree(record));
}
