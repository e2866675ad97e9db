/** Cross-report rules and hand corrections, on hand-built records. */
import { describe, expect, it } from 'vitest';
import { applyCorrections } from '../../../src/pipeline/corrections.ts';
import { validateReport } from '../../../src/pipeline/validate/index.ts';
import { checkCarryover } from '../../../src/pipeline/cross/carryover.ts';
import { checkCopied, MAX_MATCHES } from '../../../src/pipeline/cross/copied.ts';
import { resolveDuplicates } from '../../../src/pipeline/cross/duplicate.ts';
import { checkLate, deadlineFor } from '../../../src/pipeline/cross/late.ts';
import { candidatePairs, shingleHashes, signature } from '../../../src/pipeline/cross/minhash.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { applicationTable, METADATA, record, sections } from './fixtures.ts';

const rules = (r: ReportRecord) => r.findings.map((f) => f.rule);

describe('report.duplicate', () => {
  it('keeps both files, gives them unique ids in source order, and flags each', () => {
    const a = record({ sha: 'b1', source_file: 'b.txt' });
    const b = record({ sha: 'a1', source_file: 'a.txt' });
    const out = resolveDuplicates([a, b]);
    expect(out.map((r) => [r.source_file, r.report_id]).sort()).toEqual([['a.txt', 'mouxian-abc123-2021'], ['b.txt', 'mouxian-abc123-2021-2']]);
    for (const r of out) expect(rules(r)).toEqual(['report.duplicate']);
    expect(out.find((r) => r.source_file === 'a.txt')!.findings[0]!.message_en).toContain('b.txt (mouxian-abc123-2021-2)');
  });

  it('leaves distinct reports alone', () => {
    const out = resolveDuplicates([record(), record({ sha: 'c', report_id: 'mouxian-abc123-2022', metadata: { ...METADATA, year: 2022 } })]);
    expect(out.flatMap(rules)).toEqual([]);
  });
});

describe('report.copied', () => {
  const base = '本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实政府信息公开条例，持续深化政务公开，加强政策解读和回应关切，推进基层政务公开标准化规范化建设，不断提升政务公开质量和实效，切实保障人民群众知情权参与权表达权监督权。'.repeat(3);
  const other = '今年我局在依申请公开办理方面建立台账，规范答复文书格式，完善内部会商机制，组织业务培训两次，并对门户网站栏目进行了全面梳理，删除过期信息，更新办事指南，畅通留言渠道，群众满意度明显提高，工作中仍存在人员力量不足、信息发布不够及时等问题。'.repeat(3);
  const withText = (id: string, sha: string, text: string) => record({ sha, report_id: id, sections: sections({ general: text, problems: '问题', other_matters: '无' }) });

  it('flags a narrative copied with new numbers, on both reports, and not a different one', () => {
    const copiedText = base.replace(/本机关/g, '本机关2022年');
    const out = checkCopied([withText('a-2021', 'a', base), withText('a-2022', 'b', copiedText), withText('b-2021', 'c', other)]);
    expect(out[0]!.findings.map((f) => f.location)).toEqual(['narrative/a-2022']);
    expect(out[1]!.findings.map((f) => f.location)).toEqual(['narrative/a-2021']);
    expect(rules(out[2]!)).toEqual([]);
    expect(Number(out[0]!.findings[0]!.actual)).toBeGreaterThanOrEqual(0.8);
  });

  it('counts a pair with 52 of 64 equal minima as copied and one with 51 not, whichever bits of the others differ', () => {
    // The low-byte prefilter (copied.ts tooManyDiffer) must never rule out a pair the exact count keeps.
    const sig = Uint32Array.from({ length: 64 }, (_, k) => (Math.imul(k + 1, 0x9e3779b1) >>> 0) | 0x100);
    const changed = (count: number, mask: number) => Uint32Array.from(sig, (v, k) => (k < count ? (v ^ mask) >>> 0 : v));
    const sigs = new Map<string, Uint32Array>([
      ['base', sig],
      ['high-12', changed(12, 0x10000)],
      ['low-12', changed(12, 0x1)],
      ['high-13', changed(13, 0x10000)],
      ['low-13', changed(13, 0x1)],
    ]);
    const ids = [...sigs.keys()];
    // Each changed signature against the base alone: the changed ones also match one another.
    for (const id of ids.slice(1)) {
      const out = checkCopied([record({ sha: 'a', report_id: 'base' }), record({ sha: 'b', report_id: id })], (r) => sigs.get(r.report_id)!);
      expect(out[0]!.findings.map((f) => f.location), id).toEqual(id.endsWith('-12') ? [`narrative/${id}`] : []);
    }
  });

  it('ignores short narratives', () => {
    const out = checkCopied([withText('x', 'a', '无。'), withText('y', 'b', '无。')]);
    expect(out.flatMap(rules)).toEqual([]);
  });

  it('names at most MAX_MATCHES others when many agencies copy one template, with bounded work', () => {
    const copies = Array.from({ length: 40 }, (_, i) => withText(`t-${String(i).padStart(2, '0')}`, `f${i}`, base));
    const out = checkCopied(copies);
    for (const r of out) {
      expect(r.findings.length, r.report_id).toBeGreaterThan(0);
      expect(r.findings.length, r.report_id).toBeLessThanOrEqual(MAX_MATCHES);
    }
    const sigs = copies.map(() => signature(shingleHashes(base)));
    expect(candidatePairs(sigs).length).toBe((40 * 39) / 2);
    expect(candidatePairs(sigs, 3).length).toBe(39 + 38 + 37);
  });

  it('finds candidates by banding, not by comparing every pair', () => {
    const sigs = [base, other, base].map((t) => signature(shingleHashes(t)));
    expect(candidatePairs(sigs)).toEqual([[0, 2]]);
  });
});

describe('applications.carryover', () => {
  const withApps = (year: number, sha: string, value: (row: string, a: string) => number) =>
    record({ sha, report_id: `mouxian-abc123-${year}`, metadata: { ...METADATA, year }, tables: { ...record().tables, applications: { status: 'present', template: '2021', cells: applicationTable(value) } } });

  it("compares carried_over_in with the previous year's carried_over_out, column by column", () => {
    const last = withApps(2021, 'a', (row, a) => (row === 'carried_over_out' ? (a === 'total' ? 3 : a === 'natural_person' ? 3 : 0) : 0));
    const now = withApps(2022, 'b', (row, a) => (row === 'carried_over_in' ? (a === 'total' ? 2 : a === 'natural_person' ? 2 : 0) : 0));
    const out = checkCarryover([last, now]);
    expect(rules(out[0]!)).toEqual([]);
    expect(out[1]!.findings.map((f) => [f.location, f.expected, f.actual])).toEqual([
      ['applications/carried_over_in/natural_person', '3', '2'],
      ['applications/carried_over_in/total', '3', '2'],
    ]);
  });
});

describe('report.late', () => {
  it('gives an agency 31 January and a people\'s government 31 March; unknown kind gets the later date', () => {
    expect(deadlineFor(record({ metadata: { ...METADATA, year: 2020, is_department: true } }))).toBe('2021-01-31');
    expect(deadlineFor(record({ metadata: { ...METADATA, year: 2020, is_department: false, admin_level: 'county' } }))).toBe('2021-03-31');
    expect(deadlineFor(record({ metadata: { ...METADATA, year: 2020, is_department: false, admin_level: 'township' } }))).toBe('2021-01-31');
    expect(deadlineFor(record({ metadata: { ...METADATA, year: 2020, is_department: null } }))).toBe('2021-03-31');
  });

  it('flags a report published after its deadline only', () => {
    const late = record({ metadata: { ...METADATA, year: 2021, is_department: true, published_date: '2022-02-01' } });
    const onTime = record({ metadata: { ...METADATA, year: 2021, is_department: true, published_date: '2022-01-31' } });
    const noDate = record({ metadata: { ...METADATA, published_date: null } });
    const out = checkLate([late, onTime, noDate]);
    expect(out.map(rules)).toEqual([['report.late'], [], []]);
    expect(out[0]!.findings[0]).toMatchObject({ expected: '≤ 2022-01-31', actual: '2022-02-01', location: 'metadata/published_date' });
  });
});

describe('corrections', () => {
  const sha = 'e'.padEnd(64, '0');
  it('sets a cell by source sha256 and leaves a correction.applied finding', () => {
    const r = record({ sha: 'e', tables: { ...record().tables, applications: { status: 'present', template: '2021', cells: applicationTable(() => 0) } } });
    const { records, problems } = applyCorrections([r], [{ sha256: sha, location: 'applications/received_new/natural_person', value: 20, reason: '原表数字粘连', source: '原网页截图' }]);
    expect(problems).toEqual([]);
    const cell = records[0]!.tables.applications.cells.find((c) => c.row === 'received_new' && c.applicant === 'natural_person')!;
    expect(cell).toMatchObject({ value: 20, status: 'reported' });
    expect(records[0]!.findings[0]).toMatchObject({ rule: 'correction.applied', expected: '20', actual: '0', location: 'correction/applications/received_new/natural_person' });
  });

  it('re-checks the table arithmetic, so a corrected typo clears its balance errors', () => {
    // 5 applications from natural persons, all disclosed; the report misprinted 总计/总计 as 50.
    const cells = applicationTable((row, a) => (['received_new', 'disclosed', 'outcome_total'].includes(row) && ['natural_person', 'total'].includes(a) ? 5 : 0));
    Object.assign(cells.find((c) => c.row === 'outcome_total' && c.applicant === 'total')!, { value: 50, raw: '50' });
    const parsed = record({ sha: 'e', tables: { ...record().tables, applications: { status: 'present', template: '2021', cells } } });
    const arithmetic = (r: ReportRecord) => r.findings.map((f) => f.rule).filter((rule) => rule.startsWith('applications.'));
    const withErrors = applyCorrections([parsed], []).records[0]!;
    expect(withErrors).toBe(parsed);
    const before = validateReport({ metadata: parsed.metadata, sections: parsed.sections, tables: parsed.tables, text: '' });
    const withFindings = { ...parsed, findings: before };
    expect(arithmetic(withFindings).sort()).toEqual(['applications.balance', 'applications.outcome_sum', 'applications.row_total']);
    const { records } = applyCorrections([withFindings], [{ sha256: sha, location: 'applications/outcome_total/total', value: 5, reason: '原表笔误', source: '本表勾稽关系' }]);
    expect(arithmetic(records[0]!)).toEqual([]);
    expect(rules(records[0]!)).toContain('correction.applied');
  });

  it('corrects metadata and re-derives the ids from it', () => {
    const { records } = applyCorrections([record({ sha: 'e' })], [{ sha256: sha, location: 'metadata/year', value: 2020, reason: '标题年份有误', source: '正文' }]);
    expect(records[0]!.report_id).toMatch(/-2020$/);
  });

  it('reports an entry that matches no file or names an unknown cell', () => {
    const { problems } = applyCorrections([record({ sha: 'e' })], [
      { sha256: 'f'.repeat(64), location: 'applications/received_new/total', value: 1, reason: 'r', source: 's' },
      { sha256: sha, location: 'applications/no_such_row/total', value: 1, reason: 'r', source: 's' },
    ]);
    expect(problems).toEqual([
      `corrections.json entry 1: no input file has sha256 ${'f'.repeat(64)}`,
      'corrections.json entry 2 (e000.txt): unknown location applications/no_such_row/total',
    ]);
  });
});
