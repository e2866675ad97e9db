/**
 * The CSV files of the data contract: names, columns (order, type, Chinese
 * and English titles, constraints), primary and foreign keys, and the code
 * lists their coded columns draw on. The CSV writer, datapackage.json, the
 * zip's README and the datasets page are all views of this list.
 */
import {
  ADMIN_LEVELS, APPLICANTS, APPLICATION_ROWS, CELL_STATUSES, FINDING_ORIGINS, MEASURES, PARSE_STATUSES,
  PROACTIVE_CATEGORIES, PROACTIVE_ITEMS, PROCEEDINGS, RESULTS, RULES, SECTIONS, SECTION_STATUSES, SEVERITIES,
  TABLES, TEMPLATES,
} from './codes.ts';

export type ColumnType = 'string' | 'integer' | 'number' | 'date' | 'boolean';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  zh: string;
  en: string;
  /** Name of a code list (CODE_LISTS) whose codes are the allowed values. */
  codes?: string;
  required?: boolean;
  /** Regular expression every non-empty value matches. */
  pattern?: string;
}

export interface ForeignKeyDef {
  fields: string[];
  reference: { dataset: string; fields: string[] };
}

export interface DatasetDef {
  name: string;
  file: string;
  zh: string;
  en: string;
  /** One row per … */
  rowIs: string;
  primaryKey: string[];
  foreignKeys?: ForeignKeyDef[];
  columns: ColumnDef[];
}

/** One code list of the data dictionary (codes.csv), named as the column it fills. */
export interface CodeListDef {
  name: string;
  zh: string;
  en: string;
  codes: readonly { code: string; zh: string; en: string; number?: string; templates?: readonly string[] }[];
}

const templateCodes = (c: { measures: Partial<Record<string, readonly string[]>> }) => Object.keys(c.measures).sort();

export const CODE_LISTS: CodeListDef[] = [
  { name: 'template', zh: '表格模板', en: 'Table template', codes: TEMPLATES },
  { name: 'admin_level', zh: '行政层级', en: 'Administrative level', codes: ADMIN_LEVELS },
  { name: 'parse_status', zh: '解析状态', en: 'Parse status', codes: PARSE_STATUSES },
  { name: 'section', zh: '报告部分', en: 'Part of the report', codes: SECTIONS.map((s) => ({ code: s.code, zh: s.zh, en: s.en, number: s.numeral })) },
  { name: 'section_status', zh: '部分状态', en: 'Section status', codes: SECTION_STATUSES },
  { name: 'status', zh: '单元格状态', en: 'Cell status', codes: CELL_STATUSES },
  { name: 'applicant', zh: '申请人类型', en: 'Applicant type', codes: APPLICANTS.map((a) => ({ code: a.code, zh: a.zh, en: a.en })) },
  { name: 'row', zh: '申请办理情况行', en: 'Applications table row', codes: APPLICATION_ROWS.map((r) => ({ code: r.code, zh: r.zh, en: r.en, number: r.number, templates: r.templates })) },
  { name: 'proceeding', zh: '复议诉讼类型', en: 'Proceeding', codes: PROCEEDINGS },
  { name: 'result', zh: '复议诉讼结果', en: 'Result', codes: RESULTS },
  { name: 'item', zh: '第二十条条项', en: 'Article 20 item', codes: PROACTIVE_ITEMS },
  { name: 'category', zh: '主动公开类别', en: 'Proactive disclosure category', codes: PROACTIVE_CATEGORIES.map((c) => ({ code: c.code, zh: c.zh, en: c.en, templates: templateCodes(c) })) },
  { name: 'measure', zh: '主动公开指标', en: 'Proactive disclosure measure', codes: MEASURES.map((m) => ({ code: m.code, zh: m.zh, en: m.en })) },
  { name: 'table', zh: '表格', en: 'Table', codes: TABLES },
  { name: 'rule', zh: '检查规则', en: 'Validation rule', codes: RULES.map((r) => ({ code: r.code, zh: r.zh, en: r.en })) },
  { name: 'severity', zh: '严重程度', en: 'Severity', codes: SEVERITIES },
  { name: 'origin', zh: '问题来源', en: 'Origin of a finding', codes: FINDING_ORIGINS },
];

export function codeList(name: string): CodeListDef {
  const list = CODE_LISTS.find((l) => l.name === name);
  if (!list) throw new Error(`unknown code list ${name}`);
  return list;
}

const col = (name: string, type: ColumnType, zh: string, en: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({ name, type, zh, en, ...extra });
const REPORT_ID = col('report_id', 'string', '报告编号', 'Report id', { required: true });
const BY_REPORT: ForeignKeyDef[] = [{ fields: ['report_id'], reference: { dataset: 'reports', fields: ['report_id'] } }];
const SHA256 = '^[0-9a-f]{64}$';
const DIVISION_CODE = '^[0-9]{6}$';

export const REPORTS: DatasetDef = {
  name: 'reports',
  file: 'reports.csv',
  zh: '报告清单',
  en: 'Reports',
  rowIs: 'input file (every input file appears, parsed or not)',
  primaryKey: ['report_id'],
  foreignKeys: [{ fields: ['agency_id'], reference: { dataset: 'agencies', fields: ['agency_id'] } }],
  columns: [
    REPORT_ID,
    col('agency_id', 'string', '机关编号', 'Agency id'),
    col('agency_name', 'string', '机关名称', 'Agency name'),
    col('year', 'integer', '报告年度', 'Year reported on'),
    col('template', 'string', '表格模板', 'Table template', { codes: 'template' }),
    col('published_date', 'date', '发布日期', 'Publication date'),
    col('province', 'string', '省级行政区', 'Province'),
    col('province_code', 'string', '省级区划代码', 'Province code (GB/T 2260)', { pattern: DIVISION_CODE }),
    col('city', 'string', '地级行政区', 'Prefecture'),
    col('city_code', 'string', '地级区划代码', 'Prefecture code (GB/T 2260)', { pattern: DIVISION_CODE }),
    col('county', 'string', '县级行政区', 'County'),
    col('county_code', 'string', '县级区划代码', 'County code (GB/T 2260)', { pattern: DIVISION_CODE }),
    col('admin_level', 'string', '行政层级', 'Administrative level', { codes: 'admin_level' }),
    col('source_file', 'string', '源文件', 'Source file', { required: true }),
    col('source_url', 'string', '来源网址', 'Source URL'),
    col('source_sha256', 'string', '源文件SHA-256', 'Source file SHA-256', { required: true, pattern: SHA256 }),
    col('encoding', 'string', '文件编码', 'File encoding'),
    col('parse_status', 'string', '解析状态', 'Parse status', { codes: 'parse_status', required: true }),
    col('findings_error', 'integer', '错误数', 'Error findings', { required: true }),
    col('findings_warning', 'integer', '警告数', 'Warning findings', { required: true }),
    col('narrative_chars', 'integer', '正文字数', 'Narrative characters', { required: true }),
  ],
};

export const AGENCIES: DatasetDef = {
  name: 'agencies',
  file: 'agencies.csv',
  zh: '机关清单',
  en: 'Agencies',
  rowIs: 'agency (region and level from its latest report)',
  primaryKey: ['agency_id'],
  columns: [
    col('agency_id', 'string', '机关编号', 'Agency id', { required: true }),
    col('agency_name', 'string', '机关名称', 'Agency name', { required: true }),
    col('province', 'string', '省级行政区', 'Province'),
    col('province_code', 'string', '省级区划代码', 'Province code (GB/T 2260)', { pattern: DIVISION_CODE }),
    col('city', 'string', '地级行政区', 'Prefecture'),
    col('city_code', 'string', '地级区划代码', 'Prefecture code (GB/T 2260)', { pattern: DIVISION_CODE }),
    col('county', 'string', '县级行政区', 'County'),
    col('county_code', 'string', '县级区划代码', 'County code (GB/T 2260)', { pattern: DIVISION_CODE }),
    col('admin_level', 'string', '行政层级', 'Administrative level', { codes: 'admin_level' }),
    col('reports', 'integer', '报告数', 'Reports', { required: true }),
    col('first_year', 'integer', '最早年度', 'First year reported on'),
    col('last_year', 'integer', '最近年度', 'Latest year reported on'),
  ],
};

const VALUE_COLUMNS = (valueType: ColumnType): ColumnDef[] => [
  col('value', valueType, '数值', 'Value (only for status reported or imputed)'),
  col('status', 'string', '状态', 'Cell status', { codes: 'status', required: true }),
  col('raw', 'string', '原文', 'As printed in the report'),
];

export const APPLICATIONS: DatasetDef = {
  name: 'applications',
  file: 'applications.csv',
  zh: '收到和处理政府信息公开申请情况（长表）',
  en: 'Applications received and handled (long form)',
  rowIs: 'report × table row × applicant column (every cell of the template, missing ones included)',
  primaryKey: ['report_id', 'row', 'applicant'],
  foreignKeys: BY_REPORT,
  columns: [
    REPORT_ID,
    col('row', 'string', '行', 'Table row', { codes: 'row', required: true }),
    col('applicant', 'string', '申请人类型', 'Applicant type', { codes: 'applicant', required: true }),
    ...VALUE_COLUMNS('integer'),
  ],
};

/** Wide form: the value of each applicant column under its code, its status under `<code>_status`. */
export const WIDE_STATUS_SUFFIX = '_status';
export const APPLICATIONS_WIDE: DatasetDef = {
  name: 'applications_wide',
  file: 'applications_wide.csv',
  zh: '收到和处理政府信息公开申请情况（宽表）',
  en: 'Applications received and handled (wide form)',
  rowIs: 'report × table row; one value column per applicant code, then one `<code>_status` column per applicant',
  primaryKey: ['report_id', 'row'],
  foreignKeys: BY_REPORT,
  columns: [
    REPORT_ID,
    col('row', 'string', '行', 'Table row', { codes: 'row', required: true }),
    ...APPLICANTS.map((a) => col(a.code, 'integer', a.zh, a.en)),
    ...APPLICANTS.map((a) => col(`${a.code}${WIDE_STATUS_SUFFIX}`, 'string', `${a.zh}（状态）`, `${a.en} (status)`, { codes: 'status', required: true })),
  ],
};

export const PROACTIVE: DatasetDef = {
  name: 'proactive_disclosure',
  file: 'proactive_disclosure.csv',
  zh: '主动公开政府信息情况',
  en: 'Proactive disclosure (Article 20)',
  rowIs: 'report × Article 20 item × category × measure (money in yuan)',
  primaryKey: ['report_id', 'item', 'category', 'measure'],
  foreignKeys: BY_REPORT,
  columns: [
    REPORT_ID,
    col('item', 'string', '条项', 'Article 20 item', { codes: 'item', required: true }),
    col('category', 'string', '类别', 'Category', { codes: 'category', required: true }),
    col('measure', 'string', '指标', 'Measure', { codes: 'measure', required: true }),
    col('value', 'number', '数值', 'Value (money in yuan; only for status reported or imputed)'),
    col('unit', 'string', '原单位', 'Unit the report used for money (元 or 万元)'),
    col('status', 'string', '状态', 'Cell status', { codes: 'status', required: true }),
    col('raw', 'string', '原文', 'As printed in the report'),
  ],
};

export const REVIEW: DatasetDef = {
  name: 'review_litigation',
  file: 'review_litigation.csv',
  zh: '政府信息公开行政复议、行政诉讼情况',
  en: 'Administrative reconsideration and litigation',
  rowIs: 'report × proceeding × result',
  primaryKey: ['report_id', 'proceeding', 'result'],
  foreignKeys: BY_REPORT,
  columns: [
    REPORT_ID,
    col('proceeding', 'string', '类型', 'Proceeding', { codes: 'proceeding', required: true }),
    col('result', 'string', '结果', 'Result', { codes: 'result', required: true }),
    ...VALUE_COLUMNS('integer'),
  ],
};

export const SECTIONS_DATASET: DatasetDef = {
  name: 'sections',
  file: 'sections.csv',
  zh: '报告正文各部分',
  en: 'Narrative sections',
  rowIs: 'report × part of the report',
  primaryKey: ['report_id', 'section'],
  foreignKeys: BY_REPORT,
  columns: [
    REPORT_ID,
    col('section', 'string', '部分', 'Section', { codes: 'section', required: true }),
    col('number', 'integer', '序号', 'Part number', { required: true }),
    col('status', 'string', '状态', 'Status (present | missing)', { codes: 'section_status', required: true }),
    col('title_found', 'string', '报告中的标题', 'Title as found'),
    col('chars', 'integer', '字数', 'Characters', { required: true }),
    col('text', 'string', '正文', 'Text'),
  ],
};

/** `location` is made unique within a report and rule by a `#2`, `#3` … suffix on repeats. */
export const FINDINGS_DATASET: DatasetDef = {
  name: 'findings',
  file: 'findings.csv',
  zh: '检查结果',
  en: 'Validation findings',
  rowIs: 'validation finding',
  primaryKey: ['report_id', 'rule', 'location'],
  foreignKeys: BY_REPORT,
  columns: [
    REPORT_ID,
    col('rule', 'string', '规则', 'Rule', { codes: 'rule', required: true }),
    col('severity', 'string', '严重程度', 'Severity', { codes: 'severity', required: true }),
    col('origin', 'string', '来源', 'Origin (source report or our parsing)', { codes: 'origin', required: true }),
    col('location', 'string', '位置', 'Location key', { required: true }),
    col('table', 'string', '表格', 'Table', { codes: 'table' }),
    col('row', 'string', '行', 'Row code'),
    col('column', 'string', '列', 'Column code'),
    col('expected', 'string', '应为', 'Expected'),
    col('actual', 'string', '实为', 'Actual'),
    col('message_zh', 'string', '说明（中文）', 'Message (Chinese)', { required: true }),
    col('message_en', 'string', '说明（英文）', 'Message (English)', { required: true }),
  ],
};

/** The data dictionary: every code of every list with its Chinese label and English title. */
export const CODES_DATASET: DatasetDef = {
  name: 'codes',
  file: 'codes.csv',
  zh: '代码表',
  en: 'Code lists (data dictionary)',
  rowIs: 'code list × code',
  primaryKey: ['list', 'code'],
  columns: [
    col('list', 'string', '代码表', 'Code list (the column it fills)', { required: true }),
    col('code', 'string', '代码', 'Code', { required: true }),
    col('zh', 'string', '中文名称', 'Chinese label', { required: true }),
    col('en', 'string', '英文名称', 'English title', { required: true }),
    col('number', 'string', '模板编号', 'Numbering in the template'),
    col('templates', 'string', '适用模板', 'Templates the code belongs to (space-separated)'),
  ],
};

/** Every dataset, in the order they are listed on the datasets page and in datapackage.json. */
export const DATASETS: DatasetDef[] = [
  REPORTS, AGENCIES, APPLICATIONS, APPLICATIONS_WIDE, PROACTIVE, REVIEW, SECTIONS_DATASET, FINDINGS_DATASET, CODES_DATASET,
];
