/** CSV writing with the contract's settings: UTF-8 BOM, RFC 4180, `\n`, formulas neutralised. */
import { stringify } from 'csv-stringify/sync';
import type { DatasetDef } from '../../schema/datasets.ts';

export type CsvRow = Record<string, string | number | boolean | null | undefined>;

export function toCsv(dataset: DatasetDef, rows: CsvRow[]): string {
  const columns = dataset.columns.map((c) => c.name);
  const records = rows.map((row) => columns.map((c) => {
    const v = row[c];
    return v === null || v === undefined ? '' : String(v);
  }));
  return stringify(records, {
    bom: true,
    header: true,
    columns,
    record_delimiter: '\n',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}
