/**
 * Parse input files across cores with worker threads, synchronously (the
 * caller's pipeline stays a plain function): the main thread waits on a
 * shared counter and drains the workers' ports with receiveMessageOnPort.
 * Each worker holds a few jobs at once, so it starts the next the moment it
 * finishes one, and wakes this thread only when its queue runs low (worker-loop.ts).
 * Results are placed by input index, so the output never depends on which
 * worker finished first. A file over the per-file limit gets its worker
 * terminated and becomes a failed record with a `file.timeout` finding; the
 * jobs queued behind it go to another worker.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { InputFile, ReportRecord } from '../../schema/types.ts';
import type { DeflateJob, EmitJob, Prepare } from './prepare.ts';
import { TYPESCRIPT_NODE_ARGS } from '../../typescript-loader.ts';
import { failedRecordFor, timedOutRecord } from './timeout.ts';
import { parseWorkerBundle } from './worker-bundle.ts';

export interface PoolOptions {
  workers: number;
  /** Per-file limit in milliseconds. */
  timeoutMs: number;
  /** Worker entry; the parse worker by default (tests pass a deliberately slow one). */
  workerUrl?: URL;
  /** Jobs a worker holds at once (QUEUE_DEPTH by default). */
  queueDepth?: number;
  /** What the jobs are, so a worker loads only the code for them (parse-worker.ts, emit-worker.ts): files to parse by default. */
  work?: PoolWork;
  /** Filled in when the pool ends: the CPU time its workers' own threads used, in µs, as they last reported it (worker-loop.ts). */
  usage?: { workerCpuMicros: number; parseCpuMicros?: number };
  /** For npm run bench only: what the parse workers do besides parsing (ParserBenchmark). */
  benchmark?: ParserBenchmark;
}

/** Files to parse (the parser), or emit and deflate jobs (the emit code). */
export type PoolWork = 'parse' | 'emit';

/** One job: a file to parse, or an emit or deflate job (prepare.ts, emit-jobs.ts). */
export interface PoolJob {
  index: number;
  file: InputFile;
  prepare?: Prepare;
  emit?: EmitJob;
  deflate?: DeflateJob;
}

/** The next file to parse, or null when there is none; called lazily so bytes are read only when needed. */
export type NextJob = () => PoolJob | null;

/** Jobs a worker holds at once: enough that it never waits for this thread between two of them. */
export const QUEUE_DEPTH = 16;
/** A worker wakes this thread when it finishes a job with this many or fewer left in its queue (worker-loop.ts). */
export const LOW_WATER = 4;

/** What a worker (worker-loop.ts) is started with. */
export interface WorkerInit {
  port: MessagePort;
  /** Bumped and notified by a worker that wants this thread to wake. */
  signal: SharedArrayBuffer;
  /** One Int32: how many jobs this thread has sent the worker so far. */
  sent: SharedArrayBuffer;
  lowWater: number;
  benchmark?: ParserBenchmark;
}

/**
 * npm run bench's ways of splitting the build's parse step, never set by a build: 'time-parser' has each parse
 * worker time parseReport by its thread's CPU (worker-loop.ts timedParse; two readings a report, ~4 µs), into
 * usage.parseCpuMicros; 'parser-once' has it parse only its first file and keep that record for every file, so
 * the step is timed with everything but the parser (the bundle, the jobs, the records kept, the digests).
 */
export type ParserBenchmark = 'time-parser' | 'parser-once';

interface Slot {
  worker: Worker;
  port: MessagePort;
  sent: Int32Array;
  ready: boolean;
  /**
   * Jobs sent and not answered, in the order sent (a worker answers in that
   * order). Only the first can be running; its deadline is set when it becomes
   * first, which is no later than when the worker can have started it.
   */
  jobs: PoolJob[];
  deadline: number;
  /** CPU µs of the worker's thread as it last reported it (with some answers: worker-loop.ts). */
  cpu: number;
  /** Of that, µs inside the parser ('time-parser'). */
  parseCpu: number;
}

interface Reply {
  ready?: boolean;
  index?: number;
  record?: ReportRecord;
  /** Instead of the record, when the job asked the worker to keep it (prepare.ts). */
  digest?: unknown;
  error?: string;
  /** The worker thread's CPU time so far, µs (worker-loop.ts). */
  cpu?: number;
  /** Of that, µs inside the parser ('time-parser'). */
  parseCpu?: number;
}

/**
 * The bytes in an ArrayBuffer of their own: a view into a larger buffer
 * would be cloned with all of it. They are copied to the worker, not
 * transferred, so a job can be sent again if the worker ahead of it dies.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return new Uint8Array(bytes);
}

const PARSE_WORKER = new URL('./parse-worker.ts', import.meta.url);
const EMIT_WORKER = new URL('./emit-worker.ts', import.meta.url);
/** A worker that cannot even start within this time is a broken setup, not a slow file. */
const STARTUP_LIMIT_MS = 60_000;

function spawn(signal: SharedArrayBuffer, url: URL, benchmark?: ParserBenchmark): Slot {
  const { port1, port2 } = new MessageChannel();
  const sent = new SharedArrayBuffer(4);
  const init: WorkerInit = { port: port2, signal, sent, lowWater: LOW_WATER, benchmark };
  // A bundle (worker-bundle.ts) is JavaScript: it needs no TypeScript loader.
  const execArgv = url.pathname.endsWith('.mjs') ? [] : [...TYPESCRIPT_NODE_ARGS];
  const worker = new Worker(url, { workerData: init, transferList: [port2], execArgv });
  worker.unref();
  return { worker, port: port1, sent: new Int32Array(sent), ready: false, jobs: [], deadline: Infinity, cpu: 0, parseCpu: 0 };
}

function send(slot: Slot, job: PoolJob, timeoutMs: number): void {
  if (slot.jobs.length === 0) slot.deadline = Date.now() + timeoutMs;
  slot.jobs.push(job);
  // Counted before it is posted: a worker that sees the count early only wakes this thread less.
  Atomics.add(slot.sent, 0, 1);
  const { index, file, prepare, emit, deflate } = job;
  slot.port.postMessage({ index, file: { ...file, bytes: ownBuffer(file.bytes) }, prepare, emit, deflate });
}

/**
 * Runs every job from `next` and calls `done(index, record)` for each, in completion order;
 * callers store by index. Returns when all jobs are done.
 */
export function runPool(next: NextJob, done: (index: number, record: ReportRecord | null, digest?: unknown) => void, options: PoolOptions): void {
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const url = options.workerUrl ?? (options.work === 'emit' ? EMIT_WORKER : (parseWorkerBundle() ?? PARSE_WORKER));
  const depth = Math.max(1, options.queueDepth ?? QUEUE_DEPTH);
  const maxWorkers = Math.max(1, options.workers);
  const { benchmark } = options;
  const slots: Slot[] = [spawn(signal, url, benchmark)];
  const started = Date.now();
  let exhausted = false;
  let retiredCpu = 0;
  let retiredParseCpu = 0;
  // Jobs read ahead of the workers (one per worker), and those re-sent after a timeout.
  const ahead: PoolJob[] = [];
  const take = (): PoolJob | null => {
    if (ahead.length > 0) return ahead.shift()!;
    if (exhausted) return null;
    const job = next();
    if (!job) exhausted = true;
    return job;
  };
  try {
    for (;;) {
      const seen = Atomics.load(flag, 0);
      for (const slot of slots) {
        let answered = false;
        for (let msg = receiveMessageOnPort(slot.port); msg; msg = receiveMessageOnPort(slot.port)) {
          const reply = msg.message as Reply;
          if (reply.cpu !== undefined) slot.cpu = reply.cpu;
          if (reply.parseCpu !== undefined) slot.parseCpu = reply.parseCpu;
          if (reply.ready) slot.ready = true;
          else if (slot.jobs.length > 0 && reply.index === slot.jobs[0]!.index) {
            const { file } = slot.jobs.shift()!;
            answered = true;
            if (reply.digest !== undefined && reply.record === undefined) done(reply.index, null, reply.digest);
            else done(reply.index, reply.record ?? failedRecordFor(file, 'file.unreadable', `${file.path}：解析程序出错（${reply.error}）`, `${file.path}: the parser failed (${reply.error})`));
          }
        }
        // The next job's time starts now, after its worker answered the one before: never earlier than it began.
        if (answered) slot.deadline = slot.jobs.length > 0 ? Date.now() + options.timeoutMs : Infinity;
      }
      const now = Date.now();
      for (const [i, slot] of slots.entries()) {
        if (slot.jobs.length > 0 && now > slot.deadline) {
          const [running, ...queued] = slot.jobs;
          done(running!.index, timedOutRecord(running!.file, options.timeoutMs));
          void slot.worker.terminate();
          slot.port.close();
          // The jobs behind it were never started: they go to the next free worker, bytes and all.
          ahead.unshift(...queued);
          retiredCpu += slot.cpu;
          retiredParseCpu += slot.parseCpu;
          slots[i] = spawn(signal, url, benchmark);
        } else if (!slot.ready && now - started > STARTUP_LIMIT_MS && slots.every((s) => !s.ready)) {
          throw new Error(`parse workers did not start within ${STARTUP_LIMIT_MS} ms (${url.pathname})`);
        }
      }
      // Each ready worker's queue is topped up, the emptiest first, so the work stays spread evenly.
      for (;;) {
        let emptiest: Slot | null = null;
        for (const slot of slots) if (slot.ready && slot.jobs.length < depth && (!emptiest || slot.jobs.length < emptiest.jobs.length)) emptiest = slot;
        if (!emptiest) break;
        const job = take();
        if (!job) break;
        send(emptiest, job, options.timeoutMs);
      }
      // One job per worker is read ahead, so reading (and the cache hits met on the way) goes on while workers start.
      while (!exhausted && ahead.length < maxWorkers) {
        const job = next();
        if (job) ahead.push(job);
        else exhausted = true;
      }
      // Another worker only when jobs wait for every one there is: a rebuild of one changed file starts one.
      if (slots.length < maxWorkers && ahead.length > slots.filter((s) => s.jobs.length === 0).length) slots.push(spawn(signal, url, benchmark));
      if (exhausted && ahead.length === 0 && slots.every((s) => s.jobs.length === 0)) return;
      const nearest = Math.min(200, ...slots.map((s) => s.deadline - Date.now()));
      Atomics.wait(flag, 0, seen, Math.max(1, nearest + 1));
    }
  } finally {
    if (options.usage) {
      options.usage.workerCpuMicros = slots.reduce((sum, slot) => sum + slot.cpu, retiredCpu);
      if (benchmark === 'time-parser') options.usage.parseCpuMicros = slots.reduce((sum, slot) => sum + slot.parseCpu, retiredParseCpu);
    }
    for (const slot of slots) {
      slot.port.close();
      void slot.worker.terminate();
    }
  }
}
