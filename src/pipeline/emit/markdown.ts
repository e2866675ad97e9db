/**
 * The normalized markdown of one report: YAML front matter with the metadata,
 * the six parts in canonical order under canonical titles, the three tables as
 * GFM tables, and the findings. Built as blocks and written by
 * markdown-write.ts to the bytes remark-stringify + remark-gfm give for the
 * same mdast tree (reportMarkdownReference). Cell statuses stay visible: `—`
 * not applicable, empty for missing or blank, `12*` imputed (explained under
 * the table), `?` unreadable.
 */
import type { Root } from 'mdast';
import { APPLICANTS, APPLICATION_ROWS, CELL_STATUSES, MEASURES, PROACTIVE_CATEGORIES, PROACTIVE_ITEMS, PROCEEDINGS, RESULTS, SECTIONS } from '../../schema/codes.ts';
import type { CellValue, ReportRecord, Section } from '../../schema/types.ts';
import { formatNumber } from './csv.ts';
import { blocksTree, stringifyTree, type Block } from './markdown-mdast.ts';
import { writeMarkdown } from './markdown-write.ts';
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

const heading = (depth: 1 | 2, text: string): Block => ({ kind: 'heading', depth, text });
const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const table = (header: string[], rows: string[][]): Block => ({ kind: 'table', header, rows });

/** The first entry of each code (what `find` by code would give), looked up by code. */
function byCode<T extends { code: string }>(list: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const entry of list) if (!out.has(entry.code)) out.set(entry.code, entry);
  return out;
}

/** The first cell of each (row, column) pair, in the cells' order: what `find` by both codes would give. */
function firstByPair<C>(cells: readonly C[], row: (c: C) => string, column: (c: C) => string): Map<string, Map<string, C>> {
  const out = new Map<string, Map<string, C>>();
  for (const c of cells) {
    let columns = out.get(row(c));
    if (!columns) out.set(row(c), (columns = new Map()));
    if (!columns.has(column(c))) columns.set(column(c), c);
  }
  return out;
}

const ITEM_ZH = byCode(PROACTIVE_ITEMS);
const CATEGORY_ZH = byCode(PROACTIVE_CATEGORIES);
const MEASURE_ZH = byCode(MEASURES);

const APPLICATION_ROW_LABELS = APPLICATION_ROWS.map((def) => ({ code: def.code as string, label: `${def.number} ${def.zh}` }));

function applicationsTable(record: ReportRecord): Block {
  const byRow = firstByPair(applicationCells(record), (c) => c.row, (c) => c.applicant);
  const rows = APPLICATION_ROW_LABELS.filter((def) => byRow.has(def.code)).map((def) => {
    const byApplicant = byRow.get(def.code)!;
    return [def.label, ...APPLICANTS.map((a) => {
      const cell = byApplicant.get(a.code);
      return cell ? cellText(cell) : '';
    })];
  });
  return table(['项目', ...APPLICANTS.map((a) => a.zh)], rows);
}

function proactiveTable(record: ReportRecord): Block {
  const rows = proactiveCells(record).map((c) => [
    ITEM_ZH.get(c.item)?.zh ?? c.item,
    CATEGORY_ZH.get(c.category)?.zh ?? c.category,
    MEASURE_ZH.get(c.measure)?.zh ?? c.measure,
    cellText(c, yuanValue(c.measure, c)),
    c.unit ?? '',
  ]);
  return table(['条项', '类别', '指标', '数值（金额：元）', '原单位'], rows);
}

function reviewTable(record: ReportRecord): Block {
  const byProceeding = firstByPair(reviewCells(record), (c) => c.proceeding, (c) => c.result);
  const rows = PROCEEDINGS.map((p) => {
    const byResult = byProceeding.get(p.code);
    return [p.zh, ...RESULTS.map((res) => {
      const cell = byResult?.get(res.code);
      return cell ? cellText(cell) : '';
    })];
  });
  return table(['类型', ...RESULTS.map((r) => r.zh)], rows);
}

const TABLE_OF = {
  proactive_disclosure: proactiveTable,
  applications: applicationsTable,
  review_litigation: reviewTable,
} as const;

function narrativeBlocks(section: Section): Block[] {
  const lines = section.text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.map(paragraph);
}

const IMPUTED_NOTE = `${IMPUTED_MARK} 推算值：报告未印出，由表格自身的勾稽关系唯一确定（见检查结果）。`;

function sectionBlocks(record: ReportRecord, section: Section): Block[] {
  const def = SECTIONS.find((s) => s.code === section.code)!;
  const out: Block[] = [heading(2, `${def.numeral}、${def.zh}`)];
  if (def.narrative) {
    out.push(...(section.status === 'missing' ? [paragraph('（报告缺少此部分）')] : narrativeBlocks(section)));
    return out;
  }
  const code = def.code as keyof typeof TABLE_OF;
  const parsed = record.tables[code];
  if (parsed.status === 'missing' && parsed.cells.length === 0 && record.parse_status === 'failed') {
    out.push(paragraph('（未能读取此表）'));
    return out;
  }
  out.push(TABLE_OF[code](record));
  if (parsed.cells.some((c) => c.status === 'imputed')) out.push(paragraph(IMPUTED_NOTE));
  return out;
}

const LEGEND = `单元格：${NOT_APPLICABLE_MARK} ${CELL_STATUSES.find((s) => s.code === 'not_applicable')!.zh}；空白 = 缺失或空白；${UNREADABLE_MARK} 无法识别；数字后的 ${IMPUTED_MARK} = 推算。`;

function findingsBlock(record: ReportRecord): Block {
  if (record.findings.length === 0) return paragraph('无。');
  return {
    kind: 'list',
    items: record.findings.map((f) => ({
      code: f.rule,
      text: ` ${f.severity} ${f.location}：${f.message_zh}${f.expected !== null || f.actual !== null ? `（应为 ${f.expected ?? ''}，实为 ${f.actual ?? ''}）` : ''}`,
    })),
  };
}

/** The report's markdown below the front matter, block by block. */
export function reportBlocks(record: ReportRecord): Block[] {
  const m = record.metadata;
  const title = m.agency_name ? `${m.agency_name}${m.year ?? ''}年政府信息公开工作年度报告` : record.source_file;
  const blocks: Block[] = [heading(1, title), paragraph(LEGEND)];
  const sections = new Map(record.sections.map((s) => [s.code, s]));
  for (const def of SECTIONS) {
    const section = sections.get(def.code) ?? { code: def.code, number: def.number, status: 'missing', title_found: null, text: '' };
    blocks.push(...sectionBlocks(record, section));
  }
  blocks.push(heading(2, '检查结果'), findingsBlock(record));
  return blocks;
}

/** The same blocks as an mdast tree (GFM tables, the findings as a list). */
export function reportTree(record: ReportRecord): Root {
  return blocksTree(reportBlocks(record));
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

export function reportMarkdown(record: ReportRecord): string {
  return frontMatter(record) + writeMarkdown(reportBlocks(record));
}

/** What reportMarkdown must equal: the tree serialised by remark-stringify + remark-gfm. */
export function reportMarkdownReference(record: ReportRecord): string {
  return frontMatter(record) + stringifyTree(reportTree(record));
}
