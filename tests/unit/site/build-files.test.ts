import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearRender, mirrorTree, moveInto, STATE_FILE } from '../../../src/site/build/files.ts';

const tmp = mkdtempSync(join(tmpdir(), 'nianbao-build-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, p)).isFile()) out[p.split('\\').join('/')] = readFileSync(join(dir, p), 'utf8');
  }
  return out;
}

describe('mirrorTree', () => {
  it('makes the copy hold exactly the source files, leaving kept names and unchanged files alone', () => {
    const src = join(tmp, 'm-src');
    const dest = join(tmp, 'm-dest');
    write(join(src, 'reports/a.json'), 'A');
    write(join(src, 'reports.csv'), 'csv');
    expect(mirrorTree(src, dest, new Set(['index.html']))).toEqual({ placed: 2, unchanged: 0, removed: 0 });
    write(join(dest, 'index.html'), 'page');
    write(join(dest, 'reports/gone.json'), 'old');
    rmSync(join(src, 'reports.csv'));
    write(join(src, 'reports/b.json'), 'B');
    expect(mirrorTree(src, dest, new Set(['index.html']))).toEqual({ placed: 1, unchanged: 1, removed: 2 });
    expect(tree(dest)).toEqual({ 'index.html': 'page', 'reports/a.json': 'A', 'reports/b.json': 'B' });
  });
});

describe('mirrorTree with files known unchanged', () => {
  it('takes a known file found in the copy as it is, without comparing it, and places every other one', () => {
    const src = join(tmp, 'k-src');
    const dest = join(tmp, 'k-dest');
    write(join(src, 'reports/a.json'), 'A');
    write(join(src, 'reports/b.json'), 'B');
    write(join(src, 'markdown/a.md'), 'a');
    mirrorTree(src, dest);
    // Copies that no longer match their source (a hard link would follow it): only an unknown one is placed again.
    for (const f of ['reports/a.json', 'reports/b.json', 'markdown/a.md']) {
      rmSync(join(dest, f));
      write(join(dest, f), 'stale');
    }
    // A known name missing from the copy is placed all the same.
    write(join(src, 'reports/c.json'), 'C');
    const known = new Set(['reports/a.json', 'markdown/a.md', 'reports/c.json']);
    expect(mirrorTree(src, dest, new Set(), undefined, (path) => known.has(path))).toEqual({ placed: 2, unchanged: 2, removed: 0 });
    expect(tree(dest)).toEqual({ 'markdown/a.md': 'stale', 'reports/a.json': 'stale', 'reports/b.json': 'B', 'reports/c.json': 'C' });
  });
});

describe('clearRender and moveInto', () => {
  it('replace every page but the kept agencies, the data files, the search index and the state file', () => {
    const out = join(tmp, 'out');
    const render = join(tmp, 'render');
    for (const f of ['index.html', 'agencies/index.html', 'agencies/a/index.html', 'agencies/b/index.html', 'agencies/gone/index.html', 'data/index.html', 'data/reports.csv', 'pagefind/s00/x', STATE_FILE, '_astro/old.js']) {
      write(join(out, f), `old ${f}`);
    }
    for (const f of ['index.html', 'agencies/index.html', 'agencies/b/index.html', 'data/index.html', '_astro/new.js']) write(join(render, f), `new ${f}`);
    clearRender(out, { agencies: new Set(['a']), unidentified: false });
    moveInto(render, out);
    expect(tree(out)).toEqual({
      [STATE_FILE]: `old ${STATE_FILE}`,
      '_astro/new.js': 'new _astro/new.js',
      'agencies/a/index.html': 'old agencies/a/index.html',
      'agencies/b/index.html': 'new agencies/b/index.html',
      'agencies/index.html': 'new agencies/index.html',
      'data/index.html': 'new data/index.html',
      'data/reports.csv': 'old data/reports.csv',
      'index.html': 'new index.html',
      'pagefind/s00/x': 'old pagefind/s00/x',
    });
  });

  it('keeps the page of unidentified reports when the plan keeps it, and only that page', () => {
    const out = join(tmp, 'out-unidentified');
    for (const f of ['index.html', 'reports/unidentified/index.html', 'reports/other/index.html']) write(join(out, f), `old ${f}`);
    clearRender(out, { agencies: new Set(), unidentified: true });
    expect(tree(out)).toEqual({ 'reports/unidentified/index.html': 'old reports/unidentified/index.html' });
    clearRender(out, { agencies: new Set(), unidentified: false });
    expect(tree(out)).toEqual({});
  });

  it('keeps the aggregate pages when the plan keeps them, and not the data or search pages', () => {
    const out = join(tmp, 'out-aggregates');
    const pages = ['index.html', 'agencies/index.html', 'method/index.html', 'tables/index.html', 'tables/ranking/index.html', 'tables/ranking.csv'];
    for (const f of [...pages, 'agencies/a/index.html', 'data/index.html', 'search/index.html', '_astro/x.js']) write(join(out, f), `old ${f}`);
    clearRender(out, { agencies: new Set(['a']), unidentified: false, aggregates: true });
    expect(Object.keys(tree(out)).sort()).toEqual([...pages, 'agencies/a/index.html'].sort());
    clearRender(out, { agencies: new Set(), unidentified: false, aggregates: false });
    expect(tree(out)).toEqual({});
  });
});
