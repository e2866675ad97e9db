/** Test worker: parses like the real one, but never returns for a file whose name contains `hang`. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { parseReport } from '../../../src/pipeline/report.ts';
import type { InputFile } from '../../../src/schema/types.ts';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const flag = new Int32Array(signal);
function answer(message: unknown): void {
  port.postMessage(message);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}
port.on('message', (job: { index: number; file: InputFile }) => {
  if (job.file.path.includes('hang')) for (;;);
  answer({ index: job.index, record: parseReport(job.file) });
});
answer({ ready: true });
