/**
 * The validate stage over the real corpus, through the whole pipeline: the
 * findings of its rules on each report equal the golden list written by
 * reading the report (tests/fixtures/validate/corpus/, with the reasons).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/pipeline/report.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';

interface Golden {
  rule: string;
  location: string;
  expected?: string;
  actual?: string;
}

const CONTENT = join(import.meta.dirname, '../../../content');
const GOLDEN = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/validate/corpus/expected.json'), 'utf8')) as Record<string, Golden[]>;

/** The rules this stage owns; other stages' findings are their tests' business. */
const VALIDATE_RULES = new Set([
  'applications.balance', 'applications.outcome_sum', 'applications.row_total', 'review.total',
  'table.missing', 'table.missing_cells', 'template.mismatch', 'narrative.injected_spam', 'narrative.table_disagrees',
]);

describe('validate over the corpus', () => {
  const manifest = readSourcesManifest(CONTENT);
  const files = listContentFiles(CONTENT);

  it('has a golden list for every corpus report', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual([...files].sort());
  });

  for (const file of Object.keys(GOLDEN)) {
    it(file, () => {
      const record = parseReport(readInputFile(CONTENT, file, manifest));
      const golden = GOLDEN[file]!;
      const got = record.findings
        .filter((f) => VALIDATE_RULES.has(f.rule))
        .map((f, i) => {
          const g = golden[i];
          return {
            rule: f.rule,
            location: f.location,
            ...(g?.expected !== undefined ? { expected: f.expected } : {}),
            ...(g?.actual !== undefined ? { actual: f.actual } : {}),
          };
        });
      expect(got).toEqual(golden);
    });
  }
});
