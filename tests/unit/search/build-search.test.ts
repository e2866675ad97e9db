/** scripts/build-search.ts: the sharded index is built from real reports, rebuilt only where reports changed, and checked. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { assignShards, shardCount, shardName, shardOf } from '../../../src/search/shards.ts';
import { fileHashes } from '../helpers/file-tree.ts';
import { corpusFiles, corpusReport } from './corpus.ts';

const work = mkdtempSync(join(tmpdir(), 'nianbao-build-search-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildSearch(data: string, out: string, ...extra: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-search.ts', '--data', data, '--out', out, ...extra], { encoding: 'utf8', env: { ...process.env, NIANBAO_TIMINGS: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A data folder `<name>/reports` holding the reports as `<report_id>.json`, as the data stage writes them. */
function reportsDir(name: string, reports: readonly { report_id: string; agency_id?: string | null }[]): string {
  const dir = join(work, name, 'reports');
  mkdirSync(dir, { recursive: true });
  for (const r of reports) writeFileSync(join(dir, `${r.report_id}.json`), JSON.stringify(r));
  return dir;
}

const corpus = () => corpusFiles().map(corpusReport);

type Report = ReturnType<typeof corpusReport>;

/** Writes the report into the data folder with one more sentence at the end of its part 一 (总体情况). */
function writeWithSentence(data: string, report: Report, sentence: string): void {
  const sections = report.sections.map((s) => (s.code === 'general' ? { ...s, text: `${s.text}\n${sentence}` } : s));
  writeFileSync(join(data, `${report.report_id}.json`), JSON.stringify({ ...report, sections }));
}

/** The tree of a clean build of the data folder into `<work>/<name>`, which must succeed. */
function cleanTree(data: string, name: string): Record<string, string> {
  const clean = join(work, name);
  expect(buildSearch(data, clean, '--reports-per-shard', '3').status).toBe(0);
  return fileHashes(clean);
}

describe('build-search', () => {
  it('indexes the corpus: one record per report in one zh-cn bundle, filter values for the page, no Pagefind UI files', () => {
    const out = join(work, 'pagefind');
    const run = buildSearch(reportsDir('corpus', corpus()), out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('10 reports (ids and hashes from hashes of the report files) → 10 records in 1 shard(s)');
    expect(run.stdout).toContain('rebuilt 1 of 1 shard(s)');
    const site = JSON.parse(readFileSync(join(out, 'search.json'), 'utf8'));
    expect(site.shards).toEqual(['s00']);
    expect(site.filters.year).toEqual(['2019', '2020', '2021', '2023', '2024']);
    expect(site.filters.province).toContain('四川省');
    const entry = JSON.parse(readFileSync(join(out, 's00', 'pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['zh-cn']);
    expect(entry.languages['zh-cn'].page_count).toBe(10);
    expect(existsSync(join(out, 's00', 'pagefind.js'))).toBe(true);
    expect(readdirSync(join(out, 's00')).filter((f) => f.includes('-ui'))).toEqual([]);
  });

  it('shards by agency, rebuilds only the shard of a changed report, and ends byte for byte as a clean build', () => {
    const reports = corpus();
    const data = reportsDir('sharded', reports);
    const out = join(work, 'sharded-out');
    const first = buildSearch(data, out, '--reports-per-shard', '3');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const count = shardCount(10, 3);
    expect(count).toBe(4);
    const used = assignShards(reports.map((r) => ({ report_id: r.report_id, agency_id: r.agency_id, sha256: '' })), count).filter((g) => g.length > 0).length;
    expect(used).toBeGreaterThan(1);
    expect(first.stdout).toContain(`10 records in ${used} shard(s)`);
    const site = JSON.parse(readFileSync(join(out, 'search.json'), 'utf8'));
    expect(site.shards).toHaveLength(used);
    // Only the first shard carries pagefind.js and the WebAssembly; the others are merged into it.
    expect(site.shards.map((s: string) => existsSync(join(out, s, 'pagefind.js')))).toEqual(site.shards.map((_: string, i: number) => i === 0));

    expect(buildSearch(data, out, '--reports-per-shard', '3').stdout).toContain(`rebuilt 0 of ${used} shard(s)`);

    const changed = reports[3]!;
    writeWithSentence(data, changed, '本年度新增一句，用于检验增量构建。');
    const again = buildSearch(data, out, '--reports-per-shard', '3');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`rebuilt 1 of ${used} shard(s)`);

    const clean = cleanTree(data, 'sharded-clean');
    const incremental = fileHashes(out);
    expect(Object.keys(incremental).length).toBeGreaterThan(20);
    expect(incremental).toEqual(clean);
    const shard = shardName(shardOf(changed.agency_id!, count), count);
    expect(Object.keys(incremental).some((f) => f.startsWith(`${shard}/fragment/`))).toBe(true);
  });

  it('with --cache, reads only the changed report of a rebuilt shard (the others\' records cached) and ends byte for byte as a clean build', () => {
    const reports = corpus();
    const data = reportsDir('cached', reports);
    const out = join(work, 'cached-out');
    const cache = join(work, 'cached-cache');
    const timed = (...extra: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-search.ts', '--data', data, '--out', out, '--reports-per-shard', '3', '--cache', cache, ...extra], {
        encoding: 'utf8',
        env: { ...process.env, NIANBAO_TIMINGS: '1' },
      });
    const first = timed();
    expect(first.status).toBe(0);
    // A clean build reads every report of every shard.
    expect(first.stderr).not.toMatch(/read (\d+) of (?!\1 )\d+ reports/u);
    const count = shardCount(10, 3);
    const changed = reports[3]!;
    const shard = shardName(shardOf(changed.agency_id!, count), count);
    const inShard = reports.filter((r) => shardName(shardOf(r.agency_id!, count), count) === shard).length;
    expect(inShard).toBeGreaterThan(1);
    writeWithSentence(data, changed, '本年度新增一句，用于检验记录缓存。');
    const again = timed();
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('rebuilt 1 of');
    expect(again.stderr).toContain(`search ${shard} read 1 of ${inShard} reports`);
    // The fragments of the previous bundle were checked while Pagefind wrote the new one.
    // Only the fragment of the changed report is read: the others passed their checks in the clean build (fragment-checks.ts).
    expect(again.stderr).toMatch(new RegExp(`search ${shard} bundle written \\(\\d+ files reused; meanwhile the records cached and ${inShard} reused fragments checked, 1 of them read\\)`, 'u'));
    expect(fileHashes(out)).toEqual(cleanTree(data, 'cached-clean'));
    // Without the checks kept, every reused fragment is read, and the index is the same.
    rmSync(join(cache, 'records', `${shard}.checks.json`));
    writeWithSentence(data, changed, '本年度再新增一句，用于检验片段检查。');
    const unkept = timed();
    expect(unkept.status).toBe(0);
    expect(unkept.stderr).toMatch(new RegExp(`search ${shard} bundle written \\(\\d+ files reused; meanwhile the records cached and ${inShard} reused fragments checked, ${inShard} of them read\\)`, 'u'));
    expect(fileHashes(out)).toEqual(cleanTree(data, 'cached-clean-2'));
  });

  it('with --wait, builds only once told `go` on stdin, and ends without writing anything otherwise', () => {
    const data = reportsDir('waiting', corpus());
    const waiting = (out: string, input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-search.ts', '--data', data, '--out', out, '--wait'], { encoding: 'utf8', input, env: { ...process.env, NIANBAO_TIMINGS: '' } });
    const stopped = waiting(join(work, 'waiting-stopped'), '');
    expect(stopped.status).toBe(0);
    expect(stopped.stdout).toBe('');
    expect(existsSync(join(work, 'waiting-stopped'))).toBe(false);
    expect(waiting(join(work, 'waiting-other'), 'stop\n').status).toBe(0);
    expect(existsSync(join(work, 'waiting-other'))).toBe(false);
    const started = waiting(join(work, 'waiting-go'), 'go\n');
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    expect(started.stdout).toContain('rebuilt 1 of 1 shard(s)');
    expect(buildSearch(data, join(work, 'waiting-plain')).status).toBe(0);
    expect(fileHashes(join(work, 'waiting-go'))).toEqual(fileHashes(join(work, 'waiting-plain')));
    // What it reads ahead of its go may fail: that is reported, and the build fails, only once told go.
    const missing = (input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-search.ts', '--data', join(work, 'no-such-data'), '--out', join(work, 'waiting-missing'), '--wait'], { encoding: 'utf8', input });
    expect(missing('')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const told = missing('go\n');
    expect(told.status).toBe(1);
    expect(told.stderr).toContain('no-such-data does not exist');
  });

  it('starts from a bundle (src/entry-bundle.ts) that builds, shard workers and all, what the TypeScript entry builds', async () => {
    const { searchEntry } = await import('../../../src/entry-bundle.ts');
    const entry = await searchEntry();
    expect(entry).toMatch(/\.cache\/search-entry\/build-search-[0-9a-f]{16}\.mjs$/u);
    expect(await searchEntry()).toBe(entry);
    const data = reportsDir('bundled', corpus());
    const out = join(work, 'bundled-out');
    const run = spawnSync(process.execPath, [entry, '--data', data, '--out', out, '--reports-per-shard', '3'], { encoding: 'utf8', env: { ...process.env, NIANBAO_TIMINGS: '' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/rebuilt (\d+) of \1 shard\(s\)/u);
    expect(fileHashes(out)).toEqual(cleanTree(data, 'bundled-clean'));
    process.env.NIANBAO_SEARCH_BUNDLE = 'off';
    try {
      expect(await searchEntry()).toMatch(/scripts\/build-search\.ts$/u);
    } finally {
      delete process.env.NIANBAO_SEARCH_BUNDLE;
    }
  });

  it('reuses the unchanged fragments of a rebuilt shard, removes the ones no longer named, and ends as a clean build when a report goes', () => {
    const reports = corpus();
    const data = reportsDir('reused', reports);
    const out = join(work, 'reused-out');
    expect(buildSearch(data, out, '--reports-per-shard', '3').status).toBe(0);
    const before = fileHashes(out);
    // A report removed: its shard is rebuilt from the files it had, and its fragment must go.
    const gone = reports[5]!;
    rmSync(join(data, `${gone.report_id}.json`));
    const again = buildSearch(data, out, '--reports-per-shard', '3');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('rebuilt 1 of');
    const clean = cleanTree(data, 'reused-clean');
    const after = fileHashes(out);
    expect(after).toEqual(clean);
    const shard = shardName(shardOf(gone.agency_id!, shardCount(10, 3)), shardCount(10, 3));
    const fragments = (t: Record<string, string>) => Object.keys(t).filter((f) => f.startsWith(`${shard}/fragment/`));
    expect(fragments(after).length).toBe(fragments(before).length - 1);
  });

  it('writes a shard again from nothing when a file it kept is not what the new build names by it', () => {
    const reports = corpus();
    const data = reportsDir('collided', reports);
    const out = join(work, 'collided-out');
    expect(buildSearch(data, out, '--reports-per-shard', '3').status).toBe(0);
    const count = shardCount(10, 3);
    // Two reports of one shard: one is changed, the fragment of the other is overwritten by the first one's, as if
    // the name of a new file had been that of an old one.
    const shardOfReport = (r: (typeof reports)[number]) => shardName(shardOf(r.agency_id!, count), count);
    const changed = reports.find((r) => reports.some((o) => o !== r && shardOfReport(o) === shardOfReport(r)))!;
    const kept = reports.find((o) => o !== changed && shardOfReport(o) === shardOfReport(changed))!;
    const shard = shardOfReport(changed);
    const fragmentDir = join(out, shard, 'fragment');
    const fragmentOf = (id: string) =>
      readdirSync(fragmentDir).find((f) => gunzipSync(readFileSync(join(fragmentDir, f))).toString('utf8').includes(`"report":"${id}"`))!;
    writeFileSync(join(fragmentDir, fragmentOf(kept.report_id)), readFileSync(join(fragmentDir, fragmentOf(changed.report_id))));
    writeWithSentence(data, changed, '本年度新增一句。');
    const again = buildSearch(data, out, '--reports-per-shard', '3');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const clean = cleanTree(data, 'collided-clean');
    expect(fileHashes(out)).toEqual(clean);
  });

  it('reuses no file of a bundle another Pagefind version wrote (it may compress the same content otherwise)', () => {
    const reports = corpus();
    const data = reportsDir('upgraded', reports);
    const out = join(work, 'upgraded-out');
    expect(buildSearch(data, out, '--reports-per-shard', '3').status).toBe(0);
    const count = shardCount(10, 3);
    const changed = reports[2]!;
    const shard = join(out, shardName(shardOf(changed.agency_id!, count), count));
    // As an older Pagefind might have written them: the same content under the same names, compressed otherwise.
    for (const folder of ['fragment', 'index', 'filter']) {
      for (const f of readdirSync(join(shard, folder))) writeFileSync(join(shard, folder, f), gzipSync(gunzipSync(readFileSync(join(shard, folder, f))), { level: 1 }));
    }
    const entry = JSON.parse(readFileSync(join(shard, 'pagefind-entry.json'), 'utf8'));
    writeFileSync(join(shard, 'pagefind-entry.json'), JSON.stringify({ ...entry, version: '0.0.1' }));
    writeWithSentence(data, changed, '本年度新增一句。');
    expect(buildSearch(data, out, '--reports-per-shard', '3').stdout).toContain('rebuilt 1 of');
    const clean = cleanTree(data, 'upgraded-clean');
    expect(fileHashes(out)).toEqual(clean);
  });

  it('takes ids and hashes from the data stage’s report-index.json when it lists the report files', () => {
    const reports = corpus();
    const data = reportsDir('indexed', reports);
    const index = reports
      .map((r) => ({ report_id: r.report_id, agency_id: r.agency_id, sha256: createHash('sha256').update(readFileSync(join(data, `${r.report_id}.json`))).digest('hex') }))
      .sort((a, b) => (a.report_id < b.report_id ? -1 : 1));
    writeFileSync(join(work, 'indexed', 'report-index.json'), JSON.stringify(index));
    const run = buildSearch(data, join(work, 'indexed-out'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`ids and hashes from ${join(work, 'indexed', 'report-index.json')}`);
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
