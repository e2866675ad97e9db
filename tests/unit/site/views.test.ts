import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFinding } from '../../../src/pipeline/findings.ts';
import { agencyPath, groupAgencies, reportPath, sectionAnchor, unidentifiedReports } from '../../../src/site/agencies.ts';
import { outcomeChart, yearChart } from '../../../src/site/chart.ts';
import { permalink, reportCitation } from '../../../src/site/citation.ts';
import { reportFigures } from '../../../src/site/figures.ts';
import { datasetEntries, formatBytes, otherDownloads } from '../../../src/site/files.ts';
import { placeFindings } from '../../../src/site/findings.ts';
import { officialNumber, regionLabel } from '../../../src/site/format.ts';
import { listReportIds, loadFileList, loadReport, loadSummaries } from '../../../src/site/load.ts';
import { summarize } from '../../../src/site/summary.ts';
import { ALL, SHUNQING_2020, YINGZHOU_2020 } from './fixtures.ts';

describe('agencies', () => {
  it('groups reports by agency and lists unidentified ones apart', () => {
    const agencies = groupAgencies(ALL.map(summarize));
    expect(agencies.map((a) => a.agency_id)).toEqual(['litong', 'shunqing', 'yingzhou', 'zhanghe']);
    expect(agencies[1]).toMatchObject({ name: '南充市顺庆区人民政府办公室', province: '四川省', county: '顺庆区', admin_level: 'county', years: [2020], report_ids: ['shunqing-2020'] });
    expect(unidentifiedReports(ALL.map(summarize)).map((r) => r.report_id)).toEqual(['unidentified-000000000000']);
  });
  it('builds the paths and anchors the search index links to', () => {
    expect(agencyPath('shunqing')).toBe('/agencies/shunqing/');
    expect(reportPath(SHUNQING_2020)).toBe('/agencies/shunqing/#shunqing-2020');
    expect(reportPath({ agency_id: null, report_id: 'unidentified-1' })).toBe('/reports/unidentified/#unidentified-1');
    expect(sectionAnchor('shunqing-2020', 'general')).toBe('shunqing-2020--general');
  });
});

describe('findings placement', () => {
  it('puts section findings with their part, table findings with their cell, the rest on the report', () => {
    const cell = makeFinding('applications.row_total', { table: 'applications', row: 'received_new', column: 'total' });
    const file = makeFinding('metadata.missing', { location: 'metadata/published_date' });
    const p = placeFindings('r', [...YINGZHOU_2020.findings, cell, file]);
    expect(p.sections.general!.map((f) => [f.n, f.finding.rule, f.id])).toEqual([[1, 'narrative.injected_spam', 'r--finding-1']]);
    expect(p.tables.applications.map((f) => f.n)).toEqual([2]);
    expect(p.cells.get('applications/received_new/total')!.map((f) => f.n)).toEqual([2]);
    expect(p.report.map((f) => [f.n, f.ruleZh])).toEqual([[3, '无法确定元数据字段']]);
  });
});

describe('charts', () => {
  it('draws the known outcome groups of 顺庆区 2020 scaled to the largest', () => {
    const c = outcomeChart(reportFigures(SHUNQING_2020), 360, 84, 48);
    expect(c.bars.map((b) => [b.label, b.value])).toEqual([['予以公开', 15], ['部分公开', 0], ['不予公开', 15], ['无法提供', 5], ['不予处理', 0], ['其他处理', 0]]);
    expect(c.bars[0]!.width).toBe(228);
    expect(c.bars[3]!.width).toBe(76);
    expect(c.unknown).toEqual([]);
  });
  it('lists unknown years instead of drawing them as 0', () => {
    const c = yearChart([{ year: 2019, value: 10 }, { year: 2020, value: null }, { year: 2021, value: 5 }]);
    expect(c.bars.map((b) => b.label)).toEqual(['2019', '2021']);
    expect(c.bars[1]!.height).toBe(c.bars[0]!.height / 2);
    expect(c.unknown).toEqual(['2020']);
  });
});

describe('format and citation', () => {
  it('formats template numbering and regions', () => {
    expect(officialNumber('三(三)1')).toBe('三（三）1');
    expect(regionLabel({ province: '四川省', city: '南充市', county: null })).toBe('四川省 › 南充市');
  });
  it('cites a report with its permalink', () => {
    expect(permalink(SHUNQING_2020)).toBe('https://nianbao.example.org/agencies/shunqing/#shunqing-2020');
    expect(reportCitation(SHUNQING_2020)).toContain('南充市顺庆区人民政府办公室：《2020年政府信息公开工作年度报告》');
  });
});

describe('load', () => {
  it('lists and loads prepared reports, and summaries carry figures instead of text and cells', () => {
    const dir = mkdtempSync(join(tmpdir(), 'site-load-'));
    mkdirSync(join(dir, 'reports'));
    for (const r of ALL) writeFileSync(join(dir, 'reports', `${r.report_id}.json`), JSON.stringify(r));
    expect(listReportIds(dir)).toEqual(['litong-2020', 'shunqing-2020', 'unidentified-000000000000', 'yingzhou-2020', 'zhanghe-2021']);
    expect(loadReport('shunqing-2020', dir).sections[0]!.text).toContain('区政府办');
    const summaries = loadSummaries(dir);
    expect(summaries).toHaveLength(5);
    expect(summaries[1]!.figures).toEqual(reportFigures(SHUNQING_2020));
    expect(Object.keys(summaries[1]!)).not.toContain('sections');
    expect(Object.keys(summaries[1]!)).not.toContain('tables');
  });
  it('reads files.json when there, else the files on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'site-files-'));
    writeFileSync(join(dir, 'reports.csv'), 'a\n');
    expect(loadFileList(dir)).toEqual([{ name: 'reports.csv', bytes: 2, rows: null, sha256: null }]);
    writeFileSync(join(dir, 'files.json'), JSON.stringify([{ name: 'reports.csv', title_zh: '报告清单', bytes: 1166, rows: 5, sha256: 'ab' }, { name: 'README.md', title_zh: '说明', bytes: 9, rows: null, sha256: 'cd' }]));
    const files = loadFileList(dir);
    expect(datasetEntries(files).find((e) => e.dataset.file === 'reports.csv')!.file).toMatchObject({ bytes: 1166, rows: 5 });
    expect(otherDownloads(files).map((o) => [o.name, o.file !== null])).toEqual([['nianbao-data.zip', false], ['datapackage.json', false], ['README.md', true]]);
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});

describe('headingText', () => {
  it('drops the numbering of a part heading', async () => {
    const { headingText } = await import('../../../src/site/format.ts');
    expect(headingText('一、总体情况')).toBe('总体情况');
    expect(headingText('五. 存在的主要问题及改进情况')).toBe('存在的主要问题及改进情况');
    expect(headingText('其他需要报告的事项')).toBe('其他需要报告的事项');
  });
});

describe('pages render report content as text', () => {
  it('no page, layout or component uses set:html (report text could carry markup)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    const files = ['src/pages', 'src/layouts', 'src/components'].flatMap(walk).filter((f) => f.endsWith('.astro'));
    // The search page and Search*.astro components belong to the search work (Pagefind excerpts are its own markup).
    const mine = files.filter((f) => !/(?:^|\/)(?:search|Search[^/]*)\.astro$/.test(f));
    expect(mine.length).toBeGreaterThan(10);
    // The aggregated tables' body rows come as one string from agg-html.ts, which escapes every value (tested below).
    const escapedRows = ['src/components/AggTableView.astro'];
    expect(mine.filter((f) => !escapedRows.includes(f) && readFileSync(f, 'utf8').includes('set:html'))).toEqual([]);
  });
});

describe('aggRowsHtml', () => {
  it('writes the rows as the component did, every value escaped', async () => {
    const { aggRowsHtml } = await import('../../../src/site/agg-html.ts');
    const { col } = await import('../../../src/site/aggregate.ts');
    const table = {
      slug: 't', name: 't', file: 't.csv', zh: 't', en: 't', rowIs: 'row', primaryKey: ['name'], description: '', notes: [],
      columns: [col('name', 'string', '名称', 'Name'), col('n', 'integer', '数', 'N'), col('rate', 'number', '率', 'Rate', true), col('ok', 'boolean', '是否', 'OK')],
      rows: [],
      links: { name: (row: Record<string, unknown>) => (row.n === null ? null : `/a/?x=1&y="2"`) },
    };
    const rows = [
      { name: `<b>'A'&"B"</b>`, n: 1234, rate: 0.5, ok: 'true' },
      { name: null, n: null, rate: null, ok: null },
    ];
    expect(aggRowsHtml(table, rows)).toBe(
      '<tr><td data-sort="<b>\'A\'&amp;&quot;B&quot;</b>"><a href="/a/?x=1&amp;y=&quot;2&quot;">&lt;b&gt;&#39;A&#39;&amp;&quot;B&quot;&lt;/b&gt;</a></td>' +
        '<td class="num" data-sort="1234">1,234</td><td class="num" data-sort="0.5">50.0%</td><td data-sort="true">是</td></tr>' +
        '<tr><td class="empty" data-sort>—</td><td class="num empty" data-sort>—</td><td class="num empty" data-sort>—</td><td class="empty" data-sort>—</td></tr>',
    );
  });
});
