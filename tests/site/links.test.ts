/** Over the built site: one page per agency, and every internal link and asset resolves (with its #fragment). */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { visit } from 'unist-util-visit';
import type { Element, Root } from 'hast';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, expectedAgencyIds, htmlFiles, pagePath } from './dist.ts';

interface Page {
  path: string;
  ids: Set<string>;
  links: string[];
}

function readPage(file: string): Page {
  const tree = unified().use(rehypeParse).parse(readFileSync(file, 'utf8')) as Root;
  const ids = new Set<string>();
  const links: string[] = [];
  visit(tree, 'element', (el: Element) => {
    const p = el.properties ?? {};
    if (typeof p.id === 'string') ids.add(p.id);
    for (const attr of ['href', 'src'] as const) {
      const v = p[attr];
      if (typeof v === 'string') links.push(v);
    }
  });
  return { path: pagePath(file), ids, links };
}

/** dist file for a site path, as a static host serves it. */
function fileFor(path: string): string | null {
  const file = join(DIST, decodeURIComponent(path));
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, 'index.html');
  return existsSync(index) ? index : null;
}

describe('built site', () => {
  let pages: Page[] = [];
  beforeAll(() => {
    pages = htmlFiles().map(readPage);
  });

  it('has one agency page per agency of the data', () => {
    const expected = expectedAgencyIds();
    const built = existsSync(join(DIST, 'agencies'))
      ? readdirSync(join(DIST, 'agencies')).filter((d) => existsSync(join(DIST, 'agencies', d, 'index.html'))).sort()
      : [];
    expect(built).toEqual(expected);
  });

  it('has the fixed pages', () => {
    for (const path of ['/', '/agencies/', '/tables/', '/data/', '/method/']) expect(fileFor(path), path).not.toBeNull();
  });

  it('resolves every internal link, asset and #fragment', () => {
    const byPath = new Map(pages.map((p) => [p.path, p]));
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      for (const link of page.links) {
        // External (scheme or protocol-relative), mail and javascript links are not ours to check.
        if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) continue;
        const url = new URL(link, `http://site${page.path}`);
        checked++;
        const file = fileFor(url.pathname);
        if (!file) {
          broken.push(`${page.path} → ${link}`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && file.endsWith('.html')) {
          const target = byPath.get(pagePath(file)) ?? readPage(file);
          if (!target.ids.has(fragment)) broken.push(`${page.path} → ${link} (no id ${fragment})`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(pages.length);
  });
});
