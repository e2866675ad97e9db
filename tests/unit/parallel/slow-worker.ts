/**
 * Test worker: parses like the real one and wakes the pool as worker.ts does (only when its queue runs low),
 * but first sleeps 1.5 s on a file whose name contains `slow`, and never returns for one whose name contains `hang`.
 */
import { workerData } from 'node:worker_threads';
import { parseReport } from '../../../src/pipeline/report.ts';
import type { WorkerInit } from '../../../src/pipeline/parallel/pool.ts';
import type { InputFile } from '../../../src/schema/types.ts';

const { port, signal, sent, lowWater } = workerData as WorkerInit;
const flag = new Int32Array(signal);
const sentCount = new Int32Array(sent);
const nap = new Int32Array(new SharedArrayBuffer(4));
let handled = 0;
function wake(): void {
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}
port.on('message', (job: { index: number; file: InputFile }) => {
  if (job.file.path.includes('hang')) for (;;);
  if (job.file.path.includes('slow')) Atomics.wait(nap, 0, 0, 1500);
  port.postMessage({ index: job.index, record: parseReport(job.file) });
  handled++;
  if (Atomics.load(sentCount, 0) - handled <= lowWater) wake();
});
port.postMessage({ ready: true });
wake();
