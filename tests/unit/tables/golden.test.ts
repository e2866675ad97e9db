/**
 * Acceptance: every cell of tables 二, 三 and 四 of every corpus report, with its status, as
 * checked by reading the report (tests/golden/tables/<report>.json), through the whole pipeline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportTables } from '../../../src/schema/types.ts';
import { GOLDEN, corpusFiles, runReport } from './harness.ts';

const cell = (t: ReportTables, table: keyof ReportTables, match: Record<string, string>) =>
  (t[table].cells as unknown as Record<string, unknown>[]).find((c) => Object.entries(match).every(([k, v]) => c[k] === v))!;

describe('golden tables of the corpus', () => {
  for (const file of corpusFiles()) {
    it(file, () => {
      const golden = JSON.parse(readFileSync(join(GOLDEN, file.replace(/\.txt$/, '.json')), 'utf8'));
      const got = runReport(file);
      expect(got.tables).toEqual(golden.tables);
      expect(got.findings).toEqual(golden.findings);
    });
  }
});

describe('known values, read from the reports', () => {
  it('000: one cell per line, 本年新收 20 + 15 = 35', () => {
    const t = runReport('000_bbae7e2c4812eba4.txt').tables;
    expect(cell(t, 'applications', { row: 'received_new', applicant: 'natural_person' }).value).toBe(20);
    expect(cell(t, 'applications', { row: 'received_new', applicant: 'other_org' }).value).toBe(15);
    expect(cell(t, 'applications', { row: 'received_new', applicant: 'total' }).value).toBe(35);
    expect(cell(t, 'applications', { row: 'disclosed', applicant: 'total' }).value).toBe(15);
    expect(cell(t, 'applications', { row: 'withheld_admin_inquiry', applicant: 'total' }).value).toBe(15);
    expect(cell(t, 'applications', { row: 'unavailable_not_held', applicant: 'total' }).value).toBe(5);
    expect(cell(t, 'proactive_disclosure', { category: 'normative_documents', measure: 'published_total' }).value).toBe(30);
    expect(cell(t, 'proactive_disclosure', { category: 'procurement', measure: 'amount' })).toMatchObject({ value: 0, unit: '元', raw: '0元' });
    expect(t.applications.template).toBe('2019');
  });

  it('001: the 重复申请 row printed one cell short is imputed from the arithmetic, with a finding', () => {
    const r = runReport('001_40372296bbc69180.txt');
    const row = r.tables.applications.cells.filter((c) => c.row === 'rejected_duplicate');
    expect(row.map((c) => [c.status, c.value])).toEqual(Array(7).fill(['imputed', 0]));
    expect(r.findings).toContainEqual({ rule: 'table.imputed_cells', location: 'applications/rejected_duplicate', actual: '0 0 0 0 0 0', expected: '0 0 0 0 0 0 0' });
  });

  it('002: procurement 671.422 万元 in yuan; table 四 1 0 3 0 4', () => {
    const t = runReport('002_8000bc9f9e439cef.txt').tables;
    expect(cell(t, 'proactive_disclosure', { category: 'procurement', measure: 'amount' })).toMatchObject({ value: 6714220, unit: '万元', raw: '671.422' });
    expect(t.review_litigation.cells.filter((c) => c.proceeding === 'reconsideration').map((c) => c.value)).toEqual([1, 0, 3, 0, 4]);
  });

  it('003: table 四 has a header and no numbers', () => {
    const t = runReport('003_bd2728a2fb5b3f82.txt').tables;
    expect(t.review_litigation.status).toBe('empty');
    expect(t.review_litigation.cells.every((c) => c.status === 'missing' && c.value === null)).toBe(true);
    expect(t.applications.status).toBe('present');
  });

  it('10_hongze: 2021 table 二 with 万元 fees; a 2019-shaped table 三; table 四 1 1 0 0 2 | 1 0 0 0 1 | 2 0 1 0 3', () => {
    const t = runReport('10_hongze_2024_pypdf.txt').tables;
    expect(t.proactive_disclosure.template).toBe('2021');
    expect(t.applications.template).toBe('2019');
    expect(cell(t, 'proactive_disclosure', { category: 'fees', measure: 'amount' })).toMatchObject({ value: 75450000, unit: '万元' });
    expect(cell(t, 'applications', { row: 'unavailable_not_held', applicant: 'natural_person' }).value).toBe(31);
    expect(t.review_litigation.cells.map((c) => c.value)).toEqual([1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]);
  });

  it('12_hebei: empty cells shown only by blank lines stay blank, never 0', () => {
    const t = runReport('12_hebei_jyt_2019.txt').tables;
    expect(t.applications.cells.filter((c) => c.row === 'partially_disclosed').every((c) => c.status === 'blank')).toBe(true);
    expect(t.review_litigation.cells.map((c) => c.status)).toEqual(['blank', 'blank', 'blank', 'blank', 'reported', 'blank', 'blank', 'blank', 'blank', 'reported', 'blank', 'blank', 'blank', 'blank', 'reported']);
  });

  it('03_pingtan: glued cells split only when the arithmetic allows exactly one split', () => {
    const r = runReport('03_pingtan_2020.txt');
    const t = r.tables;
    expect(t.applications.cells.filter((c) => c.row === 'received_new').map((c) => c.value)).toEqual([20, 0, 0, 0, 0, 1, 21]);
    expect(cell(t, 'proactive_disclosure', { category: 'penalty', measure: 'items_last_year' })).toMatchObject({ status: 'reported', value: 2648 });
    expect(cell(t, 'proactive_disclosure', { category: 'penalty', measure: 'items_change' })).toMatchObject({ status: 'unreadable', value: null });
    expect(cell(t, 'proactive_disclosure', { category: 'fees', measure: 'items_change' })).toMatchObject({ status: 'reported', value: -15 });
    expect(r.findings.filter((f) => f.rule === 'table.unreadable_cells').map((f) => f.location)).toContain('proactive_disclosure/normative_documents');
  });

  it('16_hebei: no tables at all', () => {
    const t = runReport('16_hebei_kjt_2019.txt').tables;
    for (const table of Object.values(t)) {
      expect(table.status).toBe('missing');
      expect((table.cells as { status: string }[]).every((c) => c.status === 'missing')).toBe(true);
    }
    expect(t.applications.cells.length).toBe(23 * 7);
  });

  it('18_hebei: 一、本年新收…170000017 is 17 0 0 0 0 0 17, the only split with a right total', () => {
    const t = runReport('18_hebei_kjt_2023.txt').tables;
    expect(t.applications.cells.filter((c) => c.row === 'received_new').map((c) => c.value)).toEqual([17, 0, 0, 0, 0, 0, 17]);
    expect(cell(t, 'proactive_disclosure', { category: 'normative_documents', measure: 'issued' }).status).toBe('unreadable');
    expect(cell(t, 'proactive_disclosure', { category: 'licensing', measure: 'decisions' }).value).toBe(1029);
  });
});
