/**
 * A parse worker: receives input files on its port, answers with records and
 * bumps the shared signal so the pool (which waits synchronously) wakes up.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parseReport } from '../report.ts';
import { deflateFile, emitReport, keepRecord, type DeflateJob, type EmitJob, type Prepare } from './prepare.ts';
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

port.on('message', (job: { index: number; file: InputFile; prepare?: Prepare; emit?: EmitJob; deflate?: DeflateJob }) => {
  try {
    if (job.emit) answer({ index: job.index, digest: emitReport(job.emit) });
    else if (job.deflate) answer({ index: job.index, digest: deflateFile(job.deflate) });
    else {
      const record = parseReport(job.file);
      // With `prepare`, the record stays here, in the parse cache; only its digest travels back.
      answer(job.prepare ? { index: job.index, digest: keepRecord(record, job.prepare) } : { index: job.index, record });
    }
  } catch (error) {
    answer({ index: job.index, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
answer({ ready: true });
parentPort?.unref();
