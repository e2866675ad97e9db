/**
 * The fixture folders of tests/fixtures/validate/<case>/: a part's text
 * (input.txt) and the findings expected of it (expected.json), with table 三's
 * totals where the case needs them. Expectations are written by hand from
 * reading the text.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateForYear, type SectionCode } from '../../../src/schema/codes.ts';
import { validateReport } from '../../../src/pipeline/validate/index.ts';
import { applications, input, tables } from './builders.ts';

interface Expected {
  section: SectionCode;
  year: number;
  received_new_total?: number;
  carried_over_in_total?: number;
  outcome_total_total?: number;
  findings: { rule: string; location: string; expected?: string; actual?: string }[];
}

const ROOT = join(import.meta.dirname, '../../fixtures/validate');
const CASES = readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'input.txt')));

describe('validate fixtures', () => {
  it('has the fixture folders', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of CASES) {
    it(name, () => {
      const text = readFileSync(join(ROOT, name, 'input.txt'), 'utf8');
      const exp = JSON.parse(readFileSync(join(ROOT, name, 'expected.json'), 'utf8')) as Expected;
      // Table 三 with the totals the case states, in the natural-person and total columns.
      const row = (n: number | undefined) => (n === undefined ? undefined : [n, 0, 0, 0, 0, 0, n]);
      const received = exp.received_new_total ?? 0;
      const carried = exp.carried_over_in_total ?? 0;
      const template = templateForYear(exp.year);
      const t = applications(template, {
        received_new: row(received),
        carried_over_in: row(carried),
        [template === '2019' ? 'other_handling' : 'other_other']: row(exp.outcome_total_total ?? received + carried),
        outcome_total: row(exp.outcome_total_total ?? received + carried),
        carried_over_out: row(received + carried - (exp.outcome_total_total ?? received + carried)),
      });
      const findings = validateReport(input(exp.year, tables(template, { applications: t }), { [exp.section]: text }));
      const got = findings.map((f) => {
        const e = exp.findings.find((x) => x.rule === f.rule && x.location === f.location);
        return { rule: f.rule, location: f.location, ...(e?.expected !== undefined ? { expected: f.expected } : {}), ...(e?.actual !== undefined ? { actual: f.actual } : {}) };
      });
      expect(got).toEqual(exp.findings);
    });
  }
});
