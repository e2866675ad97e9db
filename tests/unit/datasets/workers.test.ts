/**
 * The data stage with worker threads and caches — records kept in the
 * workers, emit outputs made across them after the cross-report rules
 * (parallel/prepare.ts) — writes byte for byte what one thread without any
 * cache writes, on a clean build and on a rebuild with one report changed.
 */
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { openEmitCache } from '../../../src/pipeline/emit/cache.ts';
import { deflatePieces, NO_PIECES } from '../../../src/pipeline/emit/segments.ts';
import { deflateInWorkers } from '../../../src/pipeline/parallel/index.ts';
import { sha256Hex } from '../../../src/pipeline/read.ts';
import { runPipeline } from '../../../src/pipeline/run.ts';
import { writeCorpus } from '../../../src/synth/write.ts';
import { allFiles, removeTempDirs, tempDir } from './fixtures.ts';
import { parseReport } from '../../../src/pipeline/report.ts';

function expectSameTree(actual: string, expected: string): void {
  const files = allFiles(expected);
  expect(allFiles(actual)).toEqual(files);
  expect(files.filter((f) => !readFileSync(join(actual, f)).equals(readFileSync(join(expected, f))))).toEqual([]);
}

describe('the data stage across workers', () => {
  afterAll(removeTempDirs);
  it('equals one thread without cache, clean and after one report changed', () => {
    const content = writeCorpus(tempDir('workers-corpus'), 'workers-test', 40, undefined, false).content;
    const cache = join(tempDir('workers-cache'), 'cache');
    const out = tempDir('workers-out');
    const clean = (dir: string) => runPipeline({ content, out: dir, parse: { workers: 0, cacheDir: null, inThread: parseReport } });

    const first = runPipeline({ content, out, parse: { workers: 2, cacheDir: cache } });
    expect(first.parseStats).toEqual({ parsed: 40, cached: 0, timedOut: 0, pruned: 0, workerCpuMicros: expect.any(Number) });
    // The records stayed in the workers: each is in the parse cache, its digest in the digest file.
    expect(readFileSync(join(cache, 'digests.jsonl'), 'utf8').trim().split('\n')).toHaveLength(40);
    const expected = tempDir('workers-clean');
    clean(expected);
    expectSameTree(out, expected);

    const changed = readdirSync(content).filter((f) => f.endsWith('.txt')).sort()[0]!;
    appendFileSync(join(content, changed), '本报告发布后更正了一处文字。\n');
    const again = runPipeline({ content, out, parse: { workers: 2, cacheDir: cache } });
    expect(again.parseStats).toEqual({ parsed: 1, cached: 39, timedOut: 0, pruned: 0, workerCpuMicros: expect.any(Number) });
    const expectedAgain = tempDir('workers-clean-again');
    clean(expectedAgain);
    expectSameTree(out, expectedAgain);
  }, 180_000);
});

describe('deflateInWorkers', () => {
  afterAll(removeTempDirs);
  it('puts each file compressed in pieces into the deflate cache, as the main thread would compress it', () => {
    const dir = tempDir('deflate-workers');
    const emitCacheDir = join(dir, 'emit');
    const files = [300_000, 120_000].map((n, k) => {
      const text = Array.from({ length: n / 30 }, (_, i) => `r${k}-${i % 977},政府信息公开,${(i * 7919) % 1000}\n`).join('');
      const path = join(dir, `f${k}.csv`);
      writeFileSync(path, text);
      const bytes = readFileSync(path);
      return { path, sha256: sha256Hex(bytes), bytes: bytes.length, emitCacheDir, content: bytes };
    });
    deflateInWorkers(files.map(({ content: _, ...f }) => f), { workers: 2 }, 0);
    const cache = openEmitCache(emitCacheDir);
    for (const f of files) {
      const entry = cache.deflated(f.sha256)!;
      expect(entry.size).toBe(f.bytes);
      expect(Buffer.from(entry.data).equals(Buffer.from(deflatePieces(f.content, NO_PIECES).entry.data))).toBe(true);
      expect(Buffer.from(inflateRawSync(entry.data)).equals(f.content)).toBe(true);
      expect(cache.piecesOf(f.sha256)!.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
