import { describe, expect, it } from 'vitest';
import { validateReport } from '../../../src/pipeline/validate/index.ts';
import { absent, applications, input, review, tables } from './builders.ts';

const rulesAt = (fs: { rule: string; location: string }[]) => fs.map((f) => `${f.rule} ${f.location}`);

// Table 三 of 000_bbae7e2c4812eba4.txt (顺庆区 2020), read by hand: it adds up.
const SHUNQING = applications('2019', {
  received_new: [20, 0, 0, 0, 0, 15, 35],
  disclosed: [15, 0, 0, 0, 0, 0, 15],
  withheld_admin_inquiry: [5, 0, 0, 0, 0, 10, 15],
  unavailable_not_held: [0, 0, 0, 0, 0, 5, 5],
  outcome_total: [20, 0, 0, 0, 0, 15, 35],
});

// Table 三 of 03_pingtan_2020.txt, read by hand: the outcome rows of natural
// persons add up to 6+6+4+3+3+4 = 26 but 三(七)总计 prints 20 (total column 27 vs 21).
const PINGTAN = applications('2019', {
  received_new: [20, 0, 0, 0, 0, 1, 21],
  disclosed: [6, 0, 0, 0, 0, 1, 7],
  partially_disclosed: [6, 0, 0, 0, 0, 0, 6],
  unavailable_not_held: [4, 0, 0, 0, 0, 0, 4],
  unavailable_unclear: [3, 0, 0, 0, 0, 0, 3],
  rejected_duplicate: [3, 0, 0, 0, 0, 0, 3],
  other_handling: [4, 0, 0, 0, 0, 0, 4],
  outcome_total: [20, 0, 0, 0, 0, 1, 21],
});

describe('applications arithmetic', () => {
  it('finds nothing in a table that adds up', () => {
    expect(validateReport(input(2020, tables('2019', { applications: SHUNQING })))).toEqual([]);
  });

  it('finds the outcome sum failing in the natural-person and total columns of 平潭 2020', () => {
    const fs = validateReport(input(2020, tables('2019', { applications: PINGTAN })));
    expect(rulesAt(fs)).toEqual([
      'applications.outcome_sum applications/outcome_total/natural_person',
      'applications.outcome_sum applications/outcome_total/total',
    ]);
    const [np] = fs;
    expect(np).toMatchObject({ severity: 'error', origin: 'source', table: 'applications', row: 'outcome_total', column: 'natural_person', expected: '20', actual: '26' });
    expect(np!.message_zh).toContain('自然人列办理结果之和');
    expect(np!.message_zh).toContain('三(一)予以公开 6 + 三(二)部分公开 6 + 三(四)1本机关不掌握相关政府信息 4');
    expect(np!.message_zh).toContain('相差6');
    expect(np!.message_en).toContain('natural persons, outcome sum: 3(7) outcomes total 20, but 3(1) disclosed 6 + 3(2) partially disclosed 6');
    expect(fs[1]).toMatchObject({ expected: '21', actual: '27' });
  });

  it('reports a failing balance with both sides in words', () => {
    // received 20 + carried in 0 = 20, but outcomes 15 + carried out 0 = 15 (outcome rows still sum to 15).
    const t = applications('2019', {
      received_new: [20, 0, 0, 0, 0, 0, 20],
      disclosed: [15, 0, 0, 0, 0, 0, 15],
      outcome_total: [15, 0, 0, 0, 0, 0, 15],
    });
    const fs = validateReport(input(2020, tables('2019', { applications: t })));
    expect(rulesAt(fs)).toEqual(['applications.balance applications/outcome_total/natural_person', 'applications.balance applications/outcome_total/total']);
    expect(fs[0]).toMatchObject({ expected: '20', actual: '15' });
    expect(fs[0]!.message_zh).toBe(
      '自然人列勾稽关系：一、本年新收政府信息公开申请数量 20 + 二、上年结转政府信息公开申请数量 0 = 20，但 三(七)总计 15 + 四、结转下年度继续办理 0 = 15（相差5）',
    );
    expect(fs[0]!.message_en).toBe(
      'natural persons, balance: 1. new applications received this year 20 + 2. applications carried over from last year 0 = 20, but 3(7) outcomes total 15 + 4. carried over to next year 0 = 15 (off by 5)',
    );
  });

  it('reports a row whose total column is not the sum of the applicant columns', () => {
    const t = applications('2021', { received_new: [3, 1, 0, 0, 0, 0, 5], disclosed: [3, 1, 0, 0, 0, 0, 4], outcome_total: [3, 1, 0, 0, 0, 0, 5] });
    const fs = validateReport(input(2022, tables('2021', { applications: t })));
    // 总计 column: received 5 ≠ 3+1, and the outcome rows sum to 4 ≠ 5 in the total column only.
    expect(rulesAt(fs)).toEqual([
      'applications.outcome_sum applications/outcome_total/total',
      'applications.row_total applications/received_new/total',
      'applications.row_total applications/outcome_total/total',
    ]);
    expect(fs[1]!.message_zh).toBe('一、本年新收政府信息公开申请数量行：总计 5，但 自然人 3 + 法人或其他组织·商业企业 1 + 其余4项为0 = 4（相差1）');
  });

  it('sums the three 其他处理 rows of template 2021', () => {
    const ok = applications('2021', { received_new: [2, 0, 0, 0, 0, 0, 2], other_other: [1, 0, 0, 0, 0, 0, 1], other_fee_unpaid: [1, 0, 0, 0, 0, 0, 1], outcome_total: [2, 0, 0, 0, 0, 0, 2] });
    expect(validateReport(input(2021, tables('2021', { applications: ok })))).toEqual([]);
  });

  it('does not evaluate an identity with a blank, not-applicable or unreadable cell, and uses imputed values', () => {
    // 河北教育厅 2019 leaves the zero rows blank: nothing can be checked there.
    const blanks = applications('2019', {
      received_new: [16, 0, 0, 0, 0, 0, 16],
      disclosed: [9, 0, 0, 0, 0, 0, 9],
      partially_disclosed: ['blank', 'blank', 'blank', 'blank', 'blank', 'blank', 'blank'],
      outcome_total: [99, 0, 0, 0, 0, 0, 'unreadable'],
    });
    const fs = validateReport(input(2019, tables('2019', { applications: blanks })));
    // natural persons: the outcome sum needs the blank row; the balance fails (16 ≠ 99) and is reported.
    expect(rulesAt(fs)).toEqual(['applications.balance applications/outcome_total/natural_person']);
    const imputed = applications('2019', { received_new: [1, 0, 0, 0, 0, 0, 1], disclosed: [{ imputed: 1 }, 0, 0, 0, 0, 0, 1], outcome_total: [2, 0, 0, 0, 0, 0, 2] });
    expect(rulesAt(validateReport(input(2020, tables('2019', { applications: imputed }))))).toContain('applications.outcome_sum applications/outcome_total/natural_person');
  });

  it('does not check a table that is missing or empty', () => {
    const fs = validateReport(input(2020, tables('2019', { applications: absent('empty') })));
    expect(fs.map((f) => f.rule)).toEqual(['table.missing']);
  });
});

describe('review.total', () => {
  it('passes 洪泽 2024 table 四 (1 1 0 0 2 | 1 0 0 0 1 | 2 0 1 0 3)', () => {
    expect(validateReport(input(2024, tables('2021', { review_litigation: review([1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]) })))).toEqual([]);
  });

  it('reports each proceeding whose total is not the sum of its results', () => {
    const fs = validateReport(input(2024, tables('2021', { review_litigation: review([1, 1, 0, 0, 3, 1, 0, 0, 0, 1, 2, 0, 1, 1, 3]) })));
    expect(rulesAt(fs)).toEqual(['review.total review_litigation/reconsideration/total', 'review.total review_litigation/litigation_after_reconsideration/total']);
    expect(fs[0]).toMatchObject({ severity: 'error', origin: 'source', expected: '3', actual: '2' });
    expect(fs[0]!.message_zh).toBe('行政复议总计：总计 3，但 结果维持 1 + 结果纠正 1 + 其余2项为0 = 2（相差1）');
    expect(fs[1]!.message_en).toBe('litigation after reconsideration, total: total 3, but upheld 2 + other result 1 + pending 1 + the other one is 0 = 4 (off by 1)');
  });

  it('says so when every result of a proceeding is 0 but its total is not', () => {
    const fs = validateReport(input(2024, tables('2021', { review_litigation: review([0, 0, 0, 0, 3, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]) })));
    expect(rulesAt(fs)).toEqual(['review.total review_litigation/reconsideration/total']);
    expect(fs[0]!.message_zh).toBe('行政复议总计：总计 3，但 各项均为0（相差3）');
    expect(fs[0]!.message_en).toBe('administrative reconsideration, total: total 3, but all terms are 0 (off by 3)');
  });

  it('skips a proceeding with blank results (河北教育厅 2019 prints only the totals, 0)', () => {
    const blanks = review(['blank', 'blank', 'blank', 'blank', 0, 'blank', 'blank', 'blank', 'blank', 0, 'blank', 'blank', 'blank', 'blank', 0]);
    expect(validateReport(input(2019, tables('2019', { review_litigation: blanks })))).toEqual([]);
  });
});
