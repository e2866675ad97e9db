/** SearchSession over a stand-in for Pagefind's browser API that serves the real corpus records. */
import { describe, expect, it } from 'vitest';
import type { SearchIndex } from '../../../src/search/bundle.ts';
import { MAX_CANDIDATES, PAGE_SIZE, runSearch, SearchSession, type PagefindData } from '../../../src/search/engine.ts';
import { buildSearchRecords, type SearchRecord } from '../../../src/search/records.ts';
import { corpusFiles, corpusReport } from './corpus.ts';

const records = buildSearchRecords(corpusFiles().map(corpusReport)).records;

type Fake = Omit<SearchIndex, 'merged'> & { merged: string[]; queries: string[]; reads: number; searchedShards: string[] };

/**
 * Like Pagefind on Chinese, over shards named by each record's `shard` filter
 * (s00 when it has none): any record sharing a character with any query piece
 * is a candidate. Counts fragments read and the shards each search covered.
 */
function fakeIndex(pool: SearchRecord[], answers: (query: string) => boolean = () => true): Fake {
  const shardOf = (r: SearchRecord) => (r.filters as Record<string, string[]>).shard?.[0] ?? 's00';
  const shards = [...new Set(pool.map(shardOf))].sort();
  const fake: Fake = {
    queries: [],
    reads: 0,
    searchedShards: [],
    shards,
    merged: shards.slice(0, 1),
    mergeNext: async () => {
      const next = shards.slice(fake.merged.length, fake.merged.length * 2);
      fake.merged = [...fake.merged, ...next];
      return next;
    },
    search: async (query, filters, only) => {
      fake.queries.push(query);
      const within = only ?? fake.merged;
      fake.searchedShards.push(...within);
      if (!answers(query)) return [];
      const chars = [...query.replace(/\s/g, '')];
      const hits = pool.filter(
        (r) =>
          within.includes(shardOf(r)) &&
          chars.some((c) => r.content.includes(c)) &&
          Object.entries(filters).every(([k, v]) => (r.filters as Record<string, string[]>)[k]?.[0] === v[0]),
      );
      const data = async (r: SearchRecord): Promise<PagefindData> => {
        fake.reads++;
        return { url: r.url, content: r.content, meta: r.meta, filters: r.filters as Record<string, string[]> };
      };
      return hits.map((r, i) => ({ id: String(i), score: 1, data: () => data(r) }));
    },
  };
  return fake;
}

/** n copies of a record as different reports, in the given shard. */
function copies(record: SearchRecord, n: number, shard = 's00', from = 0): SearchRecord[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { ...record, url: `/agencies/x/#r${i}`, meta: { ...record.meta, report: `r${i}` }, filters: { ...record.filters, shard: [shard] } };
  });
}

const shunqing = records.find((r) => r.meta.title.startsWith('南充市顺庆区'))!;

describe('SearchSession', () => {
  it('keeps only the parts that contain the phrase: 政府网站建设 is in part 一 of 顺庆区 2020, linked to that part', async () => {
    const outcome = await runSearch(fakeIndex(records), { q: '政府网站建设', filters: {} });
    expect(outcome.candidates).toBeGreaterThan(5);
    expect(outcome.hits.map((h) => h.title)).toEqual(['南充市顺庆区人民政府办公室 2020年 · 一、总体情况']);
    expect(outcome.hits[0]!.url).toBe(`${shunqing.url.split('#')[0]}#${shunqing.meta.report}--general`);
    expect(outcome.hits[0]!.text).toContain('政府网站建设');
    expect(outcome.strategy).toBe('raw');
    expect(outcome.complete).toBe(true);
  });

  it('passes the filters to Pagefind', async () => {
    const outcome = await runSearch(fakeIndex(records), { q: '政务新媒体', filters: { year: '2021' } });
    expect(outcome.hits.length).toBeGreaterThan(0);
    for (const hit of outcome.hits) expect(records.find((r) => r.meta.report === hit.report)?.filters.year).toEqual(['2021']);
  });

  it('asks again with the segmented query when the raw one finds nothing', async () => {
    const api = fakeIndex(records, (query) => query.includes(' '));
    const outcome = await runSearch(api, { q: '疫情防控', filters: {} });
    expect(api.queries[0]).toBe('疫情防控');
    // Cut into words by Intl.Segmenter (how finely depends on the ICU data of the runtime).
    expect(api.queries[1]).toContain(' ');
    expect(api.queries[1]!.replace(/ /g, '')).toBe('疫情防控');
    expect(outcome.strategy).toBe('segmented');
    expect(new Set(outcome.hits.map((h) => h.title.split(' ')[0]))).toEqual(new Set(['南充市顺庆区人民政府办公室', '漳河新区', '平潭综合实验区']));
  });

  it('reads one page of candidates at a time: a fragment per report shown, not per candidate', async () => {
    const api = fakeIndex(copies(shunqing, 45));
    const session = await SearchSession.start(api, { q: '疫情防控', filters: {} });
    expect(session.outcome).toMatchObject({ candidates: 45, checked: PAGE_SIZE, reports: PAGE_SIZE, complete: false });
    expect(api.reads).toBe(PAGE_SIZE);
    expect(await session.more()).toMatchObject({ checked: 2 * PAGE_SIZE, reports: 2 * PAGE_SIZE, complete: false });
    expect(await session.more()).toMatchObject({ checked: 45, reports: 45, complete: true });
    expect(api.reads).toBe(45);
  });

  it('finds nothing for the table label, and reads at most MAX_CANDIDATES candidates before it stops to ask', async () => {
    const api = fakeIndex(copies(records[0]!, MAX_CANDIDATES + 5));
    const session = await SearchSession.start(api, { q: '本年新收政府信息公开申请数量', filters: {} });
    expect(session.outcome).toMatchObject({ hits: [], candidates: MAX_CANDIDATES + 5, checked: MAX_CANDIDATES, complete: false });
    expect(await session.more()).toMatchObject({ hits: [], checked: MAX_CANDIDATES + 5, complete: true });
  });

  it('searches further shards only when the merged ones do not fill the page, merging groups that double', async () => {
    const pool = [...copies(shunqing, 25, 's00'), ...copies(shunqing, 5, 's01', 25), ...copies(shunqing, 5, 's02', 30), ...copies(shunqing, 5, 's03', 35)];
    const index = fakeIndex(pool);
    const session = await SearchSession.start(index, { q: '疫情防控', filters: {} });
    expect(index.searchedShards).toEqual(['s00']);
    expect(index.merged).toEqual(['s00']);
    expect(session.outcome).toMatchObject({ reports: PAGE_SIZE, complete: false });
    const second = await session.more();
    // s00's last 5 were not enough: s01 was merged (1 → 2), then s02 and s03 together (2 → 4).
    expect(index.searchedShards).toEqual(['s00', 's01', 's02', 's03']);
    expect(index.merged).toEqual(['s00', 's01', 's02', 's03']);
    expect(second).toMatchObject({ reports: 40, candidates: 40, checked: 40, complete: true });
    expect(new Set(second.hits.map((h) => h.report)).size).toBe(40);
  });
});
