/**
 * The summaries file Astro reads (NIANBAO_SUMMARIES) for one render: the
 * whole summaries file when the pages that aggregate over all reports are
 * rendered, else the lines of only the reports whose pages are rendered. An
 * agency page depends on its own reports alone, the page of unidentified
 * reports on the reports without an agency (plan.ts), and no other page
 * reads summaries; so those pages come out the same from either file, and an
 * incremental build of a few pages does not parse every report's summary
 * (10,000 took Astro about 0.3 s to render one agency page).
 */
import { closeSync, copyFileSync, linkSync, openSync, renameSync } from 'node:fs';
import { batchWriter, readLineSpans } from '../summaries-file.ts';
import { removeFile } from './files.ts';
import type { ReportInput } from './plan.ts';

/** What a render reads summaries for; `agencies` null: every report (a full build or the aggregate pages). */
export interface RenderedReports {
  agencies: ReadonlySet<string> | null;
  /** Whether the page of unidentified reports is rendered. */
  unidentified: boolean;
}

/** The report ids whose summaries the render needs; null: all. */
export function renderedReportIds(reports: readonly ReportInput[], rendered: RenderedReports): Set<string> | null {
  const { agencies, unidentified } = rendered;
  if (agencies === null) return null;
  return new Set(reports.filter((r) => (r.agency_id === null ? unidentified : agencies.has(r.agency_id))).map((r) => r.report_id));
}

const TAB = 0x09;

/**
 * Makes `target` the summaries of the given report ids (null: all of `summaries`, as a hard link where the file
 * system allows one), in the summaries file's order; replaced whole, by a rename.
 */
export function writeRenderSummaries(summaries: string, target: string, ids: ReadonlySet<string> | null): void {
  const tmp = `${target}.tmp`;
  removeFile(tmp);
  if (ids === null) {
    try {
      linkSync(summaries, tmp);
    } catch {
      copyFileSync(summaries, tmp);
    }
  } else {
    const fd = openSync(tmp, 'w');
    const out = batchWriter(fd);
    try {
      // Lines stay bytes: only each report_id is decoded (~10,000 lines of ~1 kB for the few a rebuild renders).
      for (const line of readLineSpans(summaries)) {
        // A line starts with its report_id and a tab (summaries-file.ts).
        const tab = line.indexOf(TAB);
        if (tab < 0 || !ids.has(line.toString('utf8', 0, tab))) continue;
        out.addLine(line);
      }
      out.flush();
    } finally {
      closeSync(fd);
    }
  }
  renameSync(tmp, target);
}
