import { describe, expect, it } from 'vitest';
import { validateReport } from '../../../src/pipeline/validate/index.ts';
import { absent, applications, input, proactive, review, tables } from './builders.ts';

const rulesAt = (fs: { rule: string; location: string }[]) => fs.map((f) => `${f.rule} ${f.location}`);
const ZERO7 = [0, 0, 0, 0, 0, 0, 0];

describe('table.missing', () => {
  it('reports every table of a report without tables (16_hebei_kjt_2019), in template order', () => {
    const fs = validateReport(input(2019, { proactive_disclosure: absent(), applications: absent(), review_litigation: absent() }));
    expect(rulesAt(fs)).toEqual(['table.missing proactive_disclosure', 'table.missing applications', 'table.missing review_litigation']);
    expect(fs[2]).toMatchObject({ severity: 'warning', origin: 'source', expected: 'present', actual: 'missing' });
    expect(fs[2]!.message_zh).toBe('表四（行政复议、行政诉讼情况）：报告中没有这张表');
  });

  it('reports a table printed with its header but no numbers (003_ table 四)', () => {
    const fs = validateReport(input(2020, tables('2019', { review_litigation: absent('empty') })));
    expect(rulesAt(fs)).toEqual(['table.missing review_litigation']);
    expect(fs[0]).toMatchObject({ actual: 'empty' });
    expect(fs[0]!.message_en).toBe('table 4 (reconsideration and litigation): the report prints the header but no numbers');
  });

  it('finds nothing when all three tables are there', () => {
    expect(validateReport(input(2021, tables('2021')))).toEqual([]);
  });
});

describe('table.missing_cells', () => {
  it('lists the missing cells of a table, one finding per table', () => {
    const t = applications('2019', { rejected_duplicate: [0, 0, 0, 0, 0, 0, 'missing'], carried_over_out: [0, 0, 0, 0, 0, 'missing', 'missing'] });
    const fs = validateReport(input(2020, tables('2019', { applications: t })));
    expect(rulesAt(fs)).toEqual(['table.missing_cells applications']);
    expect(fs[0]).toMatchObject({ expected: '161', actual: '158' });
    expect(fs[0]!.message_zh).toBe(
      '表三（收到和处理政府信息公开申请情况）：模板的161个单元格中缺少3个：三(五)2重复申请·总计、四、结转下年度继续办理·法人或其他组织·其他、四、结转下年度继续办理·总计',
    );
  });

  it('does not count blank or not-applicable cells as missing', () => {
    const t = applications('2019', { partially_disclosed: ['blank', 'blank', 'blank', 'blank', 'blank', 'blank', 'blank'], rejected_duplicate: ['not_applicable', 0, 0, 0, 0, 0, 0] });
    expect(rulesAt(validateReport(input(2020, tables('2019', { applications: t }))))).toEqual([]);
  });

  it('names the cells of tables 二 and 四 by their labels and cuts long lists', () => {
    const p = proactive('2021', { 'licensing|decisions': 'missing' });
    const r = review(Array(15).fill('missing'));
    const fs = validateReport(input(2021, tables('2021', { proactive_disclosure: p, review_litigation: r })));
    expect(rulesAt(fs)).toEqual(['table.missing_cells proactive_disclosure', 'table.missing_cells review_litigation']);
    expect(fs[0]!.message_zh).toContain('缺少1个：行政许可·处理决定数量');
    expect(fs[1]!.message_zh).toContain('模板的15个单元格中缺少15个：行政复议·结果维持、');
    expect(fs[1]!.message_zh).toMatch(/等（另有7个）$/u);
    expect(fs[1]!.message_en).toMatch(/; and 7 more$/u);
  });
});

describe('template.mismatch', () => {
  it('finds nothing when the tables use the template of the year', () => {
    expect(validateReport(input(2020, tables('2019')))).toEqual([]);
    expect(validateReport(input(2023, tables('2021')))).toEqual([]);
  });

  it('reports tables in the 2019 template on a 2024 report', () => {
    const fs = validateReport(input(2024, tables('2019')));
    expect(rulesAt(fs)).toEqual(['template.mismatch proactive_disclosure', 'template.mismatch applications']);
    expect(fs[1]).toMatchObject({ expected: '2021', actual: '2019' });
    expect(fs[1]!.message_zh).toBe('表三（收到和处理政府信息公开申请情况）：2024年度报告应使用2021年版模板，但该表使用2019年版模板');
  });

  it('reports a 2021-template table that prints the single 三(六)其他处理 row of 2019 (as 10_hongze_2024 does)', () => {
    const t = applications('2021');
    t.cells.push(...ZERO7.map((v, i) => ({ ...t.cells[i]!, row: 'other_handling' as const, value: v, status: 'reported' as const, raw: '0' })));
    const fs = validateReport(input(2024, tables('2021', { applications: t })));
    expect(rulesAt(fs)).toEqual(['template.mismatch applications']);
    expect(fs[0]).toMatchObject({ expected: '2021', actual: '2021+2019' });
    expect(fs[0]!.message_zh).toContain('却含有2019年版模板的行或列：三(六)其他处理');
  });

  it('reports tables 二 and 三 in different templates when the year is unknown', () => {
    const fs = validateReport(input(null, { ...tables('2021'), applications: applications('2019') }));
    expect(rulesAt(fs)).toEqual(['template.mismatch tables']);
    expect(fs[0]!.message_zh).toBe('表二使用2021年版模板，表三使用2019年版模板，同一份报告混用两版模板');
  });

  it('sums a mixed table over the outcome rows it prints', () => {
    // A 2021 table whose 其他处理 came as the single 2019 row: 1 received, 1 other handling.
    const t = applications('2021', { received_new: [1, 0, 0, 0, 0, 0, 1], outcome_total: [1, 0, 0, 0, 0, 0, 1] });
    t.cells = t.cells.filter((c) => !c.row.startsWith('other_'));
    t.cells.push(...[1, 0, 0, 0, 0, 0, 1].map((v, i) => ({ ...t.cells[i]!, row: 'other_handling' as const, value: v, status: 'reported' as const, raw: String(v) })));
    expect(rulesAt(validateReport(input(2024, tables('2021', { applications: t }))))).toEqual(['template.mismatch applications']);
  });
});
