/**
 * A pool worker's loop (pool.ts): receives jobs on its port, in order, and
 * answers each through `handle`. The pool keeps a few jobs queued here; a
 * worker bumps the shared signal, waking the pool (which waits
 * synchronously), only when few are left, so most answers are only posted.
 * The entries parse-worker.ts and emit-worker.ts give it their handler, so a
 * worker loads only the code its pool's jobs need.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DeflateJob, EmitJob, Prepare } from './prepare.ts';
import type { ParserBenchmark, WorkerInit } from './pool.ts';
import type { InputFile } from '../../schema/types.ts';

export interface Job {
  index: number;
  file: InputFile;
  prepare?: Prepare;
  emit?: EmitJob;
  deflate?: DeflateJob;
}

/**
 * This thread's CPU time, µs, sent so a pool can say what its workers cost (process.threadCpuUsage: Node 22.19+):
 * with every CPU_EVERY-th answer and with the answer to the last job sent so far, which is the last one a pool
 * that has no more jobs gets (reading it costs ~15 µs, as much as the rest of an answer).
 */
const CPU_EVERY = 64;
const threadCpu: () => number | undefined =
  typeof process.threadCpuUsage === 'function' ? () => { const { user, system } = process.threadCpuUsage(); return user + system; } : () => undefined;

/** What npm run bench asked of this worker, if anything (pool.ts ParserBenchmark). */
export const parserBenchmark: ParserBenchmark | undefined = (workerData as WorkerInit | null)?.benchmark;
/** With 'time-parser': this thread's CPU µs inside `timedParse`, sent with every `cpu` as `parseCpu`. */
let parseCpu = 0;
const timing = parserBenchmark === 'time-parser' && typeof process.threadCpuUsage === 'function';

/**
 * `parse` itself, or under the 'time-parser' benchmark `parse` wrapped to add its thread CPU time to what this
 * worker reports: chosen once, so a build's parses go through no wrapper.
 */
export function timedParse<A, R>(parse: (input: A) => R): (input: A) => R {
  if (!timing) return parse;
  return (input) => {
    const before = process.threadCpuUsage();
    try {
      return parse(input);
    } finally {
      const spent = process.threadCpuUsage(before);
      parseCpu += spent.user + spent.system;
    }
  };
}

/**
 * Answers every job with `handle(job)` plus its index (or the error it threw); `beforeLast` runs before the answer
 * to the last job sent so far, after which the pool may end this worker.
 */
export function serveJobs(handle: (job: Job) => object, beforeLast: () => void = () => {}): void {
  const { port, signal, sent, lowWater } = workerData as WorkerInit;
  const flag = new Int32Array(signal);
  const sentCount = new Int32Array(sent);
  let handled = 0;
  const wake = () => {
    Atomics.add(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const answer = (message: unknown) => {
    port.postMessage(message);
    handled++;
    if (Atomics.load(sentCount, 0) - handled <= lowWater) wake();
  };
  port.on('message', (job: Job) => {
    let message: object;
    try {
      message = { index: job.index, ...handle(job) };
    } catch (error) {
      message = { index: job.index, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    const last = Atomics.load(sentCount, 0) - handled <= 1;
    if (last) beforeLast();
    answer(last || handled % CPU_EVERY === 0 ? { ...message, cpu: threadCpu(), ...(timing ? { parseCpu } : {}) } : message);
  });
  port.postMessage({ ready: true });
  wake();
  parentPort?.unref();
}
