/**
 * A parse worker for npm run bench's ceiling row: it does what the build's
 * parse workers do (parse-worker.ts) — take each file, keep a record in the
 * parse cache under the file's key, send back its digest — except parse.
 * The first file is parsed once and its record kept for every file, so the
 * row is what the build's parse step costs besides the parser: the most it
 * could do with a parser that cost nothing. Started from TypeScript, not
 * bundled like the parse worker (its start-up costs a little more).
 */
import { keepRecord, releaseCaches } from '../../pipeline/parallel/prepare.ts';
import { serveJobs } from '../../pipeline/parallel/worker-loop.ts';
import { parseReport } from '../../pipeline/report.ts';
import type { ReportRecord } from '../../schema/types.ts';

let record: ReportRecord | undefined;
serveJobs((job) => {
  if (!job.prepare) throw new Error('the no-parse worker keeps records: give it prepare jobs (parseDigests with keepInWorkers)');
  record ??= parseReport(job.file);
  return { digest: keepRecord(record, job.prepare) };
}, releaseCaches);
