/**
 * A search shard worker (shard-pool.ts): builds the shards it is sent, one at
 * a time, each with its own Pagefind process, and answers with the manifest
 * entry or the error.
 */
import { parentPort } from 'node:worker_threads';
import { buildShard, type ShardJob } from './build-shard.ts';

parentPort!.on('message', (job: ShardJob) => {
  buildShard(job).then(
    (entry) => parentPort!.postMessage({ entry }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
