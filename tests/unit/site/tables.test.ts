import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/pipeline/emit/csv.ts';
import { parse } from 'csv-parse/sync';
import { summarize } from '../../../src/site/summary.ts';
import { aggregatedTables } from '../../../src/site/table-list.ts';
import { applicationsBy, nonDisclosureReasons } from '../../../src/site/tables.ts';
import { dataQuality, ranking, reviewLitigation } from '../../../src/site/tables-more.ts';
import { overview } from '../../../src/site/overview.ts';
import { ALL, SHUNQING_2020 } from './fixtures.ts';

const all = ALL.map(summarize);

describe('aggregated tables', () => {
  it('sums applications by year × province, only over known cells', () => {
    const t = applicationsBy(all, 'province');
    const sichuan = t.rows.find((r) => r.province === '四川省' && r.year === 2020)!;
    expect(sichuan).toMatchObject({ reports: 1, received_new: 35, disclosed: 15, withheld: 15, unavailable: 5, other: 0, outcome_total: 35, disclosure_rate: 0.4286 });
    const unknown = t.rows.find((r) => r.year === null)!;
    expect(unknown).toMatchObject({ reports: 1, reports_with_applications: 0, received_new: null, disclosure_rate: null });
    // Column titles come from the schema: year from reports.csv, rows from APPLICATION_ROWS.
    expect(t.columns.find((c) => c.name === 'year')!.zh).toBe('报告年度');
    expect(t.columns.find((c) => c.name === 'received_new')!.zh).toBe('本年新收政府信息公开申请数量');
  });

  it('keeps template 2021 其他处理 rows apart from the 2019 row in the reasons table', () => {
    const rows = nonDisclosureReasons(all).rows;
    expect(rows.filter((r) => r.template === '2019').map((r) => r.row)).toContain('other_handling');
    expect(rows.filter((r) => r.template === '2019').map((r) => r.row)).not.toContain('other_fee_unpaid');
    expect(rows.filter((r) => r.template === '2021').map((r) => r.row)).toContain('other_fee_unpaid');
    expect(rows.find((r) => r.year === 2020 && r.row === 'withheld_admin_inquiry')).toMatchObject({ count: 15, reports: 2 });
  });

  it('review and litigation: a table without numbers adds nothing', () => {
    const r = reviewLitigation(all).rows.find((x) => x.year === 2020 && x.proceeding === 'reconsideration')!;
    expect(r).toMatchObject({ reports: 1, total: 0, correction_rate: null });
  });

  it('ranks reports by applications received and links the agency page', () => {
    const t = ranking(all);
    expect(t.rows[0]).toMatchObject({ rank: 1, agency_name: '南充市顺庆区人民政府办公室', received_new: 35, adds_up: 'true' });
    expect(t.links!.agency_name!(t.rows[0]!)).toBe('/agencies/shunqing/#shunqing-2020');
    expect(t.rows.find((r) => r.agency_id === 'yingzhou')).toMatchObject({ rank: null, received_new: null });
  });

  it('data quality lists every rule with its reports', () => {
    const rows = dataQuality(all).rows;
    expect(rows.find((r) => r.rule === 'narrative.injected_spam')).toMatchObject({ reports: 1, findings: 1 });
    expect(rows.find((r) => r.rule === 'report.late')).toMatchObject({ reports: 0 });
    expect(rows.find((r) => r.rule === 'parse_status.failed')).toMatchObject({ reports: 1 });
  });

  it('every table is written by the contract CSV writer and reads back', () => {
    for (const t of aggregatedTables(ALL.map(summarize))) {
      const csv = toCsv(t, t.rows);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const back = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
      expect(back).toHaveLength(t.rows.length);
      expect(Object.keys(back[0] ?? {})).toEqual(t.rows.length ? t.columns.map((c) => c.name) : []);
    }
    const byProvince = parse(toCsv(applicationsBy(all, 'province'), applicationsBy(all, 'province').rows), { columns: true, bom: true }) as Record<string, string>[];
    expect(byProvince.find((r) => r.province === '四川省')!.received_new).toBe('35');
    expect(byProvince.find((r) => r.year === '')!.received_new).toBe('');
  });
});

describe('overview', () => {
  it('counts coverage and headline figures', () => {
    const o = overview(ALL.map(summarize));
    expect(o).toMatchObject({ reports: 5, parsed: 4, complete: 4, agencies: 4, years: [2020, 2021], received_new: 35, reconsiderations: 0, adds_up: 3, checkable: 3, adds_up_share: 1 });
    expect(o.provinces).toEqual(['河南省', '湖北省', '宁夏回族自治区', '四川省']);
    expect(o.disclosure_rate).toBe(0.4286);
    expect(overview([summarize(SHUNQING_2020)]).templates).toEqual([{ code: '2019', reports: 1 }]);
  });
});

describe('data quality links', () => {
  it('links each rule to its meaning on the method page', () => {
    const t = dataQuality(all);
    expect(t.links!.rule!(t.rows.find((r) => r.rule === 'review.total')!)).toBe('/method/#rule-review.total');
    expect(t.links!.rule!(t.rows.find((r) => r.rule === 'parse_status.ok')!)).toBeNull();
  });
});
