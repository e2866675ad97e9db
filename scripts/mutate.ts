/**
 * npm run mutate [-- --count 50000 --seed 20261124 --workers 1 --content content]
 * Mutation testing of the parser (src/robustness/README.md): builds `count`
 * fixed-seed mutants of the corpus reports, parses each in a worker, and prints
 * crashes, hangs (over 2 s of CPU, or a worker silent for --stall seconds),
 * lost inputs and invariant breaches. Exit status 1 when any is non-zero.
 */
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { addResult, emptyTally, HANG_MS, type MutantResult } from '../src/robustness/harness.ts';
import type { WorkerJob } from '../src/robustness/worker.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '20261124' },
    from: { type: 'string', default: '0' },
    workers: { type: 'string', default: '1' },
    content: { type: 'string', default: 'content' },
    'huge-line-max': { type: 'string', default: '1000000' },
    stall: { type: 'string', default: '60' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const from = Number(values.from);
const stallMs = Number(values.stall) * 1000;
const tally = emptyTally();
const started = Date.now();

/** Runs mutants [lo, hi) in workers, restarting after a mutant that stalls its worker. */
function runRange(lo: number, hi: number): Promise<void> {
  return new Promise((done) => {
    const job: WorkerJob = { content: values.content!, seed, from: lo, to: hi, hugeLineMax: Number(values['huge-line-max']) };
    const worker = new Worker(new URL('../src/robustness/worker.ts', import.meta.url), { workerData: job });
    let current = lo;
    let since = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - since < stallMs) return;
      clearInterval(watchdog);
      void worker.terminate();
      const hang: MutantResult = { index: current, op: 'truncate', source: '?', ms: Date.now() - since, crash: null, hang: true, lost: true, failed: true, breaches: [] };
      addResult(tally, hang);
      console.error(`mutant ${current}: no answer in ${values.stall} s, worker stopped`);
      void runRange(current + 1, hi).then(done);
    }, 1000);
    worker.on('message', (m: { type: string; index?: number; result?: MutantResult }) => {
      if (m.type === 'start') {
        current = m.index!;
        since = Date.now();
      } else if (m.type === 'result') {
        addResult(tally, m.result!);
        if (tally.mutants % 5000 === 0) console.error(`${tally.mutants} mutants, ${Math.round((Date.now() - started) / 1000)} s`);
      } else if (m.type === 'done') {
        clearInterval(watchdog);
        void worker.terminate().then(() => done());
      }
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      const crash: MutantResult = { index: current, op: 'truncate', source: '?', ms: 0, crash: `worker: ${e.message}`, hang: false, lost: true, failed: true, breaches: [] };
      addResult(tally, crash);
      void runRange(current + 1, hi).then(done);
    });
  });
}

const workers = Math.max(1, Number(values.workers));
const per = Math.ceil(count / workers);
await Promise.all(Array.from({ length: workers }, (_, w) => runRange(from + w * per, from + Math.min(count, (w + 1) * per))));

const seconds = (Date.now() - started) / 1000;
console.log(`nianbao mutate: seed ${seed}, mutants ${from}…${from + count - 1}, ${seconds.toFixed(0)} s`);
console.log(`  mutants      ${tally.mutants}`);
console.log(`  crashes      ${tally.crashes}`);
console.log(`  hangs        ${tally.hangs}   (over ${HANG_MS} ms of CPU; slowest ${tally.maxMs.toFixed(0)} ms; mean ${(tally.totalMs / Math.max(1, tally.mutants)).toFixed(1)} ms)`);
console.log(`  lost inputs  ${tally.lost}`);
console.log(`  breaches     ${tally.breaches}`);
console.log(`  by operator  ${Object.entries(tally.byOperator).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`  whole file refused (allowed, counted): ${Object.entries(tally.failedByOperator).sort().map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
for (const e of tally.examples) {
  const what = e.crash ?? (e.hang ? `hang ${e.ms.toFixed(0)} ms` : e.lost ? 'lost' : e.breaches.map((b) => `${b.kind} ${b.key}: ${b.detail}`).join('; '));
  console.log(`  #${e.index} ${e.op} ${e.source}: ${what}`);
}
process.exit(tally.crashes + tally.hangs + tally.lost + tally.breaches > 0 ? 1 : 0);
