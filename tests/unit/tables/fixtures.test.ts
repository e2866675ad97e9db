/** Quirk fixtures: tests/fixtures/tables/<quirk>/{input,expected.json}; `npm run fixtures:update` rewrites them deliberately. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureNames, runFixture } from './harness.ts';

describe('table fixtures', () => {
  it('has the quirk folders', () => {
    expect(fixtureNames()).toEqual(expect.arrayContaining(['one-cell-per-line', 'pipe-filler-rows', 'newline-pipe-separated', 'broken-header-cells', 'tsv-page-break-in-row', 'gfm-pipe-table', 'html-rowspan', 'space-separated-pdf', 'glued-cells', 'glued-ambiguous', 'missing-cell-imputed', 'fullwidth-brackets', 'empty-table', 'html-empty-cells', 'html-glued-zeros', 'newline-pipe-empty-cells', 'blank-cells-then-earlier-part', 'glued-leading-zero-token', 'overlong-digit-run', 'tsv-page-break-at-cell-boundary', 'value-then-printed-empty-cells', 'html-short-row-not-padded', 'glued-run-many-cells', 'blank-last-cell-before-part-break']));
  });
  for (const name of fixtureNames()) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8'));
      expect(runFixture(name)).toEqual(expected);
    });
  }

  it('fullwidth-brackets: full-width digits, signs and units; 无, 不适用, — are not applicable', () => {
    const cells = runFixture('fullwidth-brackets').tables.proactive_disclosure.cells;
    const get = (category: string, measure: string) => cells.find((c) => c.category === category && c.measure === measure)!;
    expect(get('licensing', 'items_change')).toMatchObject({ status: 'reported', value: 82 });
    expect(get('penalty', 'items_change')).toMatchObject({ status: 'reported', value: -18 });
    expect(get('procurement', 'amount')).toMatchObject({ status: 'reported', value: 1234500, unit: '万元' });
    expect(get('enforcement', 'decisions').status).toBe('not_applicable');
    expect(get('fees', 'items_change').status).toBe('not_applicable');
    expect(get('other_services', 'decisions').status).toBe('not_applicable');
  });

  it('html-rowspan: merged label cells, a blank cell and / marks', () => {
    const t = runFixture('html-rowspan').tables;
    expect(t.applications.template).toBe('2021');
    const get = (row: string, applicant: string) => t.applications.cells.find((c) => c.row === row && c.applicant === applicant)!;
    expect(get('received_new', 'total').value).toBe(10);
    expect(get('withheld_security_stability', 'natural_person').value).toBe(1);
    expect(get('unavailable_not_held', 'total').value).toBe(2);
    expect(get('rejected_confirmation', 'natural_person').status).toBe('not_applicable');
    expect(get('other_other', 'total').status).toBe('blank');
    expect(t.review_litigation.cells.map((c) => c.value)).toEqual([1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]);
  });
});

describe('narrative-before-table', () => {
  it('a sentence naming rows before the table is not read as the table', () => {
    const t = runFixture('narrative-before-table').tables.applications;
    expect(t.cells.filter((c) => c.row === 'received_new').map((c) => c.value)).toEqual([20, 0, 0, 0, 0, 15, 35]);
    expect(t.cells.filter((c) => c.row === 'disclosed').map((c) => c.value)).toEqual([15, 0, 0, 0, 0, 0, 15]);
  });

  it('html-empty-cells: an empty <td> is a blank cell in its own column, in rows shorter than the table and in rowspan groups', () => {
    const t = runFixture('html-empty-cells').tables;
    const row = (code: string) => t.applications.cells.filter((c) => c.row === code).map((c) => (c.status === 'reported' ? c.value : c.status));
    // Printed: (blank) 2 0 0 1 0 8 — the row is one cell shorter than the rowspan rows (the html stage does not pad it).
    expect(row('disclosed')).toEqual(['blank', 2, 0, 0, 1, 0, 8]);
    expect(row('partially_disclosed')).toEqual([1, 0, 0, 0, 0, 0, 'blank']);
    // Inside the （三）不予公开 rowspan: (blank) (blank) 0 0 0 0 0, followed by a row that also starts with the spanned cell.
    expect(row('withheld_third_party')).toEqual(['blank', 'blank', 0, 0, 0, 0, 0]);
    expect(row('withheld_internal_affairs')).toEqual(['blank', 'blank', 0, 0, 0, 0, 0]);
    expect(row('withheld_admin_inquiry')).toEqual([0, 0, 0, 0, 0, 0, 'blank']);
    expect(row('outcome_total')).toEqual([9, 3, 0, 0, 1, 0, 13]);
  });

  it('html-glued-zeros: digits glued in one <td> are split only when the split is unique', () => {
    const t = runFixture('html-glued-zeros');
    const row = (code: string) => t.tables.applications.cells.filter((c) => c.row === code).map((c) => `${c.status}:${c.value}`);
    // "0000000" cannot be one count (leading zero): its only split is seven zeros.
    expect(row('withheld_process_info')).toEqual(Array(7).fill('reported:0'));
    // "1000001" alone in a row of one <td>: the row prints no empty cells (it is not padded), so
    // its seven digits are the seven cells, the only split.
    expect(row('withheld_enforcement_file')).toEqual(['reported:1', 'reported:0', 'reported:0', 'reported:0', 'reported:0', 'reported:0', 'reported:1']);
    expect(t.tables.review_litigation.cells.map((c) => c.value)).toEqual(Array(15).fill(0));
    expect(t.findings).toEqual([]);
  });

  it('newline-pipe-empty-cells: nothing between two `|` lines is a blank cell in its column', () => {
    const t = runFixture('newline-pipe-empty-cells').tables;
    const get = (category: string, measure: string) => t.proactive_disclosure.cells.find((c) => c.category === category && c.measure === measure)!;
    expect([get('rules', 'issued').value, get('rules', 'repealed').value, get('rules', 'in_force').status]).toEqual([1, 0, 'blank']);
    expect([get('normative_documents', 'issued').status, get('normative_documents', 'repealed').value, get('normative_documents', 'in_force').value]).toEqual(['blank', 7, 33]);
    expect(get('penalty', 'decisions').status).toBe('blank');
    expect(get('enforcement', 'decisions').value).toBe(12);
    // 结果纠正 is printed empty; the row total would fix it at 0, but a printed blank stays blank.
    const review = t.review_litigation.cells.filter((c) => c.proceeding === 'reconsideration').map((c) => (c.status === 'reported' ? c.value : c.status));
    expect(review).toEqual([1, 'blank', 0, 0, 1]);
    expect(t.review_litigation.cells.filter((c) => c.proceeding === 'litigation_after_reconsideration').map((c) => c.value)).toEqual([2, 0, 0, 0, 2]);
  });
});
