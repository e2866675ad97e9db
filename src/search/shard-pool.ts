/**
 * Builds several search shards at once: each worker thread has its own
 * Pagefind process (the indexer is single-threaded per bundle), so two
 * workers use two cores. Memory stays bounded by a shard per worker. One job
 * is built in this thread: a worker's start-up would cost more than it saves.
 * Entries come back in job order whatever order the workers finish in.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ShardEntry } from './manifest.ts';
import { buildShard, type ShardJob } from './build-shard.ts';
import { TYPESCRIPT_NODE_ARGS } from '../typescript-loader.ts';

const WORKER_URL = new URL('./shard-worker.ts', import.meta.url);

/** Workers to use: NIANBAO_SEARCH_WORKERS when set, else one per core, at most 2 (each Pagefind process holds a shard in memory). */
export function searchWorkers(): number {
  const asked = Number(process.env.NIANBAO_SEARCH_WORKERS);
  return Number.isInteger(asked) && asked >= 1 ? asked : Math.min(2, availableParallelism());
}

function runWorker(worker: Worker, job: ShardJob): Promise<ShardEntry> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    const onMessage = (reply: { entry?: ShardEntry; error?: string }) => {
      worker.off('error', onError);
      if (reply.entry) resolve(reply.entry);
      else reject(new Error(`shard ${job.name}: ${reply.error}`));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}

/** Builds every job; the entries are in the order of the jobs. */
export async function buildShards(jobs: readonly ShardJob[], workers = searchWorkers()): Promise<ShardEntry[]> {
  const count = Math.min(workers, jobs.length);
  if (count <= 1) {
    const entries: ShardEntry[] = [];
    for (const job of jobs) entries.push(await buildShard(job));
    return entries;
  }
  const entries: ShardEntry[] = new Array(jobs.length);
  let next = 0;
  const threads = Array.from({ length: count }, () => new Worker(WORKER_URL, { execArgv: [...TYPESCRIPT_NODE_ARGS] }));
  try {
    await Promise.all(
      threads.map(async (worker) => {
        while (next < jobs.length) {
          const i = next++;
          entries[i] = await runWorker(worker, jobs[i]!);
        }
      }),
    );
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
  return entries;
}
