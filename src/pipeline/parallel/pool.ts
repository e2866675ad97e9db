/**
 * Parse input files across cores with worker threads, synchronously (the
 * caller's pipeline stays a plain function): the main thread waits on a
 * shared counter and drains the workers' ports with receiveMessageOnPort.
 * Results are placed by input index, so the output never depends on which
 * worker finished first. A file over the per-file limit gets its worker
 * terminated and becomes a failed record with a `file.timeout` finding.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { InputFile, ReportRecord } from '../../schema/types.ts';
import type { DeflateJob, EmitJob, Prepare } from './prepare.ts';
import { TYPESCRIPT_NODE_ARGS } from '../../typescript-loader.ts';
import { failedRecordFor, timedOutRecord } from './timeout.ts';

export interface PoolOptions {
  workers: number;
  /** Per-file limit in milliseconds. */
  timeoutMs: number;
  /** Worker entry; the parse worker by default (tests pass a deliberately slow one). */
  workerUrl?: URL;
}

/** The next file to parse, or null when there is none; called lazily so bytes are read only when needed. */
export type NextJob = () => { index: number; file: InputFile; prepare?: Prepare; emit?: EmitJob; deflate?: DeflateJob } | null;

interface Slot {
  worker: Worker;
  port: MessagePort;
  ready: boolean;
  job: { index: number; file: InputFile; deadline: number } | null;
}

interface Reply {
  ready?: boolean;
  index?: number;
  record?: ReportRecord;
  /** Instead of the record, when the job asked the worker to keep it (prepare.ts). */
  digest?: unknown;
  error?: string;
}

const EMPTY = new Uint8Array(0);

/**
 * The bytes in an ArrayBuffer of their own, which can be transferred without
 * taking other data along. Empty bytes are always fresh: the read stage shares
 * one empty array between refused files, and a transferred buffer is gone.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.length === 0) return new Uint8Array(0);
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);
/** A worker that cannot even start within this time is a broken setup, not a slow file. */
const STARTUP_LIMIT_MS = 60_000;

function spawn(signal: SharedArrayBuffer, url: URL): Slot {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(url, { workerData: { port: port2, signal }, transferList: [port2], execArgv: [...TYPESCRIPT_NODE_ARGS] });
  worker.unref();
  return { worker, port: port1, ready: false, job: null };
}

/**
 * Runs every job from `next` and calls `done(index, record)` for each, in completion order;
 * callers store by index. Returns when all jobs are done.
 */
export function runPool(next: NextJob, done: (index: number, record: ReportRecord | null, digest?: unknown) => void, options: PoolOptions): void {
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const maxWorkers = Math.max(1, options.workers);
  const slots: Slot[] = [spawn(signal, options.workerUrl ?? WORKER_URL)];
  const started = Date.now();
  let exhausted = false;
  const ahead: NonNullable<ReturnType<NextJob>>[] = [];
  try {
    for (;;) {
      const seen = Atomics.load(flag, 0);
      for (const slot of slots) {
        for (let msg = receiveMessageOnPort(slot.port); msg; msg = receiveMessageOnPort(slot.port)) {
          const reply = msg.message as Reply;
          if (reply.ready) slot.ready = true;
          else if (slot.job && reply.index === slot.job.index) {
            const file = slot.job.file;
            slot.job = null;
            if (reply.digest !== undefined && reply.record === undefined) done(reply.index, null, reply.digest);
            else done(reply.index, reply.record ?? failedRecordFor(file, 'file.unreadable', `${file.path}：解析程序出错（${reply.error}）`, `${file.path}: the parser failed (${reply.error})`));
          }
        }
      }
      const now = Date.now();
      for (const [i, slot] of slots.entries()) {
        if (slot.job && now > slot.job.deadline) {
          done(slot.job.index, timedOutRecord(slot.job.file, options.timeoutMs));
          void slot.worker.terminate();
          slots[i] = spawn(signal, options.workerUrl ?? WORKER_URL);
        } else if (!slot.ready && now - started > STARTUP_LIMIT_MS && slots.every((s) => !s.ready)) {
          throw new Error(`parse workers did not start within ${STARTUP_LIMIT_MS} ms (${WORKER_URL.pathname})`);
        }
      }
      // One job per worker is read ahead, so reading (and the cache hits met on the way) goes on while workers start or parse.
      while (!exhausted && ahead.length < maxWorkers) {
        const job = next();
        if (job) ahead.push(job);
        else exhausted = true;
      }
      for (const slot of slots) {
        if (!slot.ready || slot.job || ahead.length === 0) continue;
        const job = ahead.shift()!;
        const bytes = ownBuffer(job.file.bytes);
        // The bytes move to the worker (transferred, not copied); the pool keeps the file's path and hash.
        slot.job = { ...job, file: { ...job.file, bytes: EMPTY }, deadline: Date.now() + options.timeoutMs };
        slot.port.postMessage({ index: job.index, file: { ...job.file, bytes }, prepare: job.prepare, emit: job.emit, deflate: job.deflate }, [bytes.buffer]);
      }
      // Another worker only when jobs wait for every one there is: a rebuild of one changed file starts one.
      if (slots.length < maxWorkers && ahead.length > slots.filter((s) => !s.job).length) slots.push(spawn(signal, options.workerUrl ?? WORKER_URL));
      if (exhausted && ahead.length === 0 && slots.every((s) => !s.job)) return;
      const nearest = Math.min(...slots.map((s) => (s.job ? s.job.deadline - Date.now() : 200)));
      Atomics.wait(flag, 0, seen, Math.max(1, Math.min(200, nearest + 1)));
    }
  } finally {
    for (const slot of slots) {
      slot.port.close();
      void slot.worker.terminate();
    }
  }
}
