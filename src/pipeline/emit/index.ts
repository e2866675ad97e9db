/**
 * emit stage: records → the files of the data contract. The only part of the
 * pipeline besides read that touches the file system; everything it writes is
 * built by the pure modules beside it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS, type DatasetDef } from '../../schema/datasets.ts';
import type { ReportRecord } from '../../schema/types.ts';
import { toCsv, type CsvRow } from './csv.ts';
import { dataPackage, type PackageInfo } from './datapackage.ts';
import { reportMarkdown } from './markdown.ts';
import { readmeMarkdown } from './readme.ts';
import {
  agencyRows, applicationRows, applicationWideRows, codeRows, findingRows, proactiveRows, reportRows, reviewRows, sectionRows,
} from './rows.ts';
import { deterministicZip } from './zip.ts';

export const ZIP_FILE = 'nianbao-data.zip';
export const FILES_MANIFEST = 'files.json';

const ROWS_OF: Record<string, (records: ReportRecord[]) => CsvRow[]> = {
  reports: reportRows,
  agencies: agencyRows,
  applications: applicationRows,
  applications_wide: applicationWideRows,
  proactive_disclosure: proactiveRows,
  review_litigation: reviewRows,
  sections: sectionRows,
  findings: findingRows,
  codes: () => codeRows(),
};

export interface FileEntry {
  name: string;
  title_zh: string | null;
  title_en: string | null;
  bytes: number;
  /** Data rows (header excluded) for CSV files; null otherwise. */
  rows: number | null;
  sha256: string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const entry = (name: string, bytes: Uint8Array, rows: number | null, d?: DatasetDef): FileEntry =>
  ({ name, title_zh: d?.zh ?? null, title_en: d?.en ?? null, bytes: bytes.length, rows, sha256: sha256(bytes) });

export function packageInfo(): PackageInfo {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return { version: pkg.version };
}

/** Replaces a folder of per-report files, so a report gone from the corpus leaves nothing stale behind. */
function freshDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

export function writeDatasets(records: ReportRecord[], out: string, info: PackageInfo = packageInfo()): FileEntry[] {
  const sorted = [...records].sort((a, b) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0));
  mkdirSync(out, { recursive: true });
  const zipped = new Map<string, Uint8Array>();
  const manifest: FileEntry[] = [];

  // 1. The CSV files, in the schema's order.
  for (const d of DATASETS) {
    const rows = ROWS_OF[d.name]!(sorted);
    const bytes = utf8(toCsv(d, rows));
    writeFileSync(join(out, d.file), bytes);
    zipped.set(d.file, bytes);
    manifest.push(entry(d.file, bytes, rows.length, d));
  }

  // 2. datapackage.json and README.md, described from the schema module.
  const hashes = new Map(manifest.map((f) => [f.name, { bytes: f.bytes, sha256: f.sha256 }]));
  const pkgBytes = utf8(JSON.stringify(dataPackage(info, hashes), null, 2) + '\n');
  writeFileSync(join(out, 'datapackage.json'), pkgBytes);
  zipped.set('datapackage.json', pkgBytes);
  manifest.push(entry('datapackage.json', pkgBytes, null));
  const readme = utf8(readmeMarkdown(info));
  writeFileSync(join(out, 'README.md'), readme);
  zipped.set('README.md', readme);

  // 3. Per report: the static API JSON and the normalized markdown.
  freshDir(join(out, 'reports'));
  freshDir(join(out, 'markdown'));
  for (const r of sorted) {
    writeFileSync(join(out, 'reports', `${r.report_id}.json`), JSON.stringify(r, null, 1) + '\n');
    const md = utf8(reportMarkdown(r));
    writeFileSync(join(out, 'markdown', `${r.report_id}.md`), md);
    zipped.set(`markdown/${r.report_id}.md`, md);
  }

  // 4. The zip of the whole set, then files.json listing what a visitor can download.
  const zip = deterministicZip(zipped);
  writeFileSync(join(out, ZIP_FILE), zip);
  manifest.push(entry(ZIP_FILE, zip, null));
  writeFileSync(join(out, FILES_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
