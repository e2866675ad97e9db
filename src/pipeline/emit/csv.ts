/**
 * CSV writing with the contract's settings: UTF-8 BOM, RFC 4180 quoting, `\n`
 * line ends, columns in the schema's order, empty cell for missing.
 *
 * Formula neutralisation is done here by column type rather than by
 * csv-stringify's `escape_formulas`, which would also quote legitimate
 * negative numbers (`-18` in items_change): text cells that start with a
 * formula-leading character get a leading `'`; numeric cells stay numeric.
 */
import { stringify } from 'csv-stringify/sync';
import { codeList, type ColumnDef, type DatasetDef } from '../../schema/datasets.ts';

export type CsvCell = string | number | boolean | null | undefined;
export type CsvRow = Record<string, CsvCell>;

// Characters a spreadsheet reads as the start of a formula (OWASP CSV injection list): = + - @ tab CR.
const FORMULA_LEADING = /^[=+\-@\t\r]/;

/** A text cell made safe to open in Excel or WPS: `=1+1` → `'=1+1`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_LEADING.test(text) ? `'${text}` : text;
}

/** Numbers without float noise (12.5万元 × 10000 must print 125000, not 125000.00000000001). */
export function formatNumber(n: number): string {
  // An integer prints as itself (toFixed adds only zeros, which Number drops); most cells are counts.
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return '';
  return String(Number(n.toFixed(6)));
}

export function formatCell(column: ColumnDef, v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (column.type === 'integer' || column.type === 'number') {
    if (typeof v === 'number') return formatNumber(v);
    throw new Error(`column ${column.name}: expected a number, got ${JSON.stringify(v)}`);
  }
  if (column.type === 'boolean') return v ? 'true' : 'false';
  return neutraliseFormula(String(v));
}

const cellsOf = (dataset: DatasetDef, rows: CsvRow[]) => rows.map((row) => dataset.columns.map((c) => formatCell(c, row[c.name])));
const stringifyOptions = (dataset: DatasetDef) => ({
  columns: dataset.columns.map((c) => c.name),
  record_delimiter: '\n',
  quote_record_delimiter: true,
});

export function toCsv(dataset: DatasetDef, rows: CsvRow[]): string {
  return stringify(cellsOf(dataset, rows), { ...stringifyOptions(dataset), bom: true, header: true });
}

/** The start of a CSV file: the BOM and the header line. */
export function csvHeader(dataset: DatasetDef): string {
  return stringify([], { ...stringifyOptions(dataset), bom: true, header: true });
}

// csv-stringify's rule with the options above: a field holding the delimiter, the quote or a line end is quoted.
const NEEDS_QUOTES = /[",\n\r]/;

/** One field as csv-stringify writes it with the options above: quoted when it must be, quotes doubled. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Data lines only (no BOM, no header): csvHeader + the blocks of consecutive
 * rows, in order, is byte for byte toCsv of all the rows. Written here field
 * by field (the per-report hot path); csvBlockReference is what it must equal.
 */
export function csvBlock(dataset: DatasetDef, rows: CsvRow[]): string {
  const columns = dataset.columns;
  const writers = fieldWriters(dataset);
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i) out += ',';
      out += writers[i]!(row[columns[i]!.name]);
    }
    out += '\n';
  }
  return out;
}

const writersByDataset = new WeakMap<DatasetDef, ((v: CsvCell) => string)[]>();

// A text that needs neither neutralising nor quoting (almost all: codes, ids, statuses) is its own field.
const TEXT_NEEDS_WORK = /^[=+\-@\t\r]|[",\n\r]/;

/** A text cell's field: formatCell then csvField, skipped when neither would change it. */
function textField(column: ColumnDef, v: CsvCell): string {
  if (typeof v === 'string' && !TEXT_NEEDS_WORK.test(v)) return v;
  return csvField(formatCell(column, v));
}

/** Per column, a cell to its field: numbers and booleans print nothing that needs quotes, so only text is checked. */
function fieldWriters(dataset: DatasetDef): ((v: CsvCell) => string)[] {
  let writers = writersByDataset.get(dataset);
  if (!writers) {
    writers = dataset.columns.map((column) => (column.type === 'integer' || column.type === 'number' || column.type === 'boolean'
      ? (v: CsvCell) => formatCell(column, v)
      : (v: CsvCell) => textField(column, v)));
    writersByDataset.set(dataset, writers);
  }
  return writers;
}

/** csvBlock through csv-stringify: the reference the tests hold csvBlock to. */
export function csvBlockReference(dataset: DatasetDef, rows: CsvRow[]): string {
  return stringify(cellsOf(dataset, rows), { ...stringifyOptions(dataset), bom: false, header: false });
}

type Rank = (row: CsvRow) => string | number;
const rankersByDataset = new WeakMap<DatasetDef, Rank[]>();

/** Per key column, a row's rank: its code's place in the code list, else its text. */
function rankersOf(dataset: DatasetDef): Rank[] {
  let rankers = rankersByDataset.get(dataset);
  if (!rankers) {
    rankers = dataset.primaryKey.map((name) => {
      const column = dataset.columns.find((c) => c.name === name)!;
      const order = column.codes ? new Map(codeList(column.codes).codes.map((c, i) => [c.code, i])) : null;
      return (r: CsvRow): string | number => {
        const v = String(r[name] ?? '');
        return order ? (order.get(v) ?? order.size) : v;
      };
    });
    rankersByDataset.set(dataset, rankers);
  }
  return rankers;
}

/**
 * Sorts rows by the dataset's primary key: coded key columns in the order of
 * their code list (so applications rows follow the template), other columns
 * by code point (so the same rows give the same file on any machine).
 */
export function sortByKey(dataset: DatasetDef, rows: CsvRow[]): CsvRow[] {
  const rankers = rankersOf(dataset);
  const keyed = rows.map((row) => ({ row, ranks: rankers.map((rank) => rank(row)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.ranks.length; i++) {
      const x = a.ranks[i]!;
      const y = b.ranks[i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}
