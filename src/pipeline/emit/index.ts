/**
 * emit stage: records → the files of the data contract. The only part of the
 * pipeline besides read that touches the file system; everything it writes is
 * built by the pure modules beside it.
 *
 * Incremental: per-report files are written only when their bytes change and
 * files of reports no longer produced are removed; CSV files are streamed
 * from per-report row blocks and the zip from deflated entries, both cached
 * (cache.ts), so a rebuild with one report changed does little work and the
 * result is byte for byte that of a clean build.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCIES, CODES_DATASET, DATASETS, type DatasetDef } from '../../schema/datasets.ts';
import type { ReportRecord } from '../../schema/types.ts';
import { parserVersion } from '../parallel/version.ts';
import { writeArchive } from './archive.ts';
import { noEmitCache, openEmitCache } from './cache.ts';
import { toCsv } from './csv.ts';
import { dataPackage, type PackageInfo } from './datapackage.ts';
import { openCsvSink, removeStale, writeIfChanged, type CsvSink } from './files.ts';
import { readmeMarkdown } from './readme.ts';
import { BLOCK_DATASETS, sha256, utf8 } from './report-outputs.ts';
import { readReportIndex, REPORT_INDEX, reportIndexJson } from './report-index.ts';
import { reportPass, type ReportSource } from './report-pass.ts';
import { fileState, readState, statePathFor, stillThere, writeState, type EmitState, type MadeFileState } from './state.ts';
import { agencyRows, codeRows, type AgencySource } from './rows.ts';
import { timer } from '../timings.ts';
import { pruneKeyedFiles } from '../cache-prune.ts';

export { REPORT_INDEX } from './report-index.ts';
export type { ReportSource } from './report-pass.ts';
export const ZIP_FILE = 'nianbao-data.zip';
export const FILES_MANIFEST = 'files.json';

export interface FileEntry {
  name: string;
  title_zh: string | null;
  title_en: string | null;
  bytes: number;
  /** Data rows (header excluded) for CSV files; null otherwise. */
  rows: number | null;
  sha256: string;
}

export interface EmitOptions {
  /** The emit cache folder (cache.ts), or null (the default) for none. */
  cacheDir?: string | null;
  /** Reports whose JSON and markdown files and cache entry were written this run by the worker threads (not read back to check). */
  madeElsewhere?: ReadonlySet<string>;
  /** Compresses these files of the output folder into the deflate cache elsewhere (the worker threads), before the zip is written. */
  deflateElsewhere?: (files: { path: string; sha256: string; bytes: number }[]) => void;
  /** Remove the cached report entries this run did not use (the parse cache just dropped many stale records). */
  pruneReports?: boolean;
}

const entry = (name: string, bytes: number, sha: string, rows: number | null, d?: DatasetDef): FileEntry =>
  ({ name, title_zh: d?.zh ?? null, title_en: d?.en ?? null, bytes, rows, sha256: sha });

export function packageInfo(): PackageInfo {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return { version: pkg.version };
}

const byReportId = <T extends { report_id: string }>(a: T, b: T) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0);

/** The emit stage over records held in memory. */
export function writeDatasets(records: ReportRecord[], out: string, info: PackageInfo = packageInfo(), options: EmitOptions = {}): FileEntry[] {
  const sources: ReportSource[] = records.map((r) => ({ report_id: r.report_id, agency_id: r.agency_id, key: null, load: () => r }));
  return emitDatasets(sources, records, out, info, options);
}

/**
 * The emit stage over report sources (records loaded one at a time when the
 * cache cannot answer) and the few fields the agencies dataset needs of every report.
 */
export function emitDatasets(sources: ReportSource[], agencies: AgencySource[], out: string, info: PackageInfo = packageInfo(), options: EmitOptions = {}): FileEntry[] {
  const t = timer('emit');
  const cache = options.cacheDir ? openEmitCache(options.cacheDir) : noEmitCache();
  const sorted = [...sources].sort(byReportId);
  for (const dir of ['reports', 'markdown']) mkdirSync(join(out, dir), { recursive: true });
  const written = new Map<string, FileEntry>();

  // 1. Per report, in report_id order: JSON and markdown files, CSV blocks, deflated markdown for the zip.
  const version = parserVersion();
  const statePath = options.cacheDir ? statePathFor(options.cacheDir, out) : null;
  const state = statePath ? readState(statePath, version, out, ZIP_FILE) : null;
  const sinks = new Map<string, CsvSink>(BLOCK_DATASETS.map((d) => [d.name, openCsvSink(join(out, d.file), d, state?.csv[d.file] ?? null)]));
  const partsPath = join(out, `.${ZIP_FILE}.parts.${process.pid}.tmp`);
  try {
    const pass = reportPass(sorted, { out, cache, version, previous: readReportIndex(out), sinks, partsPath, state, madeElsewhere: options.madeElsewhere ?? new Set() });
    t.mark('report pass');
    removeStale(join(out, 'reports'), new Set(sorted.map((s) => `${s.report_id}.json`)));
    removeStale(join(out, 'markdown'), new Set(sorted.map((s) => `${s.report_id}.md`)));
    const csvState: EmitState['csv'] = {};
    // How many leading bytes each CSV file kept from the version the previous zip holds: its pieces there are reused.
    const same = new Map<string, number>();
    for (const d of BLOCK_DATASETS) {
      const done = sinks.get(d.name)!.close();
      if (state?.csv[d.file] && state.zip.whole[d.file] === state.csv[d.file]!.sha256) same.set(d.file, done.same);
      written.set(d.name, entry(d.file, done.bytes, done.sha256, done.rows, d));
      csvState[d.file] = done.unchanged ? state!.csv[d.file]! : fileState(join(out, d.file), done.bytes, done.sha256, done.rows);
    }

    t.mark('stale + csv close');
    // 2. The datasets over all reports (agencies) or none (codes), whole; left as they are when made from the same rows.
    const made: Record<string, MadeFileState> = {};
    for (const [d, rows] of [[AGENCIES, agencyRows([...agencies].sort(byReportId))], [CODES_DATASET, codeRows()]] as const) {
      const path = join(out, d.file);
      const from = sha256(utf8(JSON.stringify(rows)));
      const before = state?.made?.[d.file];
      if (before && before.from === from && stillThere(path, before)) {
        made[d.file] = before;
        written.set(d.name, entry(d.file, before.bytes, before.sha256, before.rows, d));
        continue;
      }
      const bytes = utf8(toCsv(d, rows));
      writeIfChanged(path, bytes);
      const sha = sha256(bytes);
      made[d.file] = { ...fileState(path, bytes.length, sha, rows.length), from };
      written.set(d.name, entry(d.file, bytes.length, sha, rows.length, d));
    }
    const manifest = DATASETS.map((d) => written.get(d.name)!);

    // 3. datapackage.json and README.md, described from the schema module.
    const hashes = new Map(manifest.map((f) => [f.name, { bytes: f.bytes, sha256: f.sha256 }]));
    const pkgBytes = utf8(JSON.stringify(dataPackage(info, hashes), null, 2) + '\n');
    writeIfChanged(join(out, 'datapackage.json'), pkgBytes);
    manifest.push(entry('datapackage.json', pkgBytes.length, sha256(pkgBytes), null));
    const readme = utf8(readmeMarkdown(info));
    writeIfChanged(join(out, 'README.md'), readme);

    // 4. The zip of the whole set, files.json listing what a visitor can download, and the report index.
    const whole = [...manifest.map((f) => ({ name: f.name, sha256: f.sha256, same: same.get(f.name) })), { name: 'README.md', sha256: sha256(readme) }];
    t.mark('agencies, codes, datapackage, readme');
    // Files the previous zip did not hold (so none of their pieces is likely cached) and not in the deflate cache:
    // compressed across the workers. A changed file is left to writeArchive, which compresses only its changed pieces.
    const sizes = new Map(manifest.map((f) => [f.name, f.bytes]));
    const fresh = whole.filter((w) => state?.zip.whole[w.name] === undefined && sizes.has(w.name) && cache.piecesOf(w.sha256) === null);
    if (fresh.length > 0) options.deflateElsewhere?.(fresh.map((w) => ({ path: join(out, w.name), sha256: w.sha256, bytes: sizes.get(w.name)! })));
    const zip = writeArchive(out, ZIP_FILE, whole, pass.parts, partsPath, cache, state?.zip ?? null);
    t.mark('zip');
    manifest.push(entry(ZIP_FILE, zip.bytes, zip.sha256, null));
    writeIfChanged(join(out, FILES_MANIFEST), utf8(JSON.stringify(manifest, null, 2) + '\n'));
    writeIfChanged(join(out, REPORT_INDEX), utf8(reportIndexJson(pass.index)));
    if (statePath) {
      const zipState = zip.unchanged ? state!.zip : { ...fileState(join(out, ZIP_FILE), zip.bytes, zip.sha256, null), entries: zip.entries, whole: Object.fromEntries(whole.map((w) => [w.name, w.sha256])), pieces: zip.pieces };
      writeState(statePath, { version, reports: pass.reports, csv: csvState, zip: zipState, made });
    }
    if (options.cacheDir) {
      // Compressed whole files other than this run's, and pieces none of this run's files has (.z.blocks: left by
      // builds before pieces, which resumed compression at block boundaries).
      pruneKeyedFiles(join(options.cacheDir, 'deflate'), ['.z.blocks', '.z'], new Set(whole.map((w) => w.sha256)));
      pruneKeyedFiles(join(options.cacheDir, 'pieces'), ['.p'], new Set(whole.flatMap((w) => cache.piecesOf(w.sha256) ?? [])));
      if (options.pruneReports) pruneKeyedFiles(join(options.cacheDir, 'reports'), ['.bin'], new Set(pass.reports.map((r) => r.key)));
    }
    t.mark('files.json, report-index, state, cache pruning');
    return manifest;
  } finally {
    rmSync(partsPath, { force: true });
  }
}
