/**
 * Worker of `npm run mutate`: runs a range of mutants and posts each start and
 * result, so the main thread can stop a worker stuck on one mutant (a real hang)
 * and go on after it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus, makeMutant, runMutant } from './harness.ts';

export interface WorkerJob {
  content: string;
  seed: number;
  from: number;
  to: number;
  hugeLineMax: number;
}

const job = workerData as WorkerJob;
const corpus = loadCorpus(job.content);
for (let i = job.from; i < job.to; i++) {
  parentPort!.postMessage({ type: 'start', index: i });
  const r = runMutant(makeMutant(corpus, job.seed, i, job.hugeLineMax));
  parentPort!.postMessage({ type: 'result', result: { ...r, breaches: r.breaches.slice(0, 5) } });
}
parentPort!.postMessage({ type: 'done' });
