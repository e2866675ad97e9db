/** The built site in real chromium: agency pages, table statuses, findings, sorting, screenshots, accessibility. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { serveDist, type StaticServer } from '../support/server.ts';
import { DIST, htmlFiles, pagePath } from '../site/dist.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serveDist(DIST);
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the agency page whose name contains `name`, found through the agencies index like a user would. */
async function openAgency(name: string): Promise<void> {
  await page.goto(`${server.url}/agencies/`);
  const link = page.locator('a[href^="/agencies/"]', { hasText: name }).first();
  expect(await link.count(), `agency link containing ${name}`).toBe(1);
  await link.click();
  await page.waitForLoadState('load');
  expect(await page.locator('h1').textContent()).toContain(name);
}

describe('agency pages', () => {
  it('南充市顺庆区人民政府办公室 shows 35 in the 总计 cell of 本年新收', async () => {
    await openAgency('南充市顺庆区人民政府办公室');
    const row = page.locator('table.template-table tr', { has: page.locator('th', { hasText: '本年新收政府信息公开申请数量' }) }).first();
    const total = row.locator('td[data-col="total"]');
    expect((await total.locator('.num').textContent())?.trim()).toBe('35');
    // The column really is 总计: the last header of the applicant columns.
    expect(await page.locator('table.template-table thead th', { hasText: '总计' }).first().isVisible()).toBe(true);
  });

  it('吴忠市利通区 shows table 四 as missing or empty', async () => {
    await openAgency('利通区');
    const table4 = page.locator('[data-table="review_litigation"]').first();
    expect(['missing', 'empty']).toContain(await table4.getAttribute('data-table-status'));
    const notice = table4.locator('.notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toMatch(/表四.*(缺失|空表)/);
  });

  it('瀛洲街道 shows the injected spam finding', async () => {
    await openAgency('瀛洲街道');
    const finding = page.locator('[data-rule="narrative.injected_spam"]').first();
    expect(await finding.isVisible()).toBe(true);
    expect(await finding.textContent()).toContain('narrative.injected_spam');
  });

  it('saves screenshots of an agency page at phone and desktop widths', async () => {
    for (const width of [390, 1280]) {
      const p = await browser.newPage({ viewport: { width, height: 900 } });
      await p.goto(`${server.url}/agencies/`);
      await p.locator('a[href^="/agencies/"]', { hasText: '顺庆区' }).first().click();
      await p.waitForLoadState('load');
      // No horizontal scrolling of the page itself: wide tables scroll inside their own region.
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `page overflow at ${width}px`).toBeLessThanOrEqual(0);
      await p.screenshot({ path: `${ARTIFACTS}/agency-${width}.png`, fullPage: true });
      await p.close();
    }
  });
});

describe('aggregated tables', () => {
  it('the applications table sorts by clicking a header', async () => {
    await page.goto(`${server.url}/tables/applications-by-province/`);
    const table = page.locator('table[data-sortable]');
    const years = async () => (await table.locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim());
    const before = await years();
    expect(before.length).toBeGreaterThan(1);
    const header = table.locator('thead th').first();
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await years();
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const descending = await years();
    const known = (xs: string[]) => xs.filter((x) => x !== '—');
    expect(known(descending)).toEqual([...known(ascending)].reverse());
    expect(known(descending)[0]! > known(descending).at(-1)!).toBe(true);
  });
});

/** Pages axe checks: every page but the search page (the search work tests its own); agency pages share one
 * template, so at most MAX_AGENCY_PAGES of them keep the run bounded on a national corpus. */
function axePaths(): string[] {
  const MAX_AGENCY_PAGES = 12;
  if (!existsSync(DIST)) return [];
  const all = htmlFiles().map(pagePath).filter((p) => !p.startsWith('/search/'));
  const agencyPages = all.filter((p) => /^\/agencies\/[^/]+\/$/.test(p));
  return [...all.filter((p) => !agencyPages.includes(p)), ...agencyPages.slice(0, MAX_AGENCY_PAGES)];
}
const AXE_PATHS = axePaths();

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  it('checks the fixed pages and agency pages', () => {
    expect(AXE_PATHS).toEqual(expect.arrayContaining(['/', '/agencies/', '/tables/', '/data/', '/method/']));
    expect(AXE_PATHS.some((p) => /^\/agencies\/[^/]+\/$/.test(p))).toBe(true);
  });

  it.each(AXE_PATHS)('%s has no serious or critical violations', async (path) => {
    await page.goto(`${server.url}${path}`);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      type AxeResult = { passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<AxeResult> } }).axe;
      const r = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
      return { passes: r.passes.length, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })) };
    });
    expect(result.passes, 'axe ran').toBeGreaterThan(10);
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} (${v.impact}) ${v.targets.join(', ')}`)).toEqual([]);
  });
});
