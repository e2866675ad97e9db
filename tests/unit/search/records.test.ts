import { describe, expect, it } from 'vitest';
import { buildSearchRecords, recordsForReport } from '../../../src/search/records.ts';
import { corpusFiles, corpusReport } from './corpus.ts';

describe('search records of real reports', () => {
  it('顺庆区 2020: one record per narrative part, anchored on the agency page, with its filters and title', () => {
    const report = corpusReport('000_bbae7e2c4812eba4.txt');
    const records = recordsForReport(report);
    const agency = report.agency_id!;
    expect(agency).toMatch(/^nanchongshishunqingqu/);
    expect(records.map((r) => r.url)).toEqual(
      ['general', 'problems', 'other_matters'].map((code) => `/agencies/${agency}/#${report.report_id}--${code}`),
    );
    const general = records[0]!;
    expect(general.language).toBe('zh-cn');
    expect(general.meta).toEqual({
      title: '南充市顺庆区人民政府办公室 2020年 · 一、总体情况',
      agency: '南充市顺庆区人民政府办公室',
      year: '2020',
      part: '一、总体情况',
      report: report.report_id,
    });
    expect(general.filters.year).toEqual(['2020']);
    expect(general.filters.province).toEqual(['四川省']);
    expect(general.filters.level).toEqual(['县级']);
    // The template comes from the table headers: 2019 once the tables stage reads them, never anything else.
    expect(general.filters.template ?? ['2019']).toEqual(['2019']);
    expect(general.content).toContain('重点加强疫情防控、“六稳”、“六保”');
    expect(records[1]!.content).toContain('进一步理顺政务新媒体管理机制');
  });

  it('16_hebei_kjt_2019: the sentences of parts 三 and 四 are records; the empty part 二 and the missing part 六 are not', () => {
    const report = corpusReport('16_hebei_kjt_2019.txt');
    const records = recordsForReport(report);
    expect(records.map((r) => r.url.split('--')[1])).toEqual(['general', 'applications', 'review_litigation', 'problems']);
    expect(records[1]!.content).toBe('2019年未收到政府信息公开申请。');
    expect(records[1]!.meta.title).toBe('河北省科学技术厅 2019年 · 三、收到和处理政府信息公开申请情况');
  });

  it('the whole corpus: 29 records, none holding table text, in report order, the same every time', () => {
    const reports = corpusFiles().map(corpusReport);
    const first = buildSearchRecords(reports);
    expect(first.records).toHaveLength(29);
    expect(first.skipped).toEqual([]);
    for (const r of first.records) {
      expect(r.content).not.toContain('本年新收政府信息公开申请数量');
      expect(r.content).not.toMatch(/[|\t]/);
    }
    const reportsInOrder = first.records.map((r) => r.meta.report);
    expect(reportsInOrder).toEqual([...reportsInOrder].sort());
    expect(JSON.stringify(buildSearchRecords([...reports].reverse()))).toBe(JSON.stringify(first));
  });

  it('a report without an agency has no page to link to and is skipped, with the reason', () => {
    const report = { ...corpusReport('004_e90c2bdef7009ef2.txt'), agency_id: null, report_id: 'unidentified-554ac4b4b850' };
    expect(buildSearchRecords([report])).toEqual({ records: [], skipped: [{ report_id: 'unidentified-554ac4b4b850', reason: 'no_agency' }] });
  });
});
