/**
 * Parse throughput with every core parsing at once, for npm run bench: one
 * worker thread per core, each with its share of the reports (every k-th
 * file) read into memory first, all starting together. It times the parser
 * alone — no reading, hashing, parse cache, digests or worker start-up, which
 * the build's parse step adds (its own rows) — with both cores busy, as in a
 * build, rather than one thread beside an idle core.
 *
 * Two figures per run: over each worker's whole share from its first parse
 * (V8 compiling the parser meanwhile, in every worker anew), and over the
 * reports each worker parses after `warmUp` of them (never parsed before).
 */
import { Worker } from 'node:worker_threads';
import { TYPESCRIPT_NODE_ARGS } from '../../typescript-loader.ts';

export interface CoresRun {
  content: string;
  /** Worker threads (one per core). */
  workers: number;
  /** Each worker parses at most this many reports. */
  perWorker: number;
  /** Parses before a worker's warm figure starts; 0 for none (the share is too small). */
  warmUp: number;
}

/** What one worker measured (parse-cores-worker.ts). */
export interface WorkerTimes {
  reports: number;
  /** Wall ms and thread CPU ms over the whole share. */
  wallMs: number;
  cpuMs: number;
  /** The same over the reports after warmUp; 0 reports when there was no warm part. */
  warmReports: number;
  warmWallMs: number;
  warmCpuMs: number;
}

export interface CoresResult {
  workers: WorkerTimes[];
  /** Wall ms from the common start to the last worker's end. */
  wallMs: number;
  /** The whole process's CPU ms over that time: the workers, V8's compiler and GC threads. */
  processCpuMs: number;
}

const WORKER = new URL('./parse-cores-worker.ts', import.meta.url);

/** Starts the workers, waits until each has read its share, then lets them all parse at once. */
export async function parseOnAllCores(run: CoresRun): Promise<CoresResult> {
  const go = new SharedArrayBuffer(4);
  const workers = Array.from({ length: run.workers }, (_, k) => new Worker(WORKER, { workerData: { ...run, k, go }, execArgv: [...TYPESCRIPT_NODE_ARGS] }));
  const next = (worker: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  try {
    await Promise.all(workers.map(next)); // each has read its share
    const finished = workers.map(next);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const flag = new Int32Array(go);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    const times = (await Promise.all(finished)) as WorkerTimes[];
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { workers: times, wallMs, processCpuMs: (used.user + used.system) / 1000 };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
