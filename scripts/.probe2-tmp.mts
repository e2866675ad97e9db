import { readFileSync, readdirSync } from 'node:fs';
import { serveDist } from '../tests/support/server.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { buildSearchRecords } from '../src/search/records.ts';
import { queryTerms, containsAllTerms, intlSegmenter, segmentedQuery } from '../src/search/query.ts';
const dir = '/tmp/search-dev/site/data/reports';
const reports = readdirSync(dir).map((f) => JSON.parse(readFileSync(dir + '/' + f, 'utf8')));
const { records } = buildSearchRecords(reports);
const server = await serveDist('/tmp/search-dev/site');
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(server.url + '/search/');
const qs = process.argv.slice(2);
const seg = await page.evaluate((qs) => { const s = new Intl.Segmenter('zh', { granularity: 'word' }); return qs.map((q) => [...s.segment(q)].filter((x) => x.isWordLike).map((x) => x.segment).join(' ')); }, qs);
for (const [i, q] of qs.entries()) {
  const terms = queryTerms(q);
  const expected = new Set(records.filter((r) => containsAllTerms(r.content, terms)).map((r) => r.url));
  const run = async (query: string) => page.evaluate(async ({ q, b }) => { const api: any = await import(b); await api.init(); const s = await api.search(q); return Promise.all(s.results.map(async (r: any) => (await r.data()).url)); }, { q: query, b: '/pagefind/pagefind.js' });
  const raw: string[] = await run(terms.join(' '));
  const sg: string[] = await run(seg[i]!);
  const miss = (got: string[]) => [...expected].filter((u) => !got.includes(u)).length;
  console.log(q, '| expected parts', expected.size, '| raw', raw.length, 'missed', miss(raw), '| chrome-seg', JSON.stringify(seg[i]), sg.length, 'missed', miss(sg));
}
await browser.close(); await server.close();
