/**
 * Fixed-seed mutation sample (npm test): 2,000 mutants of the corpus reports,
 * each parsed without exception, in bounded time, with a record, and keeping
 * the invariants of src/robustness/README.md. `npm run mutate` runs 50,000+.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_MS, loadCorpus, runMutants } from '../../../src/robustness/harness.ts';
import { pipelineSample } from '../../../src/robustness/pipeline-sample.ts';

const SEED = 20261124;
const corpus = loadCorpus('content');

describe('mutation sample', () => {
  it('has the ten corpus reports to mutate', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10);
  });

  it('2,000 mutants: zero crashes, hangs, lost inputs and invariant breaches', () => {
    // Huge lines up to 200,000 characters here; npm run mutate goes to 1,000,000.
    const t = runMutants(corpus, SEED, 0, 2000, undefined, 200_000);
    const show = t.examples.slice(0, 5).map((e) => ({ index: e.index, op: e.op, source: e.source, crash: e.crash, ms: Math.round(e.ms), breaches: e.breaches.slice(0, 3) }));
    expect({ crashes: t.crashes, hangs: t.hangs, lost: t.lost, breaches: t.breaches, examples: show }).toEqual({ crashes: 0, hangs: 0, lost: 0, breaches: 0, examples: [] });
    expect(t.mutants).toBe(2000);
    expect(t.maxMs).toBeLessThan(HANG_MS);
    // Every operator was drawn often enough to matter.
    for (const n of Object.values(t.byOperator)) expect(n).toBeGreaterThan(50);
    expect(Object.keys(t.byOperator)).toHaveLength(12);
  });

  it('every mutant of a sample gets its own row in reports.csv', async () => {
    const r = await pipelineSample(corpus, SEED, 0, 120, join(tmpdir(), `nianbao-mutants-${process.pid}`));
    expect(r).toEqual({ inputs: 120, rows: 120, missing: [], unknown: [] });
  });
});
