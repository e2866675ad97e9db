/**
 * npm run bench's all-cores parse row (src/synth/bench/parse-cores.ts): each
 * worker parses its own share (every k-th file), the shares together are the
 * corpus once, and the warm figure covers only the reports after warmUp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOnAllCores } from '../../../src/synth/bench/parse-cores.ts';
import { writeCorpus } from '../../../src/synth/write.ts';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-parse-cores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const content = writeCorpus(join(dir, 'corpus'), 'parse-cores-test', 12, undefined, false).content;

describe('parseOnAllCores', () => {
  it('parses every report once across the workers, all timed from a common start', async () => {
    const r = await parseOnAllCores({ content, workers: 2, perWorker: 100, warmUp: 0 });
    expect(r.workers.map((w) => w.reports)).toEqual([6, 6]);
    for (const w of r.workers) {
      expect(w.cpuMs).toBeGreaterThan(0);
      expect(w.warmReports).toBe(0);
      // No worker ran longer than the whole run, which ends when the last one answers.
      expect(w.wallMs).toBeLessThanOrEqual(r.wallMs);
    }
    // The process's CPU over the run includes each worker's thread.
    expect(r.processCpuMs).toBeGreaterThanOrEqual(Math.max(...r.workers.map((w) => w.cpuMs)));
  }, 120_000);

  it('caps each share and times the warm part after warmUp parses only', async () => {
    const r = await parseOnAllCores({ content, workers: 2, perWorker: 5, warmUp: 3 });
    for (const w of r.workers) {
      expect(w.reports).toBe(5);
      expect(w.warmReports).toBe(2);
      expect(w.warmWallMs).toBeGreaterThan(0);
      expect(w.warmWallMs).toBeLessThan(w.wallMs);
    }
  }, 120_000);
});
