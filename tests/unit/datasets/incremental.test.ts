/**
 * Incremental builds: a rebuild over a previous output folder, with the parse
 * and emit caches warm, gives byte for byte what a clean build without any
 * cache gives — after a report changes, is removed, is duplicated or is
 * corrected, and after the cache is deleted. Also report-index.json, the
 * streamed zip and the CSV blocks.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvBlock, csvHeader, toCsv } from '../../../src/pipeline/emit/csv.ts';
import { openZipWriter } from '../../../src/pipeline/emit/zip-writer.ts';
import { deflateEntry, deterministicZip } from '../../../src/pipeline/emit/zip.ts';
import { reportRows, sectionRows } from '../../../src/pipeline/emit/rows.ts';
import { runPipeline, type RunOptions } from '../../../src/pipeline/run.ts';
import { REPORTS, SECTIONS_DATASET } from '../../../src/schema/datasets.ts';
import { allFiles, readCsv, record, removeTempDirs, sections, tempDir } from './fixtures.ts';
import { parseReport } from '../../../src/pipeline/report.ts';

const CONTENT = join(import.meta.dirname, '../../../content');
const CHANGED = '03_pingtan_2020.txt';
const REMOVED = '10_hongze_2024_pypdf.txt';
const DUPLICATED = '12_hebei_jyt_2019.txt';
const CORRECTED = '000_bbae7e2c4812eba4.txt';
const CORRECTED_SHA = 'a7d91a448ce07718d03eeeab2c8773aada21f681f3ff5436561805aa4334090d';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every file of two folders, equal byte for byte (the message names the first that differs). */
function expectSameTree(actual: string, expected: string): void {
  const files = allFiles(expected);
  expect(allFiles(actual)).toEqual(files);
  const differing = files.filter((f) => !readFileSync(join(actual, f)).equals(readFileSync(join(expected, f))));
  expect(differing).toEqual([]);
}

function copyCorpus(): string {
  const content = tempDir('incremental-content');
  for (const name of readdirSync(CONTENT)) copyFileSync(join(CONTENT, name), join(content, name));
  return content;
}

const build = (content: string, out: string, cacheDir: string | null) => {
  const options: RunOptions = { content, out, parse: { workers: 0, cacheDir, inThread: parseReport } };
  return runPipeline(options);
};

const idOf = (out: string, sourceFile: string) => readCsv(join(out, 'reports.csv')).find((r) => r.source_file === sourceFile)!.report_id!;

describe('a rebuild over the previous output', () => {
  let content: string;
  let cache: string;
  let out: string;
  let before: Map<string, string>;
  let removedId: string;
  let changedId: string;
  let untouchedId: string;
  let untouchedMtime: number;

  beforeAll(() => {
    content = copyCorpus();
    cache = join(tempDir('incremental-cache'), 'cache');
    out = tempDir('incremental-out');
    build(content, out, cache);
    before = new Map(allFiles(out).map((f) => [f, sha256(readFileSync(join(out, f)))]));
    removedId = idOf(out, REMOVED);
    changedId = idOf(out, CHANGED);
    untouchedId = idOf(out, '16_hebei_kjt_2019.txt');
    untouchedMtime = statSync(join(out, 'reports', `${untouchedId}.json`)).mtimeMs;

    appendFileSync(join(content, CHANGED), '\n本机关将继续做好政府信息公开工作，接受社会监督。\n');
    rmSync(join(content, REMOVED));
    copyFileSync(join(content, DUPLICATED), join(content, `zz_${DUPLICATED}`));
    writeFileSync(join(content, 'corrections.json'), JSON.stringify({ corrections: [
      { sha256: CORRECTED_SHA, location: 'metadata/published_date', value: '2021-02-15', reason: '测试', source: 'test' },
    ] }));
    build(content, out, cache);
  }, 120_000);
  afterAll(removeTempDirs);

  it('equals a clean build of the changed corpus without any cache', () => {
    const clean = tempDir('incremental-clean');
    build(content, clean, null);
    expectSameTree(out, clean);
  }, 60_000);

  it('removes the files of a report gone from the corpus', () => {
    expect(before.has(`reports/${removedId}.json`)).toBe(true);
    expect(readdirSync(join(out, 'reports'))).not.toContain(`${removedId}.json`);
    expect(readdirSync(join(out, 'markdown'))).not.toContain(`${removedId}.md`);
    expect(readCsv(join(out, 'reports.csv')).map((r) => r.source_file)).not.toContain(REMOVED);
  });

  it('rewrites a changed report and leaves an unchanged one untouched', () => {
    for (const f of [`reports/${changedId}.json`, `markdown/${changedId}.md`, 'sections.csv', 'nianbao-data.zip']) {
      expect(sha256(readFileSync(join(out, f))), f).not.toBe(before.get(f));
    }
    expect(readFileSync(join(out, 'markdown', `${changedId}.md`), 'utf8')).toContain('接受社会监督');
    expect(statSync(join(out, 'reports', `${untouchedId}.json`)).mtimeMs).toBe(untouchedMtime);
    expect(sha256(readFileSync(join(out, 'codes.csv')))).toBe(before.get('codes.csv'));
  });

  it('gives the duplicate and the corrected report their cross-report findings', () => {
    const findings = readCsv(join(out, 'findings.csv'));
    const duplicates = findings.filter((f) => f.rule === 'report.duplicate').map((f) => f.report_id).sort();
    expect(duplicates).toEqual([idOf(out, DUPLICATED), idOf(out, `zz_${DUPLICATED}`)].sort());
    expect(idOf(out, `zz_${DUPLICATED}`)).toBe(`${idOf(out, DUPLICATED)}-2`);
    const corrected = findings.filter((f) => f.report_id === idOf(out, CORRECTED)).map((f) => f.rule);
    expect(corrected).toContain('correction.applied');
    expect(corrected).toContain('report.late');
  });

  it('lists every report in report-index.json with the sha256 of its JSON file, sorted by report_id', () => {
    const index = JSON.parse(readFileSync(join(out, 'report-index.json'), 'utf8')) as { report_id: string; agency_id: string | null; sha256: string }[];
    const ids = readCsv(join(out, 'reports.csv')).map((r) => r.report_id!);
    expect(index.map((e) => e.report_id)).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const e of index) expect(e.sha256, e.report_id).toBe(sha256(readFileSync(join(out, 'reports', `${e.report_id}.json`))));
    const changed = index.find((e) => e.report_id === changedId)!;
    expect(changed.sha256).not.toBe(before.get(`reports/${changedId}.json`));
    expect(changed.agency_id).toBe(readCsv(join(out, 'reports.csv')).find((r) => r.report_id === changedId)!.agency_id);
  });

  it('gives the same output again after the cache is deleted', () => {
    rmSync(cache, { recursive: true, force: true });
    const clean = tempDir('incremental-clean-2');
    build(content, clean, null);
    build(content, out, cache);
    expectSameTree(out, clean);
  }, 60_000);
});

describe('a build with caches', () => {
  afterAll(removeTempDirs);
  it('equals a build without, and so does a second build from the warm caches', () => {
    const cache = join(tempDir('cache-on'), 'cache');
    const withCache = tempDir('cache-on-out');
    const without = tempDir('cache-off-out');
    build(CONTENT, withCache, cache);
    build(CONTENT, without, null);
    expectSameTree(withCache, without);
    expect(readdirSync(join(cache, 'emit')).sort()).toEqual(['deflate', 'pieces', 'reports', 'state']);
    const warm = tempDir('cache-warm-out');
    const summary = build(CONTENT, warm, cache);
    expect(summary.parseStats).toEqual({ parsed: 0, cached: 10, timedOut: 0, pruned: 0 });
    expectSameTree(warm, without);
  }, 120_000);
});

describe('the streamed zip', () => {
  afterAll(removeTempDirs);
  it('is byte for byte deterministicZip of the same entries (non-ASCII name, empty file) and unzips to them', () => {
    const files = new Map<string, Uint8Array>([
      ['README.md', strToU8('# 数据\n'.repeat(50))],
      ['a.csv', new Uint8Array(0)],
      ['markdown/报告-2020.md', strToU8('一、总体情况\n'.repeat(200))],
      ['markdown/x-2020-2.md', strToU8('x')],
    ]);
    const path = join(tempDir('zip'), 'out.zip');
    const writer = openZipWriter(path);
    for (const name of [...files.keys()].sort()) writer.add(name, deflateEntry(files.get(name)!));
    const closed = writer.close();
    const bytes = readFileSync(path);
    expect(bytes.equals(Buffer.from(deterministicZip(files)))).toBe(true);
    expect({ bytes: closed.bytes, sha256: closed.sha256 }).toEqual({ bytes: bytes.length, sha256: sha256(bytes) });
    const back = unzipSync(bytes);
    expect(Object.keys(back).sort()).toEqual([...files.keys()].sort());
    for (const [name, content] of files) expect(Buffer.from(back[name]!).equals(Buffer.from(content)), name).toBe(true);
  });

  it('refuses entries out of name order', () => {
    const writer = openZipWriter(join(tempDir('zip-order'), 'out.zip'));
    writer.add('b.csv', deflateEntry(strToU8('b')));
    expect(() => writer.add('a.csv', deflateEntry(strToU8('a')))).toThrow(/out of order/);
  });
});

describe('CSV blocks', () => {
  it('header + one block per report is the whole CSV, the BOM once', () => {
    const a = record({ sha: 'aa', report_id: 'a-2020', sections: sections({ general: '=1+1 开头\n"引号", 逗号' }) });
    const b = record({ sha: 'bb', report_id: 'b-2020', sections: sections({ problems: '无' }) });
    for (const [d, rows] of [[REPORTS, reportRows], [SECTIONS_DATASET, sectionRows]] as const) {
      const whole = toCsv(d, rows([a, b]));
      expect(csvHeader(d) + csvBlock(d, rows([a])) + csvBlock(d, rows([b]))).toBe(whole);
      expect(whole.startsWith('\uFEFFreport_id,')).toBe(true);
      expect(whole.lastIndexOf('\uFEFF')).toBe(0);
    }
  });
});
