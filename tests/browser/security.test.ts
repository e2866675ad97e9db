/**
 * XSS (issue 8 §4) on a real build of content/ plus tests/fixtures/hostile/:
 * data → astro build → Pagefind, into a temporary folder. Report text with
 * <script>, event handlers, javascript: links, raw HTML, Markdown links and
 * JSX-looking syntax must reach the pages, the Markdown and the search
 * excerpts only as inert text, and no script of a report may run in chromium.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/schema/types.ts';
import { launchChromium } from '../support/browser.ts';
import { serveDist, type StaticServer } from '../support/server.ts';

const HOSTILE = 'tests/fixtures/hostile';
const work = mkdtempSync(join(tmpdir(), 'nianbao-security-'));
const content = join(work, 'content');
const data = join(work, 'data');
const dist = join(work, 'dist');

/** Raw markup of the fixtures: any of these in a built page would be live HTML. */
const LIVE_MARKUP = [
  '<script>window.__xss', '<img src=x onerror', 'href="javascript:', "href='javascript:", '<div onclick', '<iframe src="javascript',
  '<style>body{display:none}', '<b{alert', '<math><mtext>', 'onerror="window.__xss',
];

let server: StaticServer;
let browser: Browser;
let records: ReportRecord[];

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync(cmd, args, { stdio: 'pipe', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
}

beforeAll(() => {
  mkdirSync(content, { recursive: true });
  for (const f of readdirSync('content')) copyFileSync(join('content', f), join(content, f));
  for (const f of readdirSync(HOSTILE).filter((n) => n.endsWith('.txt'))) copyFileSync(join(HOSTILE, f), join(content, `hostile_${f}`));
  run('npx', ['tsx', 'scripts/data.ts', '--content', content, '--out', data]);
  run('npx', ['astro', 'build', '--outDir', dist], { NIANBAO_DATA_DIR: data });
  run('npx', ['tsx', 'scripts/build-search.ts', '--data', join(data, 'reports'), '--out', join(dist, 'pagefind')]);
  records = readdirSync(join(data, 'reports')).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(data, 'reports', f), 'utf8')) as ReportRecord);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

function hostileRecord(file: string): ReportRecord {
  const r = records.find((x) => x.source_file === `hostile_${file}`);
  if (!r) throw new Error(`no record for hostile_${file}`);
  return r;
}

describe('the data keeps hostile text verbatim, as data', () => {
  it('the per-report JSON holds the text exactly as the report printed it', () => {
    const narrative = hostileRecord('xss-narrative.txt').sections.find((s) => s.code === 'general')!.text;
    expect(narrative).toContain('<script>window.__xss=1;alert(1)</script>公开透明是原则。');
    expect(hostileRecord('xss-agency-name.txt').metadata.agency_name).toBe('<b{alert`x`}</b人民政府');
  });

  it('the normalized Markdown has no raw HTML node and no javascript: link from a report', () => {
    for (const file of ['xss-narrative.txt', 'xss-agency-name.txt']) {
      const md = readFileSync(join(data, 'markdown', `${hostileRecord(file).report_id}.md`), 'utf8');
      expect(md).toContain('window.__xss=1');
      const tree = unified().use(remarkParse).use(remarkGfm).parse(md);
      const html: string[] = [];
      const links: string[] = [];
      visit(tree, (node: { type: string; value?: string; url?: string }) => {
        if (node.type === 'html') html.push(node.value ?? '');
        if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url) links.push(node.url);
      });
      expect(html, file).toEqual([]);
      expect(links.filter((u) => /^\s*(javascript|data|vbscript):/i.test(u)), file).toEqual([]);
    }
  });
});

describe('the built pages', () => {
  it('carry the hostile text only escaped', () => {
    const pages = walk(dist, '.html');
    expect(pages.length).toBeGreaterThan(10);
    const offending = pages.flatMap((p) => LIVE_MARKUP.filter((m) => readFileSync(p, 'utf8').includes(m)).map((m) => `${relative(dist, p)}: ${m}`));
    expect(offending).toEqual([]);
    const all = pages.map((p) => readFileSync(p, 'utf8')).join('\n');
    // The text is there, inert: the report's words are shown, not executed.
    expect(all).toContain('&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;公开透明是原则。');
    expect(all).toMatch(/&lt;b\{alert`x`\}&lt;\/b人民政府/);
  });

  it('run no script of a report in chromium, on the report pages and the search page', async () => {
    server = await serveDist(dist);
    browser = await launchChromium();
    const pages = walk(dist, '.html').filter((p) => /__xss|alert`x`|HYPERLINK/.test(readFileSync(p, 'utf8')));
    expect(pages.length).toBeGreaterThan(0);
    const dialogs: string[] = [];
    const visit = async (url: string, after?: (page: Page) => Promise<void>) => {
      const page = await browser.newPage();
      page.on('dialog', (d) => {
        dialogs.push(`${url}: ${d.message()}`);
        void d.dismiss();
      });
      await page.goto(url, { waitUntil: 'load' });
      if (after) await after(page);
      await page.waitForTimeout(300);
      const flags = await page.evaluate(() => [(window as unknown as { __xss?: unknown }).__xss ?? null, (globalThis as unknown as { pwned?: unknown }).pwned ?? null]);
      expect(flags, url).toEqual([null, null]);
      await page.close();
    };
    for (const p of pages) await visit(`${server.url}/${relative(dist, p).replace(/index\.html$/, '')}`);
    let excerpts = '';
    await visit(`${server.url}/search/?q=${encodeURIComponent('公开透明是原则')}`, async (page) => {
      await page.waitForSelector('#search-status[data-state="done"]', { timeout: 60_000 });
      excerpts = await page.locator('#search-results').innerHTML();
    });
    expect(dialogs).toEqual([]);
    // The search found the hostile report, and its excerpt shows the markup as text.
    expect(excerpts).toContain('公开透明');
    for (const m of LIVE_MARKUP) expect(excerpts).not.toContain(m);
  });
});

describe('the fixtures exist', () => {
  it('three hostile reports', () => {
    expect(existsSync(join(HOSTILE, 'xss-narrative.txt'))).toBe(true);
    expect(readdirSync(HOSTILE).filter((n) => n.endsWith('.txt'))).toHaveLength(3);
  });
});
