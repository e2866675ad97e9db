/** Parse a generated corpus and score it against its ground truth (for npm run bench and the unit test). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAll, type ParseAllOptions } from '../pipeline/parallel/index.ts';
import { listContentFiles, readSourcesManifest } from '../pipeline/read.ts';
import type { ReportRecord } from '../schema/types.ts';
import { compareRecord, emptyAccuracy, type Accuracy } from './compare.ts';
import type { Truth } from './truth.ts';

export function readTruth(truthDir: string, file: string): Truth {
  return JSON.parse(readFileSync(join(truthDir, `${file}.json`), 'utf8')) as Truth;
}

/** Scores records (in any order) against the truth files beside them. */
export function scoreRecords(records: readonly ReportRecord[], truthDir: string): Accuracy {
  const acc = emptyAccuracy();
  for (const r of [...records].sort((a, b) => a.source_file.localeCompare(b.source_file))) compareRecord(acc, readTruth(truthDir, r.source_file), r);
  return acc;
}

export function parseAndScore(content: string, truthDir: string, options: ParseAllOptions = {}): { records: ReportRecord[]; accuracy: Accuracy } {
  const records = parseAll(content, listContentFiles(content), readSourcesManifest(content), options);
  return { records, accuracy: scoreRecords(records, truthDir) };
}
