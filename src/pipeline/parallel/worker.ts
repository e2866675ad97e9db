/**
 * A parse worker: receives jobs on its port, in order, and answers each with
 * a record (or, for a prepare job, its digest). The pool keeps a few jobs
 * queued here; a worker bumps the shared signal, waking the pool (which waits
 * synchronously), only when few are left, so most answers are only posted.
 * It loads only the code its pool's jobs need: a parse worker the parser, an
 * emit worker the emit code (each is about a third of a second of start-up).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { releaseCaches, type DeflateJob, type EmitJob, type Prepare } from './prepare.ts';
import type { PoolWork, WorkerInit } from './pool.ts';
import type { InputFile } from '../../schema/types.ts';

interface Job {
  index: number;
  file: InputFile;
  prepare?: Prepare;
  emit?: EmitJob;
  deflate?: DeflateJob;
}

const { port, signal, sent, lowWater, work } = workerData as WorkerInit;
const flag = new Int32Array(signal);
const sentCount = new Int32Array(sent);
let handled = 0;

/** What a job of this pool's work is answered with (its index is added); a job of another kind throws. */
async function handlerFor(work: PoolWork): Promise<(job: Job) => object> {
  if (work === 'emit') {
    const { deflateFile, emitReport } = await import('./emit-jobs.ts');
    return (job) => {
      if (job.emit) return { digest: emitReport(job.emit) };
      if (job.deflate) return { digest: deflateFile(job.deflate) };
      throw new Error('a file to parse sent to an emit worker');
    };
  }
  const [{ parseReport }, { keepRecord }] = await Promise.all([import('../report.ts'), import('./prepare.ts')]);
  return (job) => {
    if (job.emit || job.deflate) throw new Error('an emit job sent to a parse worker');
    const record = parseReport(job.file);
    // With `prepare`, the record stays here, in the parse cache; only its digest travels back.
    return job.prepare ? { digest: keepRecord(record, job.prepare) } : { record };
  };
}

const handle = await handlerFor(work);

function wake(): void {
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** This thread's CPU time, µs, sent with each answer so a pool can say what its workers cost (process.threadCpuUsage: Node 22.19+). */
const threadCpu: () => number | undefined =
  typeof process.threadCpuUsage === 'function' ? () => { const { user, system } = process.threadCpuUsage(); return user + system; } : () => undefined;

function answer(message: unknown): void {
  port.postMessage(message);
  handled++;
  if (Atomics.load(sentCount, 0) - handled <= lowWater) wake();
}

port.on('message', (job: Job) => {
  let message: object;
  try {
    message = { index: job.index, ...handle(job) };
  } catch (error) {
    message = { index: job.index, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  // The last job sent so far: the pack files are closed before its answer, after which the pool may end this worker.
  if (Atomics.load(sentCount, 0) - handled <= 1) releaseCaches();
  answer({ ...message, cpu: threadCpu() });
});
port.postMessage({ ready: true });
wake();
parentPort?.unref();
