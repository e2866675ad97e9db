/** runSearch over a stand-in for Pagefind's browser API that serves the real corpus records. */
import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, runSearch, type PagefindApi, type PagefindData } from '../../../src/search/engine.ts';
import { buildSearchRecords, type SearchRecord } from '../../../src/search/records.ts';
import { corpusFiles, corpusReport } from './corpus.ts';

const records = buildSearchRecords(corpusFiles().map(corpusReport)).records;

/** Like Pagefind on Chinese: any record sharing a character with any query piece is a candidate. */
function fakePagefind(pool: SearchRecord[], answers: (query: string) => boolean = () => true): PagefindApi & { queries: string[] } {
  const queries: string[] = [];
  const data = (r: SearchRecord): PagefindData => ({ url: r.url, content: r.content, excerpt: '', meta: r.meta, filters: r.filters as Record<string, string[]> });
  return {
    queries,
    init: async () => undefined,
    filters: async () => ({}),
    search: async (query, options) => {
      queries.push(query ?? '');
      if (!query || !answers(query)) return { results: [] };
      const chars = [...query.replace(/\s/g, '')];
      const wanted = options?.filters ?? {};
      const hits = pool.filter(
        (r) => chars.some((c) => r.content.includes(c)) && Object.entries(wanted).every(([k, v]) => (r.filters as Record<string, string[]>)[k]?.[0] === v[0]),
      );
      return { results: hits.map((r, i) => ({ id: String(i), score: 1, data: async () => data(r) })) };
    },
  };
}

describe('runSearch', () => {
  it('keeps only the parts that contain the phrase: 政府网站建设 is in one part of 顺庆区 2020', async () => {
    const api = fakePagefind(records);
    const outcome = await runSearch(api, { q: '政府网站建设', filters: {} });
    expect(outcome.candidates).toBeGreaterThan(20);
    expect(outcome.hits.map((h) => h.meta.title)).toEqual(['南充市顺庆区人民政府办公室 2020年 · 一、总体情况']);
    expect(outcome.strategy).toBe('raw');
  });

  it('passes the filters to Pagefind', async () => {
    const outcome = await runSearch(fakePagefind(records), { q: '政务新媒体', filters: { year: '2021' } });
    expect(outcome.hits.length).toBeGreaterThan(0);
    for (const hit of outcome.hits) expect(hit.meta.year).toBe('2021');
  });

  it('asks again with the segmented query when the raw one finds nothing', async () => {
    const api = fakePagefind(records, (query) => query.includes(' '));
    const outcome = await runSearch(api, { q: '疫情防控', filters: {} });
    expect(api.queries[0]).toBe('疫情防控');
    // Cut into words by Intl.Segmenter (how finely depends on the ICU data of the runtime).
    expect(api.queries[1]).toContain(' ');
    expect(api.queries[1]!.replace(/ /g, '')).toBe('疫情防控');
    expect(outcome.strategy).toBe('segmented');
    expect(new Set(outcome.hits.map((h) => h.meta.agency))).toEqual(new Set(['南充市顺庆区人民政府办公室', '漳河新区', '平潭综合实验区']));
  });

  it('finds nothing for the table label, and reads at most MAX_CANDIDATES candidates', async () => {
    const many = Array.from({ length: MAX_CANDIDATES + 5 }, (_, i) => ({ ...records[0]!, url: `/x/${i}` }));
    const outcome = await runSearch(fakePagefind(many), { q: '本年新收政府信息公开申请数量', filters: {} });
    expect(outcome.hits).toEqual([]);
    expect(outcome.candidates).toBe(MAX_CANDIDATES + 5);
    expect(outcome.truncated).toBe(true);
  });
});
