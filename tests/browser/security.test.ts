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
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
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

/** Raw markup of the fixtures: any of these in search excerpts (HTML) would be live. */
const LIVE_MARKUP = ['<script>window.__xss', '<img src=x onerror', 'href="javascript:', '<div onclick', '<iframe src="javascript', '<style>body{display:none}', '<math><mtext>'];

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** What in a parsed page would be live markup from a report: report scripts, event handlers, script URLs, injected elements. */
function liveMarkup(tree: HastNode): string[] {
  const found: string[] = [];
  const walkTree = (n: HastNode) => {
    if (n.type === 'element') {
      const tag = n.tagName!;
      const text = toText(n as Parameters<typeof toText>[0]);
      if (tag === 'script' && /__xss|alert[(`]|pwned/.test(text)) found.push(`<script> with ${text.slice(0, 40)}`);
      if (tag === 'style' && text.includes('display:none')) found.push('<style> from a report');
      // The site itself uses none of these; from a report they would be live (mXSS through <math>, script URLs in frames).
      if (['iframe', 'math', 'mglyph', 'object', 'embed'].includes(tag)) found.push(`<${tag}>`);
      if (tag === 'img' && n.properties?.src === 'x') found.push('<img src=x>');
      if (tag === 'b' && text.includes('alert')) found.push('<b> from an agency name');
      for (const [k, v] of Object.entries(n.properties ?? {})) {
        if (/^on/i.test(k) && /alert|__xss/.test(String(v))) found.push(`${tag} ${k}=${String(v).slice(0, 30)}`);
        if (['href', 'src', 'action', 'formAction', 'xLinkHref'].includes(k) && /^\s*(javascript|vbscript|data):/i.test(String(v))) found.push(`${tag} ${k}=${String(v).slice(0, 30)}`);
      }
    }
    for (const c of n.children ?? []) walkTree(c);
  };
  walkTree(tree);
  return found;
}

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
      const tree = unified().use(remarkParse).use(remarkGfm).parse(md);
      const html: string[] = [];
      const links: string[] = [];
      let text = '';
      visit(tree, (node: { type: string; value?: string; url?: string }) => {
        if (node.type === 'text' || node.type === 'inlineCode') text += node.value ?? '';
        if (node.type === 'html') html.push(node.value ?? '');
        if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url) links.push(node.url);
      });
      expect(html, file).toEqual([]);
      if (file === 'xss-narrative.txt') expect(text).toContain('<script>window.__xss=1;alert(1)</script>公开透明是原则。');
      expect(links.filter((u) => /^\s*(javascript|data|vbscript):/i.test(u)), file).toEqual([]);
    }
  });
});

describe('the built pages', () => {
  it('carry the hostile text only as inert text', () => {
    const pages = walk(dist, '.html');
    expect(pages.length).toBeGreaterThan(10);
    const parser = unified().use(rehypeParse);
    let shown = '';
    const offending = pages.flatMap((p) => {
      const tree = parser.parse(readFileSync(p, 'utf8')) as unknown as HastNode;
      shown += toText(tree as Parameters<typeof toText>[0]);
      return liveMarkup(tree).map((m) => `${relative(dist, p)}: ${m}`);
    });
    expect(offending).toEqual([]);
    // The report's words are shown as text on the pages, not executed.
    expect(shown).toContain('<script>window.__xss=1;alert(1)</script>公开透明是原则。');
    expect(shown).toContain('<img src=x onerror="window.__xss=2;alert(2)">图片说明。');
    expect(shown).toContain('<b{alert`x`}</b人民政府');
    expect(shown).toContain('{globalThis.__xss=6} {alert(7)} ${alert(8)}');
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
    for (const q of ['覆盖层', '图片说明', '公开透明', 'alert']) {
      await visit(`${server.url}/search/?q=${encodeURIComponent(q)}`, async (page) => {
        await page.waitForSelector('#search-status[data-state="done"]', { timeout: 60_000 });
        excerpts += await page.locator('#search-results').innerHTML();
      });
    }
    expect(dialogs).toEqual([]);
    // The search found the hostile report, and its excerpt shows the markup as text.
    expect(excerpts).toMatch(/覆盖层|图片说明|公开透明/);
    for (const m of LIVE_MARKUP) expect(excerpts).not.toContain(m);
  });
});

describe('the live-markup check', () => {
  it('catches markup that would run', () => {
    const parse = (html: string) => liveMarkup(unified().use(rehypeParse).parse(html) as unknown as HastNode);
    expect(parse('<p><img src=x onerror="window.__xss=2"></p>')).toEqual(['<img src=x>', 'img onError=window.__xss=2']);
    expect(parse('<a href="javascript:alert(4)">x</a><script>alert(1)</script>')).toEqual(['a href=javascript:alert(4)', '<script> with alert(1)']);
    expect(parse('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><td data-sort="<b{alert`x`}</b">x</td>')).toEqual([]);
  });
});

describe('the fixtures exist', () => {
  it('three hostile reports', () => {
    expect(existsSync(join(HOSTILE, 'xss-narrative.txt'))).toBe(true);
    expect(readdirSync(HOSTILE).filter((n) => n.endsWith('.txt'))).toHaveLength(3);
  });
});
