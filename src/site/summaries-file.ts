/**
 * The summaries file: every report's summary (summary.ts `summarize`) on one line,
 * `<report_id>\t<sha256 of the report JSON>\t<summary JSON>`, sorted by report_id.
 * The build script writes it, reusing the lines of reports whose JSON did not
 * change, so pages that aggregate over all reports read one compact file
 * instead of parsing every report's JSON. Read and written a chunk at a time:
 * at 100,000 reports the file is larger than one string may be.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportRecord } from '../schema/types.ts';
import { summarize, type ReportSummary } from './summary.ts';
import { byCodeUnits as byId } from '../compare.ts';

const NEWLINE = 0x0a;
const TAB = 0x09;
const NEWLINE_BYTES = Buffer.from('\n');
/** Bytes read at a time. */
const READ_CHUNK = 1 << 20;
/** Bytes of lines gathered before one write. */
const WRITE_BATCH = 1 << 20;
/** Buffers gathered before one write (below the 1,024 a writev takes). */
const WRITE_BUFFERS = 512;

/**
 * The file's lines, one at a time, as bytes with their newline (the last
 * line's only if the file ends with one). Each read goes into a buffer of its
 * own, after the start of a line the read before left, so a line stays valid
 * after the next one is read and nothing is copied but that start: the merge
 * below writes reused lines as the bytes they were read as.
 */
export function* readLineSpans(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    let rest: Buffer = Buffer.alloc(0);
    for (;;) {
      const chunk = Buffer.allocUnsafe(rest.length + READ_CHUNK);
      rest.copy(chunk, 0);
      const n = readSync(fd, chunk, rest.length, READ_CHUNK, null);
      if (n === 0) break;
      const bytes = chunk.subarray(0, rest.length + n);
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
        yield bytes.subarray(start, end + 1);
        start = end + 1;
      }
      rest = bytes.subarray(start);
    }
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
}

/** A line's bytes without its newline. */
export function withoutNewline(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === NEWLINE ? line.subarray(0, line.length - 1) : line;
}

/** The file's lines, one at a time, without their newline. */
export function* readLines(path: string): Generator<string> {
  for (const line of readLineSpans(path)) yield withoutNewline(line).toString('utf8');
}

/**
 * Gathers bytes and writes them a batch at a time (one write per line was ~10,000 system calls), with one
 * writev of the gathered buffers: bytes that lie one after the other in the same memory (lines read in one
 * chunk) are one buffer, and none is copied.
 */
export function batchWriter(fd: number): { add: (bytes: Buffer) => void; addLine: (line: Buffer) => void; flush: () => void } {
  let batch: Buffer[] = [];
  let batched = 0;
  const flush = () => {
    if (batch.length > 0) writevSync(fd, batch);
    batch = [];
    batched = 0;
  };
  const add = (bytes: Buffer) => {
    const last = batch[batch.length - 1];
    if (last && last.buffer === bytes.buffer && last.byteOffset + last.length === bytes.byteOffset) {
      batch[batch.length - 1] = Buffer.from(last.buffer, last.byteOffset, last.length + bytes.length);
    } else batch.push(bytes);
    batched += bytes.length;
    if (batched >= WRITE_BATCH || batch.length >= WRITE_BUFFERS) flush();
  };
  /** A line as readLineSpans gives it, ended by a newline whether or not it had one (the file's last line). */
  const addLine = (line: Buffer) => {
    add(line);
    if (line.length === 0 || line[line.length - 1] !== NEWLINE) add(NEWLINE_BYTES);
  };
  return { add, addLine, flush };
}

/** A line of the file as bytes, with where its two tabs are. */
interface LineBytes {
  report_id: string;
  /** With its newline, when it has one. */
  bytes: Buffer;
  /** Index of the tab after the report_id, and of the one after the sha256. */
  a: number;
  b: number;
}

function splitLineBytes(bytes: Buffer, path: string): LineBytes {
  const a = bytes.indexOf(TAB);
  const b = a < 0 ? -1 : bytes.indexOf(TAB, a + 1);
  if (a < 0 || b < 0) throw new Error(`${path}: a line without report_id and sha256`);
  return { report_id: bytes.toString('utf8', 0, a), bytes, a, b };
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
 * A reused line is copied and hashed as the bytes it was read as: decoding and
 * encoding again the ~11 MB of 10,000 summaries took ~0.5 s of a one-report rebuild.
 */
export function writeSummariesFile(path: string, dataDir: string, reports: readonly { report_id: string; sha256: string }[]): SummaryCounts {
  const previous = existsSync(path) ? readLineSpans(path) : null;
  let old: LineBytes | null = null;
  const nextOld = () => {
    const r = previous?.next();
    old = r && !r.done ? splitLineBytes(r.value, path) : null;
  };
  nextOld();
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  const out = batchWriter(fd);
  const counts = { reused: 0, read: 0 };
  const digest = createHash('sha256');
  try {
    for (const r of reports) {
      while (old !== null && byId((old as LineBytes).report_id, r.report_id) < 0) nextOld();
      const prior = old as LineBytes | null;
      // The sha256 is hex: its bytes are its characters.
      if (prior && prior.report_id === r.report_id && prior.b - prior.a - 1 === r.sha256.length && prior.bytes.toString('latin1', prior.a + 1, prior.b) === r.sha256) {
        const { a, b } = prior;
        const line = withoutNewline(prior.bytes);
        out.addLine(prior.bytes);
        // The digest is of `<report_id>\t<summary JSON>\n`: the line without its sha256.
        digest.update(line.subarray(0, a + 1));
        digest.update(line.subarray(b + 1));
        digest.update(NEWLINE_BYTES);
        counts.reused++;
      } else {
        const record = JSON.parse(readFileSync(join(dataDir, 'reports', `${r.report_id}.json`), 'utf8')) as ReportRecord;
        const json = JSON.stringify(summarize(record));
        out.add(Buffer.from(`${r.report_id}\t${r.sha256}\t${json}\n`));
        digest.update(`${r.report_id}\t${json}\n`);
        counts.read++;
      }
    }
    out.flush();
  } finally {
    closeSync(fd);
    previous?.return(undefined);
  }
  renameSync(tmp, path);
  return { ...counts, digest: digest.digest('hex') };
}
