/** README.md of the data set (in the zip and beside the files), generated from datasets.ts. Pure. */
import type { Root, RootContent, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { CELL_STATUSES } from '../../schema/codes.ts';
import { CODE_LISTS, DATASETS, WIDE_STATUS_SUFFIX, type DatasetDef } from '../../schema/datasets.ts';
import { DATA_LICENSE, PACKAGE_TITLE, suggestedCitation, type PackageInfo } from './datapackage.ts';

const para = (value: string): RootContent => ({ type: 'paragraph', children: [{ type: 'text', value }] });
const cell = (value: string): TableCell => ({ type: 'tableCell', children: value ? [{ type: 'text', value }] : [] });
const table = (rows: string[][]): Table => ({ type: 'table', align: rows[0]!.map(() => null), children: rows.map((r) => ({ type: 'tableRow', children: r.map(cell) })) });

function datasetBlocks(d: DatasetDef): RootContent[] {
  return [
    { type: 'heading', depth: 3, children: [{ type: 'inlineCode', value: d.file }, { type: 'text', value: ` ${d.zh} · ${d.en}` }] },
    para(`One row per ${d.rowIs}. Key: ${d.primaryKey.join(', ')}.`),
    table([
      ['column', 'type', '中文', 'English', 'codes', 'required'],
      ...d.columns.map((c) => [c.name, c.type, c.zh, c.en, c.codes ?? '', c.required ? 'yes' : '']),
    ]),
  ];
}

export function readmeTree(info: PackageInfo): Root {
  return {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: PACKAGE_TITLE }] },
      para(`Version ${info.version}. Data: ${DATA_LICENSE.title} (${DATA_LICENSE.name}); the code that builds it: MIT. The reports themselves are public government information.`),
      para(`Cite as: ${suggestedCitation(info)}`),
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Conventions' }] },
      {
        type: 'list', ordered: false, spread: false,
        children: [
          'CSV files are UTF-8 with a BOM (Excel and WPS open the Chinese correctly), RFC 4180 quoting, \\n line ends, a header row, rows sorted by key.',
          'An empty cell is a missing value, never a made-up 0. Only the statuses reported and imputed carry a value.',
          "A text cell that would start with = + - @, a tab or a carriage return (a spreadsheet formula) gets a ' in front; numeric columns are plain numbers (items_change can be negative).",
          `Cell status (column status): ${CELL_STATUSES.map((c) => `${c.code} (${c.zh}): ${c.en}`).join('; ')}.`,
          `applications_wide.csv has one value column per applicant code and, after them, one column per applicant named code${WIDE_STATUS_SUFFIX} (e.g. natural_person${WIDE_STATUS_SUFFIX}) with that cell's status.`,
          'findings.csv: when one report has the same rule at the same location twice, the second location ends in #2, the third in #3, so report_id, rule, location stays a unique key.',
          'Money (measure amount) is in yuan; the unit the report printed (元 or 万元) is kept in unit.',
          'datapackage.json is a Frictionless Tabular Data Package: types, constraints, keys and every code with its Chinese label and English title.',
          'markdown/<report_id>.md is each report normalised: front matter, the six parts, the three tables, the findings.',
        ].map((value) => ({ type: 'listItem', spread: false, children: [para(value) as never] })),
      },
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Files' }] },
      ...DATASETS.flatMap(datasetBlocks),
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Code lists' }] },
      para(`codes.csv lists every code of these lists: ${CODE_LISTS.map((l) => `${l.name} (${l.zh})`).join(', ')}.`),
    ],
  };
}

const processor = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { bullet: '-' });

export function readmeMarkdown(info: PackageInfo): string {
  return processor.stringify(readmeTree(info));
}
