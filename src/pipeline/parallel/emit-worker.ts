/**
 * An emit pool's worker (worker-loop.ts): makes a report's emit outputs from
 * its cached record, or compresses a whole file for the zip (emit-jobs.ts).
 * Loads the emit code and not the parser.
 */
import { releaseCaches } from './prepare.ts';
import { deflateFile, emitReport } from './emit-jobs.ts';
import { serveJobs } from './worker-loop.ts';

// The caches' pack files are closed before the last answer (a worker's files are not closed when it ends).
serveJobs((job) => {
  if (job.emit) return { digest: emitReport(job.emit) };
  if (job.deflate) return { digest: deflateFile(job.deflate) };
  throw new Error('a file to parse sent to an emit worker');
}, releaseCaches);
