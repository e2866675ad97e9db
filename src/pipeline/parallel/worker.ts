/**
 * A parse worker: receives jobs on its port, in order, and answers each with
 * a record (or, for a prepare job, its digest). The pool keeps a few jobs
 * queued here; a worker bumps the shared signal, waking the pool (which waits
 * synchronously), only when few are left, so most answers are only posted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseReport } from '../report.ts';
import { deflateFile, emitReport, keepRecord, releaseCaches, type DeflateJob, type EmitJob, type Prepare } from './prepare.ts';
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
  let message: unknown;
  try {
    if (job.emit) message = { index: job.index, digest: emitReport(job.emit) };
    else if (job.deflate) message = { index: job.index, digest: deflateFile(job.deflate) };
    else {
      const record = parseReport(job.file);
      // With `prepare`, the record stays here, in the parse cache; only its digest travels back.
      message = job.prepare ? { index: job.index, digest: keepRecord(record, job.prepare) } : { index: job.index, record };
    }
  } catch (error) {
    message = { index: job.index, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  // The last job sent so far: the pack files are closed before its answer, after which the pool may end this worker.
  if (Atomics.load(sentCount, 0) - handled <= 1) releaseCaches();
  answer(message);
});
port.postMessage({ ready: true });
wake();
parentPort?.unref();
