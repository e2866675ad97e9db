/**
 * The CSV block writer against its reference, csv-stringify with the
 * contract's options: every per-report block of real, synthetic and hostile
 * records, every field of one or two characters, and rows of tricky text.
 */
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { codeList, DATASETS, type DatasetDef } from '../../../src/schema/datasets.ts';
import { csvBlock, csvBlockReference, csvField, sortByKey, type CsvRow } from '../../../src/pipeline/emit/csv.ts';
import { BLOCK_DATASETS, BLOCK_ROWS } from '../../../src/pipeline/emit/report-outputs.ts';
import { codePoints } from '../../../src/pipeline/emit/rows.ts';
import { TRICKY } from '../../../src/robustness/escaping-records.ts';
import { writerRecords } from './writer-records.ts';

const ALPHABET = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\n', '\r', '\v', '\ufeff', '中', '\u3000'];

const TEXT: DatasetDef = {
  name: 'text', file: 'text.csv', zh: '', en: '', rowIs: '', primaryKey: ['a'],
  columns: [{ name: 'a', type: 'string', zh: '', en: '' }, { name: 'n', type: 'number', zh: '', en: '' }, { name: 'b', type: 'string', zh: '', en: '' }],
};

/** sortByKey as it was first written: ranks recomputed in the comparator. */
function sortByKeyReference(dataset: DatasetDef, rows: CsvRow[]): CsvRow[] {
  const rankers = dataset.primaryKey.map((name) => {
    const column = dataset.columns.find((c) => c.name === name)!;
    const order = column.codes ? new Map(codeList(column.codes).codes.map((c, i) => [c.code, i])) : null;
    return (r: CsvRow): string | number => (order ? (order.get(String(r[name] ?? '')) ?? order.size) : String(r[name] ?? ''));
  });
  return [...rows].sort((a, b) => {
    for (const rank of rankers) {
      const x = rank(a);
      const y = rank(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

describe('CSV block writer', () => {
  it('quotes a field exactly when csv-stringify does (every field of one or two characters, and the tricky texts)', () => {
    const fields = [...ALPHABET, ...ALPHABET.flatMap((a) => ALPHABET.map((b) => a + b)), ...TRICKY, ...TRICKY.map((t) => `${t},${t}"`)];
    const wrong = fields.filter((f) => `${csvField(f)}\n` !== stringify([[f]], { record_delimiter: '\n', quote_record_delimiter: true }));
    expect(wrong).toEqual([]);
  });

  it('gives csv-stringify\'s bytes for rows of tricky text, formula-looking cells and negative numbers', () => {
    const rows = TRICKY.map((t, i) => ({ a: t, n: i % 3 ? -i / 7 : null, b: TRICKY[(i * 5) % TRICKY.length] }));
    expect(csvBlock(TEXT, rows)).toBe(csvBlockReference(TEXT, rows));
    expect(csvBlock(TEXT, [])).toBe(csvBlockReference(TEXT, []));
  });

  it('gives csv-stringify\'s bytes for every per-report block of real, synthetic and hostile records', () => {
    const records = writerRecords();
    for (const r of records) {
      for (const d of BLOCK_DATASETS) {
        const rows = BLOCK_ROWS[d.name]!([r]);
        expect(csvBlock(d, rows), `${r.source_file} ${d.name}`).toBe(csvBlockReference(d, rows));
      }
    }
  });

  it('sorts as the comparator that recomputes ranks does, on shuffled rows of every dataset', () => {
    const records = writerRecords(4);
    for (const d of DATASETS.filter((x) => x.name in BLOCK_ROWS)) {
      const rows = BLOCK_ROWS[d.name]!(records);
      const shuffled = rows.map((row, i) => ({ row, at: (i * 7919) % rows.length })).sort((a, b) => a.at - b.at).map((x) => x.row);
      expect(sortByKey(d, shuffled)).toEqual(sortByKeyReference(d, shuffled));
    }
  });

  it('counts a section\'s characters as code points, lone surrogates one each', () => {
    const units = ['a', '中', '\ud83d', '\ude00', '\ud800', '\udc00'];
    let texts = [''];
    for (let n = 0; n < 4; n++) texts = [...texts, ...texts.filter((t) => t.length === n).flatMap((t) => units.map((u) => t + u))];
    expect(texts.filter((t) => codePoints(t) !== [...t].length)).toEqual([]);
  });
});
