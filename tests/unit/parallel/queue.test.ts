/**
 * runPool keeps several jobs queued in each worker, so a worker never waits
 * for the main thread between two files; a job's time limit still starts only
 * when the job before it was answered, and the jobs queued behind a file that
 * timed out go to a new worker.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPool } from '../../../src/pipeline/parallel/pool.ts';
import { readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';

const SLOW_WORKER = new URL('./slow-worker.ts', import.meta.url);
let dir: string;
let content: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-queue-'));
  content = join(dir, 'content');
  writeFiles();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeFiles(): void {
  mkdirSync(content, { recursive: true });
  for (const name of ['hang.txt', 'slow-1.txt', 'slow-2.txt', 'slow-3.txt', 'a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt']) {
    writeFileSync(join(content, name), `一、总体情况\n${name} 本年度主动公开政府信息。\n`);
  }
}

/** Runs the pool over `names`; returns the records by index, how often each index was done, and next() calls made before the first answer. */
function run(names: string[], options: { workers: number; timeoutMs: number; queueDepth?: number }) {
  const manifest = readSourcesManifest(content);
  const records: ReportRecord[] = [];
  const times = names.map(() => 0);
  let cursor = 0;
  let readBeforeFirstAnswer = -1;
  runPool(
    () => (cursor < names.length ? { index: cursor, file: readInputFile(content, names[cursor++]!, manifest) } : null),
    (index, record) => {
      if (readBeforeFirstAnswer < 0) readBeforeFirstAnswer = cursor;
      records[index] = record!;
      times[index]!++;
    },
    { ...options, workerUrl: SLOW_WORKER },
  );
  return { records, times, readBeforeFirstAnswer };
}

const timedOut = (r: ReportRecord) => r.findings.some((f) => f.rule === 'file.timeout');

describe('runPool queues', () => {
  it('hands a worker several jobs before it answers the first', () => {
    const names = ['slow-1.txt', 'a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt'];
    const { records, times, readBeforeFirstAnswer } = run(names, { workers: 1, timeoutMs: 20_000, queueDepth: 4 });
    // The four queued in the worker, and one read ahead, while it sleeps on the first.
    expect(readBeforeFirstAnswer).toBeGreaterThanOrEqual(5);
    expect(times).toEqual(names.map(() => 1));
    expect(records.map((r) => r.source_file)).toEqual(names);
    expect(records.some(timedOut)).toBe(false);
  }, 120_000);

  it('starts a queued job\'s time limit only when the one before it is answered: slow files in a row are not timed out', () => {
    // 3 × 1.5 s queued together in one worker, each within its 2.5 s limit though all three together are not.
    const names = ['slow-1.txt', 'slow-2.txt', 'slow-3.txt', 'a.txt'];
    const { records, times } = run(names, { workers: 1, timeoutMs: 2_500, queueDepth: 4 });
    expect(times).toEqual(names.map(() => 1));
    expect(records.some(timedOut)).toBe(false);
  }, 120_000);

  it('re-sends the jobs queued behind a file that timed out to a new worker', () => {
    const names = ['hang.txt', 'a.txt', 'b.txt', 'c.txt', 'd.txt'];
    const { records, times } = run(names, { workers: 1, timeoutMs: 2_000, queueDepth: 4 });
    expect(times).toEqual(names.map(() => 1));
    expect(records.map((r) => r.source_file)).toEqual(names);
    expect(timedOut(records[0]!)).toBe(true);
    expect(records[0]!.parse_status).toBe('failed');
    for (const r of records.slice(1)) {
      expect(timedOut(r)).toBe(false);
      expect(r.source_sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  }, 120_000);
});
