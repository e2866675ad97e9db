/**
 * datapackage.json: a Frictionless Tabular Data Package generated from the
 * schema module (datasets.ts + codes.ts), one resource per CSV with its Table
 * Schema. Codes carry their Chinese label and English title twice: on each
 * coded field (`categories`, as in Table Schema 2) and in the `codes` resource.
 */
import { codeList, DATASETS, type ColumnDef, type DatasetDef } from '../../schema/datasets.ts';

export interface PackageInfo {
  version: string;
}

export const PACKAGE_NAME = 'nianbao';
export const PACKAGE_TITLE = '政府信息公开工作年度报告数据集 · Government information disclosure annual reports of China';
export const DATA_LICENSE = { name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0 International' };
export const CODE_LICENSE = { name: 'MIT', path: 'https://opensource.org/licenses/MIT', title: 'MIT License (the code that builds the data)' };

export function suggestedCitation(info: PackageInfo): string {
  return `nianbao contributors. 政府信息公开工作年度报告数据集 (Government information disclosure annual reports of China), version ${info.version}. Data licensed CC BY 4.0; the reports themselves are public government information published by each agency.`;
}

const TABLE_SCHEMA_TYPE: Record<ColumnDef['type'], string> = { string: 'string', integer: 'integer', number: 'number', date: 'date', boolean: 'boolean' };

export function fieldDescriptor(column: ColumnDef): Record<string, unknown> {
  const constraints: Record<string, unknown> = {};
  if (column.required) constraints.required = true;
  if (column.pattern) constraints.pattern = column.pattern;
  const field: Record<string, unknown> = { name: column.name, type: TABLE_SCHEMA_TYPE[column.type], title: column.zh, description: column.en };
  if (column.type === 'date') field.format = 'default';
  if (column.codes) {
    const list = codeList(column.codes);
    constraints.enum = list.codes.map((c) => c.code);
    field.description = `${column.en}: a code of the list \`${list.name}\` (see codes.csv)`;
    field.categories = list.codes.map((c) => ({ value: c.code, label: c.zh, label_en: c.en }));
  }
  if (Object.keys(constraints).length > 0) field.constraints = constraints;
  return field;
}

export function resourceDescriptor(dataset: DatasetDef, file: { bytes: number; sha256: string }): Record<string, unknown> {
  const schema: Record<string, unknown> = {
    fields: dataset.columns.map(fieldDescriptor),
    missingValues: [''],
    primaryKey: dataset.primaryKey,
  };
  if (dataset.foreignKeys?.length) {
    schema.foreignKeys = dataset.foreignKeys.map((fk) => ({ fields: fk.fields, reference: { resource: fk.reference.dataset, fields: fk.reference.fields } }));
  }
  return {
    profile: 'tabular-data-resource',
    name: dataset.name,
    path: dataset.file,
    title: `${dataset.zh} · ${dataset.en}`,
    description: `One row per ${dataset.rowIs}.`,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
    dialect: { delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true, header: true },
    schema,
  };
}

/** `files` gives size and hash of each written CSV, by file name. */
export function dataPackage(info: PackageInfo, files: Map<string, { bytes: number; sha256: string }>): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: PACKAGE_NAME,
    title: PACKAGE_TITLE,
    description:
      'Standard tables and narrative of the 政府信息公开工作年度报告 that every Chinese government body publishes each year (State Council template 2019 or 2021), parsed into comparable, checked datasets. Missing is missing: a value is given only when the report printed it (status reported) or the table\'s own arithmetic fixes it uniquely (status imputed).',
    version: info.version,
    licenses: [DATA_LICENSE],
    code_license: CODE_LICENSE,
    sources: [
      { title: '各行政机关发布的政府信息公开工作年度报告 (annual reports published by each agency; the source_url of each is in reports.csv)' },
      { title: '《中华人民共和国政府信息公开条例》第五十条 and the 国务院办公厅政府信息公开办公室 templates (2019, 2021)' },
    ],
    keywords: ['政府信息公开', '年度报告', 'government transparency', 'freedom of information', 'China'],
    citation: suggestedCitation(info),
    resources: DATASETS.map((d) => {
      const file = files.get(d.file);
      if (!file) throw new Error(`datapackage: ${d.file} was not written`);
      return resourceDescriptor(d, file);
    }),
  };
}
