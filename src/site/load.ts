/**
 * The site's only reader of prepared data (public/data, or NIANBAO_DATA_DIR).
 * Reports stay out of Astro content collections: each page reads its own JSON,
 * and aggregates read slim summaries (summary.ts).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportRecord } from '../schema/types.ts';
import { awaitPlan } from './site-plan.ts';
import { readSummariesFile } from './summaries-file.ts';
import { summarize, type ReportSummary } from './summary.ts';
import { byCodeUnits as byId } from '../compare.ts';

export function dataDir(): string {
  return resolve(process.env.NIANBAO_DATA_DIR ?? 'public/data');
}


export function listReportIds(dir = dataDir()): string[] {
  const reports = join(dir, 'reports');
  if (!existsSync(reports)) return [];
  return readdirSync(reports)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort(byId);
}

export function loadReport(id: string, dir = dataDir()): ReportRecord {
  return JSON.parse(readFileSync(join(dir, 'reports', `${id}.json`), 'utf8')) as ReportRecord;
}

const summaryCache = new Map<string, ReportSummary[]>();

/**
 * Every report's summary, cached for the build: from the summaries file the
 * build script prepared (NIANBAO_SUMMARIES, for the data folder it was made
 * from; complete once the plan is there), else read one report file at a time.
 */
export function loadSummaries(dir = dataDir()): ReportSummary[] {
  const cached = summaryCache.get(dir);
  if (cached) return cached;
  const prepared = process.env.NIANBAO_SUMMARIES && dir === dataDir() ? process.env.NIANBAO_SUMMARIES : null;
  if (prepared) awaitPlan();
  const summaries = prepared ? readSummariesFile(prepared) : listReportIds(dir).map((id) => summarize(loadReport(id, dir)));
  summaryCache.set(dir, summaries);
  return summaries;
}

export interface DataFile {
  /** Path under /data/, with `/`. */
  name: string;
  bytes: number;
  rows: number | null;
  sha256: string | null;
  /** Chinese title, when files.json gives one. */
  title_zh?: string | null;
}

/** files.json (written by the datasets stage) when there, else the files found on disk (no row counts). */
export function loadFileList(dir = dataDir()): DataFile[] {
  const manifest = join(dir, 'files.json');
  if (existsSync(manifest)) {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as unknown;
    const list = (Array.isArray(parsed) ? parsed : (parsed as { files?: unknown[] }).files ?? []) as Partial<DataFile>[];
    return list
      .filter((f): f is Partial<DataFile> & { name: string } => typeof f.name === 'string')
      .map((f) => ({ name: f.name, bytes: f.bytes ?? 0, rows: f.rows ?? null, sha256: f.sha256 ?? null, title_zh: f.title_zh ?? null }));
  }
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort(byId)
    .map((name) => ({ name, bytes: statSync(join(dir, name)).size, rows: null, sha256: null }));
}

export function dataFileExists(name: string, dir = dataDir()): boolean {
  return existsSync(join(dir, name));
}

/** The data package's version (datapackage.json), or null before the datasets stage writes it. */
export function dataVersion(dir = dataDir()): string | null {
  const path = join(dir, 'datapackage.json');
  if (!existsSync(path)) return null;
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : null;
}
