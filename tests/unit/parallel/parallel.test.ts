import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLIM_DIGEST } from '../../../src/pipeline/parallel/digest-form.ts';
import { parseAll, parseDigests, type ParseAllStats } from '../../../src/pipeline/parallel/index.ts';
import { runPool, type ParserBenchmark } from '../../../src/pipeline/parallel/pool.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { writeCorpus } from '../../../src/synth/write.ts';
import { parseReport } from '../../../src/pipeline/report.ts';

let dir: string;
let content: string;
const stats = (): ParseAllStats => ({ parsed: 0, cached: 0, timedOut: 0, pruned: 0 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-parallel-'));
  content = writeCorpus(join(dir, 'corpus'), 'parallel-test', 12, undefined, false).content;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseAll', () => {
  it('gives the same records, in input order, across workers as in one thread', () => {
    const paths = listContentFiles(content);
    const manifest = readSourcesManifest(content);
    const inline = parseAll(content, paths, manifest, { workers: 0, cacheDir: null, inThread: parseReport });
    const pooled = parseAll(content, paths, manifest, { workers: 2, cacheDir: null });
    expect(pooled.map((r) => r.source_file)).toEqual(paths);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(inline));
  });

  it('parses in this thread only with the parser given: a build\'s main thread never loads it', () => {
    const paths = listContentFiles(content);
    expect(() => parseAll(content, paths, readSourcesManifest(content), { workers: 0, cacheDir: null })).toThrow(/options\.inThread/);
  });

  it('reuses cached records for unchanged files and parses only the changed one', () => {
    const cacheDir = join(dir, 'cache');
    const paths = listContentFiles(content);
    const manifest = readSourcesManifest(content);
    const first = stats();
    const cpu = process.cpuUsage();
    const clean = parseAll(content, paths, manifest, { workers: 2, cacheDir }, first);
    const used = process.cpuUsage(cpu);
    expect(first).toEqual({ parsed: 12, cached: 0, timedOut: 0, pruned: 0, workerCpuMicros: expect.any(Number) });
    // The workers' own threads: some CPU (each at least starts up and parses), and part of what the whole process used.
    expect(first.workerCpuMicros).toBeGreaterThan(0);
    expect(first.workerCpuMicros).toBeLessThan(used.user + used.system);
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);

    const second = stats();
    const again = parseAll(content, paths, manifest, { workers: 2, cacheDir }, second);
    expect(second).toEqual({ parsed: 0, cached: 12, timedOut: 0, pruned: 0 }); // no worker started, no worker CPU
    expect(JSON.stringify(again)).toBe(JSON.stringify(clean));

    writeFileSync(join(content, paths[3]!), '一、总体情况\n本年度无变化。\n');
    const third = stats();
    const changed = parseAll(content, paths, manifest, { workers: 2, cacheDir }, third);
    expect(third).toEqual({ parsed: 1, cached: 11, timedOut: 0, pruned: 0, workerCpuMicros: expect.any(Number) });
    expect(changed[3]!.source_sha256).not.toBe(clean[3]!.source_sha256);
    expect(JSON.stringify(changed.filter((_, i) => i !== 3))).toBe(JSON.stringify(clean.filter((_, i) => i !== 3)));
  }, 120_000);
});

describe('parseDigests', () => {
  it('hands over parsed records with their digest, and on a warm cache the cached digest without loading the record', () => {
    const cacheDir = join(dir, 'digest-cache');
    const paths = listContentFiles(content).filter((p) => p !== 'hang.txt');
    const manifest = readSourcesManifest(content);
    const digestOf = (r: ReportRecord) => ({ id: r.report_id, sections: r.sections.length });
    const collect = () => {
      const got: { key: string; digest: { id: string; sections: number }; record: ReportRecord | null; cached: boolean }[] = [];
      parseDigests(content, paths, manifest, { workers: 2, cacheDir }, digestOf, (i, key, digest, record, cached) => (got[i] = { key, digest, record, cached }));
      return got;
    };
    const first = collect();
    expect(first.map((g) => g.record!.source_file)).toEqual(paths);
    for (const g of first) expect(g.digest).toEqual(digestOf(g.record!));
    expect(first.every((g) => g.cached)).toBe(true);
    const warm = collect();
    expect(warm.map((g) => g.record)).toEqual(paths.map(() => null));
    expect(warm.map((g) => g.digest)).toEqual(first.map((g) => g.digest));
    expect(warm.map((g) => g.key)).toEqual(first.map((g) => g.key));
  }, 120_000);
});

describe("npm run bench's splits of the parse step (pool.ts ParserBenchmark)", () => {
  const paths = () => listContentFiles(content).filter((p) => p !== 'hang.txt');
  // As the bench runs the build's step: records kept in the workers, SLIM_DIGEST back, a fresh cache each time.
  const step = (benchmark?: ParserBenchmark) => {
    const got = stats();
    const digests: string[] = [];
    parseDigests(content, paths(), readSourcesManifest(content), { workers: 2, cacheDir: mkdtempSync(join(dir, 'bench-')), benchmark }, SLIM_DIGEST, (i, _key, digest) => (digests[i] = JSON.stringify(digest)), got, true);
    return { stats: got, distinct: new Set(digests).size };
  };

  it("'time-parser' says how much of the workers' CPU the parser took; a build's step says nothing of it", () => {
    const timed = step('time-parser');
    expect(timed.stats.parsed).toBe(paths().length);
    // The parser's share: some CPU, and less than the workers' whole (which also start up and keep records).
    expect(timed.stats.parseCpuMicros).toBeGreaterThan(0);
    expect(timed.stats.parseCpuMicros).toBeLessThan(timed.stats.workerCpuMicros!);
    expect(timed.distinct).toBe(paths().length);
    expect(step().stats.parseCpuMicros).toBeUndefined();
  }, 120_000);

  it("'parser-once' has each worker keep its first file's record for every file", () => {
    const once = step('parser-once');
    expect(once.stats.parsed).toBe(paths().length);
    // One record per worker that started, instead of one per file.
    expect(once.distinct).toBeGreaterThanOrEqual(1);
    expect(once.distinct).toBeLessThanOrEqual(2);
  }, 120_000);
});

describe('runPool', () => {
  it('turns a file that never finishes into a failed record with file.timeout, and finishes the rest', () => {
    writeFileSync(join(content, 'hang.txt'), '一、总体情况\n');
    const paths = ['hang.txt', ...listContentFiles(content).filter((p) => p !== 'hang.txt').slice(0, 3)];
    const manifest = readSourcesManifest(content);
    const records: ReportRecord[] = [];
    let cursor = 0;
    const started = Date.now();
    runPool(
      () => (cursor < paths.length ? { index: cursor, file: readInputFile(content, paths[cursor++]!, manifest) } : null),
      (index, record) => (records[index] = record!),
      { workers: 2, timeoutMs: 10_000, workerUrl: new URL('./hanging-worker.ts', import.meta.url) },
    );
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(records[0]!.parse_status).toBe('failed');
    expect(records[0]!.findings.map((f) => f.rule)).toEqual(['file.timeout']);
    expect(records[0]!.findings[0]!.message_en).toContain('hang.txt');
    for (const r of records.slice(1)) expect(r.findings.some((f) => f.rule === 'file.timeout')).toBe(false);
    expect(records.map((r) => r.source_file)).toEqual(paths);
  }, 120_000);
});
