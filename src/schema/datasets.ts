/**
 * The CSV files of the data contract: names, columns (order, type, Chinese
 * and English titles), keys. The CSV writer, datapackage.json and the
 * datasets page are all views of this list.
 */
export type ColumnType = 'string' | 'integer' | 'number' | 'date' | 'boolean';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  zh: string;
  en: string;
  /** Name of a code list in codes.ts whose codes are the allowed values. */
  codes?: string;
  required?: boolean;
}

export interface DatasetDef {
  name: string;
  file: string;
  zh: string;
  en: string;
  /** One row per … */
  rowIs: string;
  primaryKey: string[];
  columns: ColumnDef[];
}

const col = (name: string, type: ColumnType, zh: string, en: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({ name, type, zh, en, ...extra });

export const REPORTS: DatasetDef = {
  name: 'reports',
  file: 'reports.csv',
  zh: '报告清单',
  en: 'Reports',
  rowIs: 'input file (every input file appears, parsed or not)',
  primaryKey: ['report_id'],
  columns: [
    col('report_id', 'string', '报告编号', 'Report id', { required: true }),
    col('agency_id', 'string', '机关编号', 'Agency id'),
    col('agency_name', 'string', '机关名称', 'Agency name'),
    col('year', 'integer', '报告年度', 'Year reported on'),
    col('template', 'string', '表格模板', 'Table template', { codes: 'TEMPLATES' }),
    col('published_date', 'date', '发布日期', 'Publication date'),
    col('province', 'string', '省级行政区', 'Province'),
    col('province_code', 'string', '省级区划代码', 'Province code (GB/T 2260)'),
    col('city', 'string', '地级行政区', 'Prefecture'),
    col('city_code', 'string', '地级区划代码', 'Prefecture code (GB/T 2260)'),
    col('county', 'string', '县级行政区', 'County'),
    col('county_code', 'string', '县级区划代码', 'County code (GB/T 2260)'),
    col('admin_level', 'string', '行政层级', 'Administrative level', { codes: 'ADMIN_LEVELS' }),
    col('source_file', 'string', '源文件', 'Source file', { required: true }),
    col('source_url', 'string', '来源网址', 'Source URL'),
    col('source_sha256', 'string', '源文件SHA-256', 'Source file SHA-256', { required: true }),
    col('encoding', 'string', '文件编码', 'File encoding'),
    col('parse_status', 'string', '解析状态', 'Parse status', { codes: 'PARSE_STATUSES', required: true }),
    col('findings_error', 'integer', '错误数', 'Error findings', { required: true }),
    col('findings_warning', 'integer', '警告数', 'Warning findings', { required: true }),
    col('narrative_chars', 'integer', '正文字数', 'Narrative characters', { required: true }),
  ],
};

export const SECTIONS_DATASET: DatasetDef = {
  name: 'sections',
  file: 'sections.csv',
  zh: '报告正文各部分',
  en: 'Narrative sections',
  rowIs: 'report × part of the report',
  primaryKey: ['report_id', 'section'],
  columns: [
    col('report_id', 'string', '报告编号', 'Report id', { required: true }),
    col('section', 'string', '部分', 'Section', { codes: 'SECTIONS', required: true }),
    col('number', 'integer', '序号', 'Part number', { required: true }),
    col('status', 'string', '状态', 'Status (present | missing)', { required: true }),
    col('title_found', 'string', '报告中的标题', 'Title as found'),
    col('chars', 'integer', '字数', 'Characters', { required: true }),
    col('text', 'string', '正文', 'Text'),
  ],
};

/** Every dataset, in the order they are listed on the datasets page and in datapackage.json. */
export const DATASETS: DatasetDef[] = [REPORTS, SECTIONS_DATASET];
