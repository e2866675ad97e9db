/**
 * CSV safety (issue 8 §6): formula-leading text cells neutralised, negative
 * numbers kept numeric, quotes/commas/newlines round-trip through csv-parse;
 * checked on the writer and on every text column of a real pipeline run over
 * the hostile fixtures.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/pipeline/emit/csv.ts';
import { runPipeline } from '../../../src/pipeline/run.ts';
import { DATASETS, PROACTIVE, SECTIONS_DATASET } from '../../../src/schema/datasets.ts';

const FORMULA_LEADING = /^[=+\-@\t\r]/;
const read = (csv: string | Buffer) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

describe('the CSV writer', () => {
  const texts = ['=1+1', '+SUM(A1:A2)', '-2+3 其他', '@cmd', '\t=1', '\r=1', '=HYPERLINK("http://example.invalid","点我")', '含"引号", 逗号\n换行\r\n再换行', '普通文本', ''];
  const rows = texts.map((text, i) => ({ report_id: `r${i}`, section: 'general', number: 1, status: 'present', title_found: text, chars: [...text].length, text }));
  const parsed = read(toCsv(SECTIONS_DATASET, rows));

  it('neutralises every formula-leading text cell with a leading quote, and keeps the rest of the text', () => {
    expect(parsed.map((r) => r.text)).toEqual(texts.map((t) => (FORMULA_LEADING.test(t) ? `'${t}` : t)));
    expect(parsed.every((r) => !FORMULA_LEADING.test(r.text!) && !FORMULA_LEADING.test(r.title_found!))).toBe(true);
  });

  it('round-trips quotes, commas and newlines inside text exactly', () => {
    expect(parsed[7]!.text).toBe('含"引号", 逗号\n换行\r\n再换行');
    expect(parsed).toHaveLength(texts.length);
  });

  it('keeps negative numbers numeric in number columns', () => {
    const csv = toCsv(PROACTIVE, [{ report_id: 'r1', item: 'art20_5', category: 'licensing', measure: 'items_change', value: -18, unit: null, status: 'reported', raw: '-18' }]);
    expect(csv.split('\n')[1]).toBe("r1,art20_5,licensing,items_change,-18,,reported,'-18");
    expect(read(csv)[0]!.value).toBe('-18');
  });
});

describe('a pipeline run over the hostile fixtures', () => {
  const work = mkdtempSync(join(tmpdir(), 'nianbao-csv-'));
  const content = join(work, 'content');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes no formula-leading text cell in any dataset, and the hostile text survives', async () => {
    mkdirSync(content, { recursive: true });
    for (const f of readdirSync('tests/fixtures/hostile').filter((n) => n.endsWith('.txt'))) copyFileSync(join('tests/fixtures/hostile', f), join(content, f));
    await runPipeline({ content, out: join(work, 'data') });
    const offending: string[] = [];
    for (const d of DATASETS) {
      const rows = read(readFileSync(join(work, 'data', d.file)));
      for (const c of d.columns.filter((c) => c.type === 'string')) {
        for (const r of rows) if (FORMULA_LEADING.test(r[c.name] ?? '')) offending.push(`${d.file} ${c.name}: ${r[c.name]!.slice(0, 30)}`);
      }
    }
    expect(offending).toEqual([]);
    const reports = read(readFileSync(join(work, 'data', 'reports.csv')));
    expect(reports.map((r) => r.agency_name).sort()).toEqual(['', "'=HYPERLINK局", '<b{alert`x`}</b人民政府']);
    const problems = read(readFileSync(join(work, 'data', 'sections.csv'))).find((r) => r.section === 'problems' && r.text!.includes('HYPERLINK'));
    expect(problems!.text!.startsWith(`'=HYPERLINK("http://example.invalid","点我")\n@SUM(A1:A9)\n+1+1\n-2+3 其他说明，含"引号"、英文逗号, 以及\t制表符。`)).toBe(true);
  });
});
