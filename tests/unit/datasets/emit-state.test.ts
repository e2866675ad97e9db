/**
 * The emit stage's state of its previous run (src/pipeline/emit/state.ts): a
 * rebuild that trusts it leaves unchanged CSV files and the zip untouched,
 * splices the changed ones, and still gives byte for byte a clean build —
 * after a report changes, is removed or is added, after an output file is
 * deleted or edited by hand, and when the state itself is damaged.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/pipeline/run.ts';
import { allFiles, readCsv, removeTempDirs, tempDir } from './fixtures.ts';
import { parseReport } from '../../../src/pipeline/report.ts';

const CONTENT = join(import.meta.dirname, '../../../content');
const CHANGED = '03_pingtan_2020.txt';
const REMOVED = '10_hongze_2024_pypdf.txt';
const ADDED = 'zz_copy_of_16_hebei_kjt_2019.txt';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const build = (content: string, out: string, cacheDir: string | null) => runPipeline({ content, out, parse: { workers: 0, cacheDir, inThread: parseReport } });
const mtime = (path: string) => statSync(path).mtimeMs;

function expectSameTree(actual: string, expected: string): void {
  const files = allFiles(expected);
  expect(allFiles(actual)).toEqual(files);
  expect(files.filter((f) => !readFileSync(join(actual, f)).equals(readFileSync(join(expected, f))))).toEqual([]);
}

function cleanBuildOf(content: string): string {
  const clean = tempDir('state-clean');
  build(content, clean, null);
  return clean;
}

describe('a rebuild from the emit state', () => {
  let content: string;
  let cache: string;
  let out: string;
  beforeEach(() => {
    content = tempDir('state-content');
    for (const name of readdirSync(CONTENT)) copyFileSync(join(CONTENT, name), join(content, name));
    cache = join(tempDir('state-cache'), 'cache');
    out = tempDir('state-out');
    build(content, out, cache);
    expect(readdirSync(join(cache, 'emit', 'state'))).toHaveLength(1);
  }, 120_000);
  afterAll(removeTempDirs);

  it('writes nothing when nothing changed', () => {
    const before = new Map(allFiles(out).map((f) => [f, mtime(join(out, f))]));
    build(content, out, cache);
    const touched = allFiles(out).filter((f) => mtime(join(out, f)) !== before.get(f));
    expect(touched).toEqual([]);
  }, 60_000);

  it('after a change, a removal and an addition: rewrites only the CSV files whose blocks changed and equals a clean build', () => {
    const csv = (f: string) => join(out, f);
    const appsBefore = mtime(csv('applications.csv'));
    const sectionsBefore = sha256(readFileSync(csv('sections.csv')));
    appendFileSync(join(content, CHANGED), '\n本机关将继续做好政府信息公开工作，接受社会监督。\n');
    build(content, out, cache);
    // Only narrative text changed: the applications rows are the same blocks in the same places.
    expect(mtime(csv('applications.csv'))).toBe(appsBefore);
    expect(sha256(readFileSync(csv('sections.csv')))).not.toBe(sectionsBefore);
    expectSameTree(out, cleanBuildOf(content));

    rmSync(join(content, REMOVED));
    copyFileSync(join(content, '16_hebei_kjt_2019.txt'), join(content, ADDED));
    build(content, out, cache);
    expect(readCsv(join(out, 'reports.csv')).map((r) => r.source_file)).toContain(ADDED);
    expectSameTree(out, cleanBuildOf(content));
  }, 120_000);

  it('does not trust the state when a CSV file or the zip was edited, and restores a deleted per-report file', () => {
    appendFileSync(join(out, 'applications.csv'), 'x\n');
    writeFileSync(join(out, 'nianbao-data.zip'), 'not a zip');
    const md = readdirSync(join(out, 'markdown'))[0]!;
    rmSync(join(out, 'markdown', md));
    build(content, out, cache);
    expectSameTree(out, cleanBuildOf(content));
  }, 60_000);

  it('treats a damaged state as none', () => {
    const dir = join(cache, 'emit', 'state');
    writeFileSync(join(dir, readdirSync(dir)[0]!), '{"version":');
    appendFileSync(join(content, CHANGED), '\n另有一处更正。\n');
    build(content, out, cache);
    expectSameTree(out, cleanBuildOf(content));
  }, 60_000);
});
