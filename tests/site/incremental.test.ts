/**
 * The incremental site build gives the output a clean build gives, byte for byte,
 * on the real corpus: build; change one report; build again (incremental, the
 * search stage beside the site stage); change its text only and build again
 * (the aggregate pages kept); build the same data from nothing into another
 * folder (search after site); compare every file, the search index's too.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CHANGED_FILE = '000_bbae7e2c4812eba4.txt';
const CHANGED_AGENCY = 'nanchongshishunqingqurenminzhengfubangongshi-a7c430';
const UNCHANGED_AGENCY = 'hebeishengjiaoyuting-9df43b';
const ADDED_SENTENCE = '本年度还开展了政务公开专项培训三次。';
// Added by the third build: text only, so no report's summary changes and the aggregate pages are kept.
const TEXT_ONLY_SENTENCE = '本报告发布后更正了一处文字。';
// Table 三, row 本年新收 (one cell per line): natural persons 20 → 21 and the total 35 → 36, so the aggregates change too.
const RECEIVED_BEFORE = '一、本年新收政府信息公开申请数量\n\n20\n\n0\n\n0\n\n0\n\n0\n\n15\n\n35\n';
const RECEIVED_AFTER = '一、本年新收政府信息公开申请数量\n\n21\n\n0\n\n0\n\n0\n\n0\n\n15\n\n36\n';
// The home page's headline: 本年新收政府信息公开申请 … N 件.
const HOME_RECEIVED = /本年新收政府信息公开申请<\/dt><dd>([\d,]+) 件/;

const tmp = mkdtempSync(join(tmpdir(), 'nianbao-incremental-'));
const content = join(tmp, 'content');
const data = join(tmp, 'data');
const incremental = join(tmp, 'incremental');
const clean = join(tmp, 'clean');

function build(...args: string[]): string {
  return execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .map((p) => p.split('\\').join('/'))
    .sort();
}

const agencyPage = (out: string, agency: string) => join(out, 'agencies', agency, 'index.html');

let secondRun = '';
let thirdRun = '';
let unchangedBefore = 0;
let receivedBefore = '';

const homeReceived = (out: string) => HOME_RECEIVED.exec(readFileSync(join(out, 'index.html'), 'utf8'))?.[1] ?? '';

beforeAll(() => {
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  const common = ['--content', content, '--data', data, '--out', incremental, '--cache', join(tmp, 'cache-incremental')];
  build(...common);
  unchangedBefore = statSync(agencyPage(incremental, UNCHANGED_AGENCY)).mtimeMs;
  receivedBefore = homeReceived(incremental);
  // One more sentence in part 一 of one report, and one more application in its table 三.
  const path = join(content, CHANGED_FILE);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(RECEIVED_BEFORE);
  writeFileSync(path, text.replace('一、总体情况\n', `一、总体情况\n\n${ADDED_SENTENCE}\n`).replace(RECEIVED_BEFORE, RECEIVED_AFTER));
  secondRun = build(...common);
  writeFileSync(path, readFileSync(path, 'utf8').replace('一、总体情况\n', `一、总体情况\n\n${TEXT_ONLY_SENTENCE}\n`));
  thirdRun = build(...common);
  build('--data', data, '--out', clean, '--cache', join(tmp, 'cache-clean'), '--only', 'site,search', '--clean');
}, 450_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('incremental site build', () => {
  it('renders only the changed agency page the second time', () => {
    expect(secondRun).toContain('build: site plan: incremental (1 agencies (1 reports) changed, 0 gone), 1 agency pages to render');
    expect(statSync(agencyPage(incremental, UNCHANGED_AGENCY)).mtimeMs).toBe(unchangedBefore);
    expect(readFileSync(agencyPage(incremental, CHANGED_AGENCY), 'utf8')).toContain(ADDED_SENTENCE);
  });

  it('rebuilds the changed report\'s search shard in the same run', () => {
    const lines = secondRun.split('\n');
    expect(lines.some((l) => /^build: search [\d.]+ s$/.test(l))).toBe(true);
    expect(lines.some((l) => /^search index: rebuilt 1 of 1 shard/.test(l))).toBe(true);
  });

  it('keeps the aggregate pages when no report\'s summary changed', () => {
    expect(secondRun).not.toContain('the aggregate pages kept');
    expect(thirdRun).toContain('build: site plan: no summary changed, the aggregate pages kept');
    expect(readFileSync(agencyPage(incremental, CHANGED_AGENCY), 'utf8')).toContain(TEXT_ONLY_SENTENCE);
  });

  it('renders the aggregate pages again with the changed numbers', () => {
    const before = Number(receivedBefore.replace(/,/g, ''));
    expect(before).toBeGreaterThan(0);
    expect(Number(homeReceived(incremental).replace(/,/g, ''))).toBe(before + 1);
  });

  it('gives the same files as a clean build of the same data, byte for byte', () => {
    const a = filesUnder(incremental);
    const b = filesUnder(clean);
    expect(a).toEqual(b);
    expect(a).toContain(`agencies/${CHANGED_AGENCY}/index.html`);
    expect(a).toContain('data/reports.csv');
    expect(a.filter((f) => f.startsWith('pagefind/')).length).toBeGreaterThan(10);
    const differ = a.filter((f) => !readFileSync(join(incremental, f)).equals(readFileSync(join(clean, f))));
    expect(differ).toEqual([]);
  });

  it('mirrors the data folder into <out>/data', () => {
    const mirrored = filesUnder(join(incremental, 'data')).filter((f) => f !== 'index.html');
    expect(mirrored).toEqual(filesUnder(data));
    const differ = mirrored.filter((f) => !readFileSync(join(incremental, 'data', f)).equals(readFileSync(join(data, f))));
    expect(differ).toEqual([]);
  });
});
