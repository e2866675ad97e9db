/** Quirk fixtures: tests/fixtures/tables/<quirk>/{input,expected.json}; `npm run fixtures:update` rewrites them deliberately. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureNames, runFixture } from './harness.ts';

describe('table fixtures', () => {
  it('has the quirk folders', () => {
    expect(fixtureNames()).toEqual(expect.arrayContaining(['one-cell-per-line', 'pipe-filler-rows', 'newline-pipe-separated', 'broken-header-cells', 'tsv-page-break-in-row', 'gfm-pipe-table', 'html-rowspan', 'space-separated-pdf', 'glued-cells', 'glued-ambiguous', 'missing-cell-imputed', 'fullwidth-brackets', 'empty-table']));
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
});
