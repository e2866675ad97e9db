/**
 * A parse worker: receives jobs on its port, in order, and answers each with
 * a record (or, for a prepare job, its digest). The pool keeps a few jobs
 * queued here; a worker bumps the shared signal, waking the pool (which waits
 * synchronously), only when few are left, so most answers are only posted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseReport } from '../report.ts';
import { deflateFile, emitReport, keepRecord, type DeflateJob, type EmitJob, type Prepare } from './prepare.ts';
import type { WorkerInit } from './pool.ts';
import type { InputFile } from '../../schema/types.ts';

const { port, signal, sent, lowWater } = workerData as WorkerInit;
const flag = new Int32Array(signal);
const sentCount = new Int32Array(sent);
let handled = 0;

function wake(): void {
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function answer(message: unknown): void {
  port.postMessage(message);
  handled++;
  if (Atomics.load(sentCount, 0) - handled <= lowWater) wake();
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
port.postMessage({ ready: true });
wake();
parentPort?.unref();
