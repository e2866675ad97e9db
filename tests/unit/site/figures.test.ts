import { describe, expect, it } from 'vitest';
import { outcomeGroups, sumRows } from '../../../src/site/cells.ts';
import { correctionRate, disclosureRate, reportFigures } from '../../../src/site/figures.ts';
import { makeFinding } from '../../../src/pipeline/findings.ts';
import { LITONG_2020, SHUNQING_2020, UNIDENTIFIED, ZHANGHE_2021 } from './fixtures.ts';

describe('outcomeGroups', () => {
  it('derives 三(一)…三(六) from the template numbering, 其他处理 spanning both templates', () => {
    const groups = outcomeGroups();
    expect(groups.map((g) => [g.key, g.zh, g.rows.length])).toEqual([
      ['一', '予以公开', 1],
      ['二', '部分公开', 1],
      ['三', '不予公开', 8],
      ['四', '无法提供', 3],
      ['五', '不予处理', 5],
      ['六', '其他处理', 4],
    ]);
  });
});

describe('reportFigures', () => {
  it('reads 顺庆区 2020 (000_…): 35 received, 15 disclosed of 35, rate 15/35', () => {
    const f = reportFigures(SHUNQING_2020);
    expect(f.received_new).toBe(35);
    expect(f.outcome_total).toBe(35);
    expect(f.groups).toEqual({ 一: 15, 二: 0, 三: 15, 四: 5, 五: 0, 六: 0 });
    expect(f.disclosure_rate).toBeCloseTo(15 / 35, 10);
    expect(f.review.reconsideration.total).toBe(0);
    expect(f.adds_up).toBe(true);
  });

  it('sums 其他处理 over the three template-2021 rows (漳河新区 2021)', () => {
    expect(sumRows(ZHANGHE_2021, outcomeGroups()[5]!.rows)).toBe(0);
    expect(reportFigures(ZHANGHE_2021).groups['六']).toBe(0);
  });

  it('never makes up a number: missing cells and tables stay null', () => {
    const f = reportFigures(UNIDENTIFIED);
    expect(f.received_new).toBeNull();
    expect(f.disclosure_rate).toBeNull();
    expect(f.adds_up).toBeNull();
    expect(reportFigures(LITONG_2020).review.reconsideration.total).toBeNull();
    expect(reportFigures(LITONG_2020).disclosure_rate).toBeNull(); // 0 ÷ 0
  });

  it('a failed arithmetic rule means the tables do not add up', () => {
    const bad = { ...SHUNQING_2020, findings: [makeFinding('applications.balance', { table: 'applications', row: 'outcome_total', column: 'total' })] };
    expect(reportFigures(bad).adds_up).toBe(false);
  });
});

describe('rates', () => {
  it('disclosure rate is (予以公开 + 部分公开) ÷ 总计', () => {
    expect(disclosureRate(15, 5, 40)).toBe(0.5);
    expect(disclosureRate(15, null, 40)).toBeNull();
    expect(disclosureRate(0, 0, 0)).toBeNull();
  });
  it('correction rate is over concluded cases', () => {
    expect(correctionRate(1, 5, 1)).toBe(0.25);
    expect(correctionRate(0, 2, 2)).toBeNull();
  });
});

describe('yearRows', () => {
  it('summarises each report of an agency with its own template', async () => {
    const { yearRows } = await import('../../../src/site/figures.ts');
    const rows = yearRows([SHUNQING_2020, ZHANGHE_2021, LITONG_2020]);
    expect(rows.map((r) => [r.year, r.template, r.figures.received_new, r.lawsuits])).toEqual([
      [2020, '2019', 35, 0],
      [2021, '2021', 0, 0],
      [2020, '2019', 0, null],
    ]);
  });
});
