/**
 * A parse pool's worker (worker-loop.ts): parses each file; with `prepare`,
 * the record stays here, in the parse cache, and only its digest travels
 * back. Loads the parser and not the emit code. Started from its bundle
 * (worker-bundle.ts) when there is one.
 */
import type { InputFile, ReportRecord } from '../../schema/types.ts';
import { parseReport } from '../report.ts';
import { keepRecord, releaseCaches } from './prepare.ts';
import { parserBenchmark, serveJobs, timedParse } from './worker-loop.ts';

/** Under npm run bench's 'parser-once' (pool.ts ParserBenchmark): the first file's record, kept for every file. */
let onlyRecord: ReportRecord | undefined;
/** The parser, chosen once: as it is for a build, or as a benchmark asked (pool.ts ParserBenchmark). */
const parse: (file: InputFile) => ReportRecord = parserBenchmark === 'parser-once' ? (file) => (onlyRecord ??= parseReport(file)) : timedParse(parseReport);

// The parse cache's pack files are closed before the last answer (a worker's files are not closed when it ends).
serveJobs((job) => {
  if (job.emit || job.deflate) throw new Error('an emit job sent to a parse worker');
  const record = parse(job.file);
  return job.prepare ? { digest: keepRecord(record, job.prepare) } : { record };
}, releaseCaches);
