/**
 * A parse worker: receives input files on its port, answers with records and
 * bumps the shared signal so the pool (which waits synchronously) wakes up.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parseReport } from '../report.ts';
import type { InputFile } from '../../schema/types.ts';

interface WorkerInit {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

const { port, signal } = workerData as WorkerInit;
const flag = new Int32Array(signal);

function answer(message: unknown): void {
  port.postMessage(message);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

port.on('message', (job: { index: number; file: InputFile }) => {
  try {
    answer({ index: job.index, record: parseReport(job.file) });
  } catch (error) {
    answer({ index: job.index, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
answer({ ready: true });
parentPort?.unref();
