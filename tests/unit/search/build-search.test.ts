/** scripts/build-search.ts: the index is built from real reports, and an empty or failed index fails the build. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusFiles, corpusReport } from './corpus.ts';

const work = mkdtempSync(join(tmpdir(), 'nianbao-build-search-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildSearch(data: string, out: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-search.ts', '--data', data, '--out', out], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function reportsDir(name: string, reports: object[]): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  reports.forEach((r, i) => writeFileSync(join(dir, `${i}.json`), JSON.stringify(r)));
  return dir;
}

describe('build-search', () => {
  it('indexes the corpus: 29 pages in zh-cn, counts printed', () => {
    const data = reportsDir('corpus', corpusFiles().map(corpusReport));
    const out = join(work, 'pagefind');
    const run = buildSearch(data, out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('10 reports → 29 records');
    const entry = JSON.parse(readFileSync(join(out, 'pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['zh-cn']);
    expect(entry.languages['zh-cn'].page_count).toBe(29);
  });

  it('fails when there is no report', () => {
    const run = buildSearch(reportsDir('none', []), join(work, 'none-out'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no report JSON');
  });

  it('fails when no report has narrative text to index (the index would be empty)', () => {
    const report = corpusReport('000_bbae7e2c4812eba4.txt');
    const run = buildSearch(reportsDir('empty', [{ ...report, agency_id: null }]), join(work, 'empty-out'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the index would be empty');
  });
});
