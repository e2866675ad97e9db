/**
 * The mutation harness: mutant i of a run is a pure function of (corpus, seed, i),
 * so any mutant can be rebuilt from its number. Each mutant is parsed, timed
 * and checked against the original's record.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../pipeline/decode.ts';
import { listContentFiles, sha256Hex } from '../pipeline/read.ts';
import { parseReport } from '../pipeline/report.ts';
import type { InputFile, ReportRecord } from '../schema/types.ts';
import { checkRecord, type Breach } from './invariants.ts';
import { OPERATORS, OPERATOR_NAMES, type Mutation, type OperatorName } from './operators.ts';
import { mixSeed, mulberry32 } from './prng.ts';
import { newNumbers, splitUnits } from './text.ts';

export type Parse = (file: InputFile) => ReportRecord;

export interface CorpusEntry {
  path: string;
  bytes: Uint8Array;
  text: string;
  units: string[];
  original: ReportRecord;
}

const NO_PROVENANCE = { source_url: null, obtained: null, note: null };

/** The corpus reports (not the manifests) with their original records. */
export function loadCorpus(dir: string, parse: Parse = parseReport): CorpusEntry[] {
  return listContentFiles(dir)
    .filter((p) => /\.(txt|md|html?)$/i.test(p))
    .map((path) => {
      const bytes = new Uint8Array(readFileSync(join(dir, path)));
      const text = new TextDecoder('utf-8').decode(bytes);
      const original = parse({ path, bytes, sha256: sha256Hex(bytes), provenance: NO_PROVENANCE });
      return { path, bytes, text, units: splitUnits(text), original };
    });
}

/** How often each operator is drawn; huge lines are costly and need few draws to find their bugs. */
export const OPERATOR_WEIGHTS: Record<OperatorName, number> = {
  truncate: 3, randomBytes: 3, mixedEncoding: 2, deleteUnits: 3, duplicateUnit: 2, swapUnits: 2,
  shiftCells: 3, hugeLine: 1, repeatTable: 2, reorderSections: 2, narrativeInsert: 3, narrativeDelete: 2,
};

export interface Mutant extends Mutation {
  index: number;
  op: OperatorName;
  source: CorpusEntry;
  /** Input path of the mutant: the source's name with the mutant number, same extension. */
  path: string;
}

function drawOperator(u: number): OperatorName {
  const total = OPERATOR_NAMES.reduce((n, k) => n + OPERATOR_WEIGHTS[k], 0);
  let x = u * total;
  for (const name of OPERATOR_NAMES) {
    x -= OPERATOR_WEIGHTS[name];
    if (x < 0) return name;
  }
  return OPERATOR_NAMES[OPERATOR_NAMES.length - 1]!;
}

export function mutantPath(source: string, index: number): string {
  const dot = source.lastIndexOf('.');
  const stem = dot > 0 ? source.slice(0, dot) : source;
  const ext = dot > 0 ? source.slice(dot) : '';
  return `${stem}.m${String(index).padStart(6, '0')}${ext}`;
}

/** Mutant `index` of the run `seed`: the corpus file by rotation, the operator by weight (the next one that applies). */
export function makeMutant(corpus: CorpusEntry[], seed: number, index: number, hugeLineMax = 1_000_000): Mutant {
  const source = corpus[index % corpus.length]!;
  const rng = mulberry32(mixSeed(seed, index));
  // Draw again when an operator does not apply to this file, so the weights hold.
  for (let k = 0; k < 4 * OPERATOR_NAMES.length; k++) {
    const op = drawOperator(rng.next());
    const mutation = OPERATORS[op]({ text: source.text, bytes: source.bytes, units: source.units, rng, hugeLineMax });
    if (mutation) return { ...mutation, index, op, source, path: mutantPath(source.path, index) };
  }
  // Every operator refused (an almost empty file): cut it in half.
  return { bytes: source.bytes.slice(0, source.bytes.length >> 1), narrativeOnly: false, touched: source.text, index, op: 'truncate', source, path: mutantPath(source.path, index) };
}

export interface MutantResult {
  index: number;
  op: OperatorName;
  source: string;
  ms: number;
  crash: string | null;
  hang: boolean;
  lost: boolean;
  /** The record is `failed` (nothing read from the file): allowed, but counted per operator. */
  failed: boolean;
  breaches: Breach[];
}

/** Per-mutant CPU time over which the harness calls a parse a hang. */
export const HANG_MS = 2000;

export function runMutant(mutant: Mutant, parse: Parse = parseReport): MutantResult {
  const base = { index: mutant.index, op: mutant.op, source: mutant.source.path };
  const file: InputFile = { path: mutant.path, bytes: mutant.bytes, sha256: sha256Hex(mutant.bytes), provenance: NO_PROVENANCE };
  // CPU time, not wall time: eight engineers share two cores, and a starved process is not a hang.
  const t0 = process.cpuUsage();
  const elapsed = (): number => {
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000;
  };
  let record: ReportRecord | undefined;
  try {
    record = parse(file);
  } catch (e) {
    const ms = elapsed();
    return { ...base, ms, crash: e instanceof Error ? `${e.name}: ${e.message}` : String(e), hang: ms > HANG_MS, lost: true, failed: true, breaches: [] };
  }
  const ms = elapsed();
  const lost = !record || record.source_file !== file.path;
  let text: string | null = null;
  try {
    text = decodeBytes(mutant.bytes, mutant.path).value?.text ?? null;
  } catch {
    text = null;
  }
  const breaches = checkRecord(mutant.source.original, record, {
    path: file.path,
    sha256: file.sha256,
    text,
    narrativeOnly: mutant.narrativeOnly,
    newNumbers: newNumbers(mutant.source.text, text ?? ''),
    touched: mutant.touched,
  });
  return { ...base, ms, crash: null, hang: ms > HANG_MS, lost, failed: record?.parse_status === 'failed', breaches };
}

export interface Tally {
  mutants: number;
  crashes: number;
  hangs: number;
  lost: number;
  breaches: number;
  byOperator: Record<string, number>;
  /** Mutants whose whole file was refused (parse_status failed), by operator. */
  failedByOperator: Record<string, number>;
  maxMs: number;
  totalMs: number;
  /** The first few failing mutants, for the report. */
  examples: MutantResult[];
}

export function emptyTally(): Tally {
  return { mutants: 0, crashes: 0, hangs: 0, lost: 0, breaches: 0, byOperator: {}, failedByOperator: {}, maxMs: 0, totalMs: 0, examples: [] };
}

export function addResult(t: Tally, r: MutantResult, keepExamples = 20): void {
  t.mutants++;
  t.byOperator[r.op] = (t.byOperator[r.op] ?? 0) + 1;
  t.maxMs = Math.max(t.maxMs, r.ms);
  t.totalMs += r.ms;
  if (r.failed) t.failedByOperator[r.op] = (t.failedByOperator[r.op] ?? 0) + 1;
  if (r.crash) t.crashes++;
  if (r.hang) t.hangs++;
  if (r.lost) t.lost++;
  if (r.breaches.length > 0) t.breaches++;
  if ((r.crash || r.hang || r.lost || r.breaches.length > 0) && t.examples.length < keepExamples) t.examples.push(r);
}

export function runMutants(corpus: CorpusEntry[], seed: number, from: number, count: number, parse: Parse = parseReport, hugeLineMax?: number): Tally {
  const tally = emptyTally();
  for (let i = from; i < from + count; i++) addResult(tally, runMutant(makeMutant(corpus, seed, i, hugeLineMax), parse));
  return tally;
}
