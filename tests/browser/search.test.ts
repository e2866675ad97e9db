/**
 * Search in a real browser (Debian chromium) over the built site (dist/, after
 * `npm run build`), served locally: the real Pagefind index, the real page.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/schema/types.ts';
import { splitParts } from '../../src/search/parts.ts';
import { containsAllTerms } from '../../src/search/query.ts';
import { buildSearchRecords } from '../../src/search/records.ts';
import { launchChromium } from '../support/browser.ts';
import { serveDist, type StaticServer } from '../support/server.ts';

/**
 * Bytes the browser may download from /pagefind/ for one query after the page
 * has loaded: on this corpus Pagefind's word index is two chunks (~64 kB) and
 * the three matching reports' fragments ~12 kB. Reading every report's
 * fragment (~40 kB more), or the filter index, would break it.
 */
const QUERY_BYTES_BOUND = 90_000;

const SITE = resolve(process.env.NIANBAO_SITE_DIR ?? 'dist');
let server: StaticServer;
let browser: Browser;
let reports: ReportRecord[];

function reportFrom(sourcePrefix: string): ReportRecord {
  const found = reports.find((r) => r.source_file.startsWith(sourcePrefix));
  if (!found) throw new Error(`no report from ${sourcePrefix}*`);
  return found;
}

/** The report of a result link: its anchor is `#<report_id>--<section_code>`. */
function reportOf(href: string): string {
  return decodeURIComponent(href.split('#')[1] ?? '').replace(/--[a-z_]+$/u, '');
}

async function done(page: Page): Promise<void> {
  await page.waitForSelector('#search-status[data-state="done"]');
}

async function resultHrefs(page: Page): Promise<string[]> {
  return page.locator('#search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

async function searchPage(query: string): Promise<{ page: Page; hrefs: string[]; reports: string[]; status: string }> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/?${query}`);
  await done(page);
  const hrefs = await resultHrefs(page);
  return { page, hrefs, reports: [...new Set(hrefs.map(reportOf))], status: (await page.locator('#search-status').textContent()) ?? '' };
}

beforeAll(async () => {
  const dir = join(SITE, 'data', 'reports');
  reports = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ReportRecord);
  server = await serveDist(SITE);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('search page over the real index', () => {
  it('疫情防控 finds the 顺庆区 and 漳河新区 reports, with the phrase marked in each excerpt', async () => {
    const shunqing = reportFrom('000_');
    const zhanghe = reportFrom('004_');
    expect(shunqing.metadata.agency_name).toContain('顺庆区');
    expect(zhanghe.metadata.agency_name).toContain('漳河新区');
    const { page, reports: found, status } = await searchPage('q=疫情防控');
    expect(found).toContain(shunqing.report_id);
    expect(found).toContain(zhanghe.report_id);
    expect(status).toContain(`${found.length} 份报告包含“疫情防控”`);
    const marks = await page.locator('#search-results mark').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(found.length);
    for (const mark of marks) expect(mark.replace(/\s/g, '')).toBe('疫情防控');
    // Excerpts are built from text nodes: the only element inside one is <mark>.
    const tags = await page.locator('#search-results .search-excerpt *').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]);
    expect(tags).toEqual(['MARK']);
    await page.close();
  });

  it('a phrase that exists only as a table label finds nothing', async () => {
    const { page, hrefs, status } = await searchPage(`q=${encodeURIComponent('本年新收政府信息公开申请数量')}`);
    expect(hrefs).toEqual([]);
    expect(status).toContain('没有报告包含');
    await page.close();
  });

  it('filtering by year 2021 narrows to 2021 reports, and the filter lives in the URL', async () => {
    const yearOf = (id: string) => reports.find((r) => r.report_id === id)?.metadata.year;
    const all = await searchPage('q=政务新媒体');
    expect(all.reports.map(yearOf).some((y) => y !== 2021)).toBe(true);
    // Choose the year in the form, as a user would: the URL follows.
    await all.page.selectOption('#search-year', '2021');
    await all.page.waitForFunction(() => location.search.includes('year=2021') && document.querySelector('#search-status')?.getAttribute('data-state') === 'done');
    const narrowed = [...new Set((await resultHrefs(all.page)).map(reportOf))];
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(all.reports.length);
    for (const id of narrowed) expect(yearOf(id)).toBe(2021);
    expect(new URL(all.page.url()).searchParams.get('q')).toBe('政务新媒体');
    await all.page.close();
  });

  it('opening a result lands on its part of the agency page', async () => {
    const { page, hrefs } = await searchPage('q=疫情防控');
    const href = hrefs[0]!;
    await page.locator('#search-results a').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash !== '' && url.pathname.startsWith('/agencies/'));
    const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(hash).toBe(decodeURIComponent(href.split('#')[1]!));
    const part = page.locator(`[id="${hash}"]`);
    await expect.poll(() => part.count()).toBe(1);
    expect(await part.evaluate((el) => el.tagName)).toBe('SECTION');
    expect(await part.isVisible()).toBe(true);
    expect(await part.textContent()).toContain('疫情防控');
    await page.close();
  });

  it('reloading a URL with ?q= restores the query, the filters and the results', async () => {
    const { page, hrefs } = await searchPage('q=政策解读&year=2020');
    expect(hrefs.length).toBeGreaterThan(0);
    await page.reload();
    await done(page);
    expect(await resultHrefs(page)).toEqual(hrefs);
    expect(await page.inputValue('#search-q')).toBe('政策解读');
    expect(await page.inputValue('#search-year')).toBe('2020');
    await page.close();
  });

  it('works from the keyboard: type, Enter, results as links, the query in the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/`);
    await done(page);
    await page.focus('#search-q');
    await page.keyboard.type('依申请公开');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.search.includes('q=') && document.querySelector('#search-status')?.getAttribute('data-state') === 'done');
    expect(new URL(page.url()).searchParams.get('q')).toBe('依申请公开');
    expect(await page.locator('#search-results li a[href^="/agencies/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('label[for="search-q"]').count()).toBe(1);
    await page.close();
  });

  it('without JavaScript the form is there and says search needs JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/search/?q=疫情防控`);
    expect(await page.locator('#search-js-note').isVisible()).toBe(true);
    expect(await page.locator('#search-js-note').textContent()).toContain('搜索需要启用 JavaScript');
    expect(await page.getAttribute('#search-form', 'method')).toBe('get');
    await context.close();
  });

  it('has no axe-core violations, with results shown', async () => {
    const { page } = await searchPage('q=疫情防控&year=2020');
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      return (await axe.run()).violations.map((v) => `${v.id} ×${v.nodes.length}`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('downloads little for one query (printed), below the bound', async () => {
    const page = await browser.newPage();
    const sizes: { url: string; bytes: number; afterLoad: boolean }[] = [];
    let afterLoad = false;
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      if (!response.url().includes('/pagefind/')) return;
      const phase = afterLoad;
      pending.push(response.body().then((body) => void sizes.push({ url: response.url(), bytes: body.length, afterLoad: phase }), () => undefined));
    });
    await page.goto(`${server.url}/search/`);
    await done(page);
    await page.waitForLoadState('networkidle');
    afterLoad = true;
    await page.fill('#search-q', '疫情防控');
    await page.press('#search-q', 'Enter');
    await page.waitForFunction(() => location.search.includes('q=') && document.querySelector('#search-status')?.getAttribute('data-state') === 'done');
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const sum = (after: boolean) => sizes.filter((s) => s.afterLoad === after).reduce((n, s) => n + s.bytes, 0);
    // Lazy loading: no filter index without a filter, no worker script, and one fragment per candidate report read.
    expect(sizes.filter((s) => s.url.includes('/filter/') || s.url.includes('pagefind-worker'))).toEqual([]);
    const fragments = sizes.filter((s) => s.url.includes('/fragment/')).length;
    expect(fragments).toBeGreaterThanOrEqual(Number(await page.getAttribute('#search-status', 'data-reports')));
    expect(fragments).toBeLessThan(reports.length);
    const query = sum(true);
    console.log(
      `search bytes: page load ${sum(false)} B from /pagefind/ (${sizes.filter((s) => !s.afterLoad).length} files); ` +
        `one query (疫情防控) ${query} B (${sizes.filter((s) => s.afterLoad).length} files)`,
    );
    expect(query).toBeGreaterThan(0);
    expect(query).toBeLessThan(QUERY_BYTES_BOUND);
    await page.close();
  });
});

/** A copy of the site whose search index build-search.ts builds from `data` (the pages are the site's own). */
function siteWithIndex(data: string, ...args: string[]): string {
  const work = mkdtempSync(join(tmpdir(), 'nianbao-search-site-'));
  for (const name of readdirSync(SITE)) if (name !== 'pagefind') symlinkSync(join(SITE, name), join(work, name));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-search.ts', '--data', data, '--out', join(work, 'pagefind'), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`build-search: ${run.stderr}`);
  return work;
}

describe('search page over the index cut into shards', () => {
  let sharded: StaticServer;
  let work: string;

  beforeAll(async () => {
    // The same site with its index rebuilt as shards of ~3 reports (4 buckets for 10 reports).
    work = siteWithIndex(join(SITE, 'data', 'reports'), '--reports-per-shard', '3');
    sharded = await serveDist(work);
  }, 120_000);

  afterAll(async () => {
    await sharded?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('finds the same parts as the single bundle, merging the other shards when the first does not fill the page', async () => {
    const shards = (JSON.parse(readFileSync(join(work, 'pagefind', 'search.json'), 'utf8')) as { shards: string[] }).shards;
    expect(shards.length).toBeGreaterThan(1);
    const single = await searchPage('q=政务公开');
    const page = await browser.newPage();
    const loaded = new Set<string>();
    page.on('request', (request) => {
      // The shard folder of each Pagefind file the page asks for: /pagefind/<shard>/….
      const shard = /\/pagefind\/(s\d+)\//u.exec(request.url())?.[1];
      if (shard) loaded.add(shard);
    });
    await page.goto(`${sharded.url}/search/?q=${encodeURIComponent('政务公开')}`);
    await done(page);
    expect(await resultHrefs(page)).toEqual(expect.arrayContaining(single.hrefs));
    expect((await resultHrefs(page)).length).toBe(single.hrefs.length);
    expect(await page.locator('#search-status').textContent()).toBe(single.status);
    expect([...loaded].sort()).toEqual(shards);
    expect(await page.locator('#search-more').isHidden()).toBe(true);
    await single.page.close();
    await page.close();
  });

  it('filters across shards: year 2021 gives only 2021 reports', async () => {
    const page = await browser.newPage();
    await page.goto(`${sharded.url}/search/?q=${encodeURIComponent('政务新媒体')}&year=2021`);
    await done(page);
    const found = [...new Set((await resultHrefs(page)).map(reportOf))];
    expect(found.length).toBeGreaterThan(0);
    for (const id of found) expect(reports.find((r) => r.report_id === id)?.metadata.year).toBe(2021);
    await page.close();
  });
});

describe('search page when a query matches more reports than one page shows', () => {
  let server3: StaticServer;
  let work: string;
  let data: string;

  beforeAll(async () => {
    // Each report three times, as three agencies: 依申请公开 is then in 27 reports, more than a page of 20.
    data = mkdtempSync(join(tmpdir(), 'nianbao-search-data-'));
    mkdirSync(join(data, 'reports'));
    for (const r of reports) {
      for (const k of [1, 2, 3]) {
        const copy = { ...r, report_id: `${r.report_id}-c${k}`, agency_id: r.agency_id && `${r.agency_id}-c${k}` };
        writeFileSync(join(data, 'reports', `${copy.report_id}.json`), JSON.stringify(copy));
      }
    }
    work = siteWithIndex(join(data, 'reports'));
    server3 = await serveDist(work);
  }, 120_000);

  afterAll(async () => {
    await server3?.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('shows 20 reports, reads only their fragments, and 显示更多 lists the rest', async () => {
    // Reports with a part whose indexed text holds the phrase (as docs/search-quality.md counts them), three times over.
    const expected = buildSearchRecords(reports).records.filter((r) => splitParts(r.content, r.meta.parts)!.some((p) => containsAllTerms(p.text, ['依申请公开']))).length * 3;
    expect(expected).toBeGreaterThan(20);
    const page = await browser.newPage();
    let fragments = 0;
    page.on('request', (request) => void (request.url().includes('/fragment/') && fragments++));
    await page.goto(`${server3.url}/search/?q=${encodeURIComponent('依申请公开')}`);
    await done(page);
    const first = [...new Set((await resultHrefs(page)).map(reportOf))];
    expect(first).toHaveLength(20);
    expect(fragments).toBeLessThan(expected);
    expect(await page.locator('#search-status').textContent()).toContain('已列出 20 份报告包含“依申请公开”');
    await page.click('#search-more');
    await page.waitForFunction(() => document.querySelector('#search-more')?.hasAttribute('hidden') && document.querySelector('#search-status')?.getAttribute('data-state') === 'done');
    const all = [...new Set((await resultHrefs(page)).map(reportOf))];
    expect(all.slice(0, 20)).toEqual(first);
    expect(all).toHaveLength(expected);
    expect(await page.locator('#search-status').textContent()).toContain(`${all.length} 份报告包含“依申请公开”`);
    await page.close();
  });
});
