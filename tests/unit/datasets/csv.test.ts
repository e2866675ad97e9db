import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { formatCell, neutraliseFormula, sortByKey, toCsv } from '../../../src/pipeline/emit/csv.ts';
import { APPLICATIONS, PROACTIVE, type DatasetDef } from '../../../src/schema/datasets.ts';

const TINY: DatasetDef = {
  name: 'tiny', file: 'tiny.csv', zh: '', en: '', rowIs: '', primaryKey: ['id'],
  columns: [
    { name: 'id', type: 'string', zh: '', en: '' },
    { name: 'n', type: 'number', zh: '', en: '' },
    { name: 'text', type: 'string', zh: '', en: '' },
  ],
};

describe('toCsv', () => {
  it('writes a UTF-8 BOM, a header in schema order, \\n line ends and an empty cell for missing', () => {
    const csv = toCsv(TINY, [{ id: 'a', n: null, text: '你好' }]);
    expect(csv.startsWith('\ufeffid,n,text\n')).toBe(true);
    expect(csv).toBe('\ufeffid,n,text\na,,你好\n');
    expect(csv).not.toContain('\r');
  });

  it('neutralises = + - @ tab and CR at the start of text cells only', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${lead}SUM(A1)`)).toBe(`'${lead}SUM(A1)`);
    expect(neutraliseFormula('予以公开=15')).toBe('予以公开=15');
    const csv = toCsv(TINY, [{ id: '=1+1', n: -18, text: '@SUM(1)' }, { id: 'b', n: 2.5, text: '-18' }]);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toEqual({ id: "'=1+1", n: '-18', text: "'@SUM(1)" });
    // A negative number in a numeric column stays a number a spreadsheet reads as -18.
    expect(rows[1]).toEqual({ id: 'b', n: '2.5', text: "'-18" });
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const csv = toCsv(TINY, [{ id: 'x', n: 1, text: '甲,"乙"\n丙' }]);
    expect(csv).toContain('"甲,""乙""\n丙"');
    expect((parse(csv, { bom: true, columns: true }) as Record<string, string>[])[0]!.text).toBe('甲,"乙"\n丙');
  });

  it('prints money without float noise and refuses text in a numeric column', () => {
    expect(formatCell(PROACTIVE.columns.find((c) => c.name === 'value')!, 1.1 * 10000)).toBe('11000');
    expect(() => formatCell(APPLICATIONS.columns.find((c) => c.name === 'value')!, '12')).toThrow(/expected a number/);
  });
});

describe('sortByKey', () => {
  it('orders coded key columns by their code list (template order), others by code point', () => {
    const rows = [
      { report_id: 'b', row: 'received_new', applicant: 'total' },
      { report_id: 'a', row: 'carried_over_out', applicant: 'natural_person' },
      { report_id: 'a', row: 'received_new', applicant: 'total' },
      { report_id: 'a', row: 'received_new', applicant: 'natural_person' },
    ];
    expect(sortByKey(APPLICATIONS, rows).map((r) => `${r.report_id}/${r.row}/${r.applicant}`)).toEqual([
      'a/received_new/natural_person', 'a/received_new/total', 'a/carried_over_out/natural_person', 'b/received_new/total',
    ]);
  });
});
