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
import { findCountClaims } from '../../../src/pipeline/validate/narrative-counts.ts';
import { findNoReviewClaims } from '../../../src/pipeline/validate/narrative-review.ts';

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

/**
 * Every statement of the count of applications (and every "no reconsideration
 * or litigation") in the corpus narratives, found by reading the reports: the
 * claims are read, where they are, and nothing else is (no table label, no
 * 投诉 or 行政复议决定书 count).
 */
const CLAIMS: Record<string, string[]> = {
  '000_bbae7e2c4812eba4.txt': [],
  '001_40372296bbc69180.txt': ['general 6 收到依申请公开政府信息6件', 'general none 没有因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
  '002_8000bc9f9e439cef.txt': [],
  '003_bd2728a2fb5b3f82.txt': ['general 1 收到1件政府信息公开申请'],
  '004_e90c2bdef7009ef2.txt': ['general 0 未收到政府信息依申请公开事项'],
  '03_pingtan_2020.txt': ['general 21 受理政府信息公开申请21件'],
  '10_hongze_2024_pypdf.txt': ['general 17 受理政府信息公开申请17件'],
  '12_hebei_jyt_2019.txt': ['general 16 办理依申请政府信息公开16件', 'general none 未发生因信息公开引起的行政复议和行政诉讼'],
  '16_hebei_kjt_2019.txt': ['applications 0 未收到政府信息公开申请', 'review_litigation none 未发生涉及政府信息公开的行政复议、行政诉讼案件'],
  '18_hebei_kjt_2023.txt': ['general 17 收到政府信息公开申请17件', 'general none 无行政复议、诉讼等情况'],
};

describe('narrative claims in the corpus', () => {
  const manifest = readSourcesManifest(CONTENT);
  for (const [file, expected] of Object.entries(CLAIMS)) {
    it(file, () => {
      const r = parseReport(readInputFile(CONTENT, file, manifest));
      const got = r.sections.flatMap((s) => [
        ...findCountClaims(s.text, r.metadata.year).map((c) => `${s.code} ${c.value} ${c.quote}`),
        ...findNoReviewClaims(s.text, r.metadata.year).map((c) => `${s.code} none ${c.quote}`),
      ]);
      expect(got).toEqual(expected);
    });
  }
});
