/**
 * The summaries file: every report's summary (summary.ts `summarize`) on one line,
 * `<report_id>\t<sha256 of the report JSON>\t<summary JSON>`, sorted by report_id.
 * The build script writes it, reusing the lines of reports whose JSON did not
 * change, so pages that aggregate over all reports read one compact file
 * instead of parsing every report's JSON. Read and written a chunk at a time:
 * at 100,000 reports the file is larger than one string may be.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportRecord } from '../schema/types.ts';
import { summarize, type ReportSummary } from './summary.ts';
import { byCodeUnits as byId } from '../compare.ts';

const NEWLINE = 0x0a;
/** Characters of lines gathered before one write. */
const WRITE_BATCH = 1 << 20;

/** The file's lines, one at a time, without their newline. */
export function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let rest = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const bytes = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
        yield bytes.toString('utf8', start, end);
        start = end + 1;
      }
      rest = Buffer.from(bytes.subarray(start));
    }
    if (rest.length > 0) yield rest.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

interface SummaryLine {
  report_id: string;
  sha256: string;
  json: string;
}

function splitLine(line: string, path: string): SummaryLine {
  const a = line.indexOf('\t');
  const b = line.indexOf('\t', a + 1);
  if (a < 0 || b < 0) throw new Error(`${path}: a line without report_id and sha256`);
  return { report_id: line.slice(0, a), sha256: line.slice(a + 1, b), json: line.slice(b + 1) };
}

/** Every summary of the file, in its order (report_id). */
export function readSummariesFile(path: string): ReportSummary[] {
  const out: ReportSummary[] = [];
  for (const line of readLines(path)) if (line !== '') out.push(JSON.parse(splitLine(line, path).json) as ReportSummary);
  return out;
}

export interface SummaryCounts {
  reused: number;
  read: number;
  /** sha256 over every report_id and summary, in order: what the pages that aggregate over all reports are made from. */
  digest: string;
}

/**
 * Writes the summaries of `reports` (sorted by report_id) to `path`, taking the
 * line of every report whose sha256 is unchanged from the previous file at `path`
 * (merged in one pass, both being sorted) and reading only the other reports.
 */
export function writeSummariesFile(path: string, dataDir: string, reports: readonly { report_id: string; sha256: string }[]): SummaryCounts {
  const previous = existsSync(path) ? readLines(path) : null;
  let old: SummaryLine | null = null;
  const nextOld = () => {
    const r = previous?.next();
    old = r && !r.done ? splitLine(r.value, path) : null;
  };
  nextOld();
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  const counts = { reused: 0, read: 0 };
  const digest = createHash('sha256');
  // Lines are written a batch at a time: one write per line was ~10,000 system calls.
  let batch: string[] = [];
  let batched = 0;
  const flush = () => {
    if (batch.length > 0) writeSync(fd, batch.join(''));
    batch = [];
    batched = 0;
  };
  try {
    for (const r of reports) {
      while (old !== null && byId((old as SummaryLine).report_id, r.report_id) < 0) nextOld();
      const prior = old as SummaryLine | null;
      let json: string;
      if (prior && prior.report_id === r.report_id && prior.sha256 === r.sha256) {
        json = prior.json;
        counts.reused++;
      } else {
        const record = JSON.parse(readFileSync(join(dataDir, 'reports', `${r.report_id}.json`), 'utf8')) as ReportRecord;
        json = JSON.stringify(summarize(record));
        counts.read++;
      }
      const line = `${r.report_id}\t${r.sha256}\t${json}\n`;
      batch.push(line);
      batched += line.length;
      if (batched >= WRITE_BATCH) flush();
      digest.update(`${r.report_id}\t${json}\n`);
    }
    flush();
  } finally {
    closeSync(fd);
    previous?.return(undefined);
  }
  renameSync(tmp, path);
  return { ...counts, digest: digest.digest('hex') };
}
