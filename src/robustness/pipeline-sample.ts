/**
 * Nothing lost end to end: a sample of mutants written as a content folder,
 * run through the whole pipeline, and reports.csv read back with csv-parse.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runPipeline } from '../pipeline/run.ts';
import { REPORTS } from '../schema/datasets.ts';
import { makeMutant, type CorpusEntry } from './harness.ts';

export interface SampleResult {
  inputs: number;
  rows: number;
  /** Input files with no row in reports.csv. */
  missing: string[];
  /** Rows of reports.csv naming no input file. */
  unknown: string[];
}

export async function pipelineSample(corpus: CorpusEntry[], seed: number, from: number, count: number, dir: string): Promise<SampleResult> {
  const content = join(dir, 'content');
  const out = join(dir, 'data');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(content, { recursive: true });
  const paths: string[] = [];
  for (let i = from; i < from + count; i++) {
    const m = makeMutant(corpus, seed, i);
    writeFileSync(join(content, m.path), m.bytes);
    paths.push(m.path);
  }
  // runPipeline may become asynchronous (worker pool): await works for both.
  await runPipeline({ content, out });
  const rows = parse(readFileSync(join(out, REPORTS.file)), { bom: true, columns: true }) as Record<string, string>[];
  const listed = new Set(rows.map((r) => r.source_file));
  const inputs = new Set(paths);
  return {
    inputs: paths.length,
    rows: rows.length,
    missing: paths.filter((p) => !listed.has(p)),
    unknown: [...listed].filter((p) => !inputs.has(p!)) as string[],
  };
}
