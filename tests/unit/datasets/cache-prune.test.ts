/**
 * The caches do not grow without end (src/pipeline/cache-prune.ts): the
 * compressed whole files keep only the current versions, and once the parse
 * cache holds many more digests than a run uses (as after a parser change),
 * its stale records and the emit stage's stale report entries are removed —
 * and the output stays that of a clean build.
 */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pruneKeyedFiles } from '../../../src/pipeline/cache-prune.ts';
import { openEmitCache } from '../../../src/pipeline/emit/cache.ts';
import { openCache } from '../../../src/pipeline/parallel/cache.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { runPipeline } from '../../../src/pipeline/run.ts';
import { allFiles, removeTempDirs, tempDir } from './fixtures.ts';

const CONTENT = join(import.meta.dirname, '../../../content');
const CHANGED = '03_pingtan_2020.txt';
const build = (content: string, out: string, cacheDir: string | null) => runPipeline({ content, out, parse: { workers: 0, cacheDir, inThread: parseReport } });
const STALE_KEY = 'ab'.repeat(32);
const OLD_KEY = 'cd'.repeat(32);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Keys of the parse cache's records (the index files of its record packs, parallel/packs.ts). */
function recordKeys(cache: string): string[] {
  const folder = join(cache, 'records');
  if (!existsSync(folder)) return [];
  return [...new Set(readdirSync(folder).filter((n) => n.endsWith('.idx')).flatMap((n) => readFileSync(join(folder, n), 'latin1').split('\n').filter(Boolean).map((line) => line.split('\t')[0]!)))].sort();
}

/** Keys of `<root>/<xx>/<key><suffix>` files. */
function keysUnder(root: string, suffix: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((name) => /^[0-9a-f]{2}$/.test(name)).flatMap((shard) => readdirSync(join(root, shard)).filter((n) => n.endsWith(suffix)).map((n) => n.slice(0, -suffix.length))).sort();
}

afterAll(removeTempDirs);

describe('cache pruning', () => {
  it('removes only files of keys not kept, and nothing it does not recognise', () => {
    const root = tempDir('prune-root');
    mkdirSync(join(root, 'ab'));
    mkdirSync(join(root, 'emit'));
    for (const name of ['ab/abc.z', 'ab/abc.z.blocks', 'ab/abd.z', 'ab/abd.z.blocks', 'ab/abe.z.123.tmp', 'emit/abf.z']) writeFileSync(join(root, name), '');
    expect(pruneKeyedFiles(root, ['.z.blocks', '.z'], new Set(['abc']))).toBe(2);
    expect(readdirSync(join(root, 'ab')).sort()).toEqual(['abc.z', 'abc.z.blocks', 'abe.z.123.tmp']);
    expect(readdirSync(join(root, 'emit'))).toEqual(['abf.z']);
  });

  it('lists the stored report entries by key, as hasReport finds them, and nothing else under reports/', () => {
    const dir = tempDir('emit-keys');
    const cache = openEmitCache(dir);
    expect(cache.reportKeys()).toEqual(new Set());
    const entry = { json_sha256: 'a', json_bytes: 1, markdown_sha256: 'b', markdown: { crc: 0, size: 0, data: new Uint8Array(0) }, csv: new Map() };
    for (const key of [STALE_KEY, OLD_KEY]) cache.putReport(key, entry);
    writeFileSync(join(dir, 'reports', 'ab', `${'ab'.repeat(31)}ff.bin.123.tmp`), '');
    mkdirSync(join(dir, 'reports', 'other'));
    writeFileSync(join(dir, 'reports', 'other', `${'ef'.repeat(32)}.bin`), '');
    expect(cache.reportKeys()).toEqual(new Set([STALE_KEY, OLD_KEY]));
    for (const key of cache.reportKeys()) expect(cache.hasReport(key)).toBe(true);
  });

  it('keeps only the current compressed CSV files, and drops stale records once the digest log is mostly stale', () => {
    const content = tempDir('prune-content');
    for (const name of readdirSync(CONTENT)) copyFileSync(join(CONTENT, name), join(content, name));
    const cache = join(tempDir('prune-cache'), 'cache');
    const out = tempDir('prune-out');
    build(content, out, cache);
    const liveRecords = recordKeys(cache);
    const liveEntries = keysUnder(join(cache, 'emit', 'reports'), '.bin');
    const deflatedBefore = keysUnder(join(cache, 'emit', 'deflate'), '.z');
    expect(liveRecords.length).toBe(readdirSync(content).filter((n) => n !== 'sources.json' && n !== 'corrections.json').length);

    // One report changes: its CSV files' new versions replace the old ones in the deflate cache.
    appendFileSync(join(content, CHANGED), '\n本年度未发生其他需要报告的事项。\n');
    build(content, out, cache);
    const deflatedAfter = keysUnder(join(cache, 'emit', 'deflate'), '.z');
    expect(deflatedAfter.length).toBe(deflatedBefore.length);
    expect(deflatedAfter).not.toEqual(deflatedBefore);
    // Each one is the compressed form of a file the zip holds now (files.json's files and README.md).
    const listed = JSON.parse(readFileSync(join(out, 'files.json'), 'utf8')) as { name: string; sha256: string }[];
    const current = new Set([...listed.map((f) => f.sha256), sha256(readFileSync(join(out, 'README.md')))]);
    expect(deflatedAfter.filter((key) => !current.has(key))).toEqual([]);
    // The pieces kept are exactly those of the current files: the changed files' old pieces are gone.
    const emit = openEmitCache(join(cache, 'emit'));
    const pieces = keysUnder(join(cache, 'emit', 'pieces'), '.p');
    expect(pieces).toEqual([...new Set(deflatedAfter.flatMap((key) => emit.piecesOf(key)!))].sort());

    // As after a parser change: many digests, a record and a report entry no run uses any more.
    const stale = openCache(cache);
    stale.put(STALE_KEY, {} as ReportRecord);
    stale.flush();
    // And a record of the cache's earlier layout, one file per key.
    mkdirSync(join(cache, OLD_KEY.slice(0, 2)), { recursive: true });
    writeFileSync(join(cache, OLD_KEY.slice(0, 2), `${OLD_KEY}.json`), '{}');
    mkdirSync(join(cache, 'emit', 'reports', STALE_KEY.slice(0, 2)), { recursive: true });
    writeFileSync(join(cache, 'emit', 'reports', STALE_KEY.slice(0, 2), `${STALE_KEY}.bin`), '');
    appendFileSync(join(cache, 'digests.jsonl'), Array.from({ length: 1100 }, (_, i) => `${i.toString(16).padStart(64, 'c')}\t{}\n`).join(''));
    const summary = build(content, out, cache);
    expect(summary.parseStats.pruned).toBeGreaterThanOrEqual(3); // the stale ones and the changed report's old record
    expect(recordKeys(cache)).not.toContain(STALE_KEY);
    expect(keysUnder(cache, '.json')).toEqual([]);
    expect(keysUnder(join(cache, 'emit', 'reports'), '.bin')).not.toContain(STALE_KEY);
    expect(recordKeys(cache).length).toBe(liveRecords.length);
    expect(keysUnder(join(cache, 'emit', 'reports'), '.bin').length).toBe(liveEntries.length);
    expect(readFileSync(join(cache, 'digests.jsonl'), 'utf8').trim().split('\n').length).toBe(liveRecords.length);

    // And the output is still that of a clean build.
    const clean = tempDir('prune-clean');
    build(content, clean, null);
    const files = allFiles(clean);
    expect(allFiles(out)).toEqual(files);
    expect(files.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(clean, f))))).toEqual([]);
  }, 180_000);
});
