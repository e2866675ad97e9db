/** emit stage: records → the files of the data contract. Touches the file system. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORTS, SECTIONS_DATASET } from '../../schema/datasets.ts';
import type { ReportRecord } from '../../schema/types.ts';
import { toCsv } from './csv.ts';
import { reportRows, sectionRows } from './rows.ts';

export function writeDatasets(records: ReportRecord[], out: string): void {
  const sorted = [...records].sort((a, b) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, REPORTS.file), toCsv(REPORTS, reportRows(sorted)));
  writeFileSync(join(out, SECTIONS_DATASET.file), toCsv(SECTIONS_DATASET, sectionRows(sorted)));
  const reportsDir = join(out, 'reports');
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(reportsDir, { recursive: true });
  for (const r of sorted) writeFileSync(join(reportsDir, `${r.report_id}.json`), JSON.stringify(r, null, 1) + '\n');
}
