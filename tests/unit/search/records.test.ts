import { describe, expect, it } from 'vitest';
import { splitParts } from '../../../src/search/parts.ts';
import { buildSearchRecords, recordForReport, reportParts } from '../../../src/search/records.ts';
import { corpusFiles, corpusReport } from './corpus.ts';

describe('search records of real reports', () => {
  it('顺庆区 2020: one record, linked to the report on the agency page, its three parts cut back from the content', () => {
    const report = corpusReport('000_bbae7e2c4812eba4.txt');
    const record = recordForReport(report)!;
    const agency = report.agency_id!;
    expect(agency).toMatch(/^nanchongshishunqingqu/);
    expect(record.url).toBe(`/agencies/${agency}/#${report.report_id}`);
    expect(record.language).toBe('zh-cn');
    expect(record.meta.title).toBe('南充市顺庆区人民政府办公室 2020年');
    expect(record.meta.report).toBe(report.report_id);
    expect(record.meta.parts).toMatch(/^general:\d+ problems:\d+ other_matters:\d+$/);
    const parts = splitParts(record.content, record.meta.parts)!;
    expect(parts.map((p) => p.code)).toEqual(['general', 'problems', 'other_matters']);
    expect(parts[0]!.text).toContain('重点加强疫情防控、“六稳”、“六保”');
    expect(parts[1]!.text).toContain('进一步理顺政务新媒体管理机制');
    expect(parts[0]!.text).not.toContain('进一步理顺政务新媒体管理机制');
    expect(record.filters.year).toEqual(['2020']);
    expect(record.filters.province).toEqual(['四川省']);
    expect(record.filters.level).toEqual(['县级']);
    // The template comes from the table headers: 2019 once the tables stage reads them, never anything else.
    expect(record.filters.template ?? ['2019']).toEqual(['2019']);
  });

  it('16_hebei_kjt_2019: the sentences of parts 三 and 四 are parts; the empty part 二 and the missing part 六 are not', () => {
    const record = recordForReport(corpusReport('16_hebei_kjt_2019.txt'))!;
    const parts = splitParts(record.content, record.meta.parts)!;
    expect(parts.map((p) => p.code)).toEqual(['general', 'applications', 'review_litigation', 'problems']);
    expect(parts[1]!.text).toBe('2019年未收到政府信息公开申请。');
  });

  it('a table part whose prose is a lone sentence mark gives no part (Pagefind would store no page for it)', () => {
    const report = corpusReport('16_hebei_kjt_2019.txt');
    const sections = report.sections.map((s) => (s.code === 'applications' ? { ...s, text: '| 申请人情况 | 自然人 |\n| 0 | 0 |\n。' } : s));
    expect(reportParts({ ...report, sections }).map((p) => p.code)).toEqual(['general', 'review_litigation', 'problems']);
  });

  it('the whole corpus: 10 records, none holding table text, in report order, the same every time', () => {
    const reports = corpusFiles().map(corpusReport);
    const first = buildSearchRecords(reports);
    expect(first.records).toHaveLength(10);
    expect(first.skipped).toEqual([]);
    for (const r of first.records) {
      expect(r.content).not.toContain('本年新收政府信息公开申请数量');
      expect(r.content).not.toMatch(/[|\t]/);
      expect(splitParts(r.content, r.meta.parts)?.map((p) => p.text).join('\n')).toBe(r.content);
    }
    expect(first.records.reduce((n, r) => n + r.meta.parts.split(' ').length, 0)).toBe(29);
    const reportsInOrder = first.records.map((r) => r.meta.report);
    expect(reportsInOrder).toEqual([...reportsInOrder].sort());
    expect(JSON.stringify(buildSearchRecords([...reports].reverse()))).toBe(JSON.stringify(first));
  });

  it('a report without an agency has no page to link to and is skipped, with the reason', () => {
    const report = { ...corpusReport('004_e90c2bdef7009ef2.txt'), agency_id: null, report_id: 'unidentified-554ac4b4b850' };
    expect(buildSearchRecords([report])).toEqual({ records: [], skipped: [{ report_id: 'unidentified-554ac4b4b850', reason: 'no_agency' }] });
  });
});
