/** src/site/build/render-summaries.ts: Astro reads the summaries of the pages it renders, the same lines as in the whole file. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAgencies, unidentifiedReports } from '../../../src/site/agencies.ts';
import type { ReportInput } from '../../../src/site/build/plan.ts';
import { renderedReportIds, writeRenderSummaries } from '../../../src/site/build/render-summaries.ts';
import { readSummariesFile, writeSummariesFile } from '../../../src/site/summaries-file.ts';
import { ALL } from './fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'nianbao-render-summaries-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const input = (report_id: string, agency_id: string | null): ReportInput => ({ report_id, agency_id, sha256: 'x', markdown: false });

describe('renderedReportIds', () => {
  const reports = [input('a-2020', 'a'), input('a-2021', 'a'), input('b-2020', 'b'), input('u-1', null)];
  it('is every report (null) when the render needs all of them', () => {
    expect(renderedReportIds(reports, { agencies: null, unidentified: false })).toBeNull();
  });
  it('is the reports of the agencies to render, and the unidentified ones when their page is rendered', () => {
    expect([...renderedReportIds(reports, { agencies: new Set(['a']), unidentified: false })!]).toEqual(['a-2020', 'a-2021']);
    expect([...renderedReportIds(reports, { agencies: new Set(['b']), unidentified: true })!]).toEqual(['b-2020', 'u-1']);
    expect([...renderedReportIds(reports, { agencies: new Set(), unidentified: false })!]).toEqual([]);
  });
});

describe('writeRenderSummaries over many reads and writes', () => {
  it('gives exactly the chosen lines of a file of several MB, lines split across its 1 MB reads', () => {
    // ~3.4 MB of lines of uneven lengths (some of 3-byte characters), the last without its newline.
    const lines = Array.from({ length: 3000 }, (_, i) => `r${String(i).padStart(5, '0')}\tsha\t${'政x'.repeat((i * 37) % 700)}`);
    const whole = join(tmp, 'many.tsv');
    writeFileSync(whole, lines.join('\n'));
    const chosen = lines.filter((_, i) => i % 3 !== 1 || i === lines.length - 1);
    const target = join(tmp, 'many-some.tsv');
    writeRenderSummaries(whole, target, new Set(chosen.map((l) => l.slice(0, l.indexOf('\t')))));
    expect(readFileSync(target, 'utf8')).toBe(chosen.map((l) => `${l}\n`).join(''));
  });
});

describe('writeRenderSummaries', () => {
  const data = join(tmp, 'data');
  mkdirSync(join(data, 'reports'), { recursive: true });
  for (const r of ALL) writeFileSync(join(data, 'reports', `${r.report_id}.json`), JSON.stringify(r));
  const whole = join(tmp, 'summaries.tsv');
  writeSummariesFile(whole, data, ALL.map((r) => ({ report_id: r.report_id, sha256: r.report_id })).sort((a, b) => (a.report_id < b.report_id ? -1 : 1)));
  const all = readSummariesFile(whole);

  it('gives the whole file, byte for byte, when every report is needed', () => {
    const target = join(tmp, 'render-all.tsv');
    writeRenderSummaries(whole, target, null);
    expect(readFileSync(target)).toEqual(readFileSync(whole));
  });

  it('gives the lines of the chosen reports, in order: an agency page groups them as it does the whole file', () => {
    const agency = groupAgencies(all).find((a) => a.report_ids.length > 1) ?? groupAgencies(all)[0]!;
    const target = join(tmp, 'render-some.tsv');
    writeRenderSummaries(whole, target, new Set(agency.report_ids));
    const some = readSummariesFile(target);
    expect(some.map((s) => s.report_id)).toEqual(all.filter((s) => agency.report_ids.includes(s.report_id)).map((s) => s.report_id));
    expect(groupAgencies(some)).toEqual([agency]);
    expect(unidentifiedReports(some)).toEqual([]);
    writeRenderSummaries(whole, target, new Set());
    expect(statSync(target).size).toBe(0);
  });
});
