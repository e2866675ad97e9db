import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { groupAgencies } from '../../../src/site/agencies.ts';
import { summarize } from '../../../src/site/load.ts';
import { overview } from '../../../src/site/overview.ts';
import { readLines, readSummariesFile, writeSummariesFile } from '../../../src/site/summaries-file.ts';
import { aggregatedTables } from '../../../src/site/table-list.ts';
import { ALL } from './fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'nianbao-summaries-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('summarize', () => {
  it('keeps of table 三 only the 总计 column, and the aggregates come out the same as from whole reports', () => {
    const summaries = ALL.map(summarize);
    const cells = summaries.flatMap((s) => s.tables.applications.cells);
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.applicant))).toEqual(new Set(['total']));
    // As JSON: the tables carry per-call column functions that never compare equal.
    expect(JSON.stringify(aggregatedTables(summaries))).toBe(JSON.stringify(aggregatedTables(ALL)));
    expect(overview(summaries)).toEqual(overview(ALL));
    expect(groupAgencies(summaries)).toEqual(groupAgencies(ALL));
  });
});

function writeReports(dir: string, reports: readonly ReportRecord[]): void {
  mkdirSync(join(dir, 'reports'), { recursive: true });
  for (const r of reports) writeFileSync(join(dir, 'reports', `${r.report_id}.json`), JSON.stringify(r));
}

describe('the summaries file', () => {
  const sorted = [...ALL].sort((a, b) => (a.report_id < b.report_id ? -1 : 1));
  const entries = sorted.map((r, i) => ({ report_id: r.report_id, sha256: `sha-${i}` }));

  it('holds every summary in report_id order and reads back what summarize gives', () => {
    const data = join(tmp, 'first');
    writeReports(data, sorted);
    const file = join(tmp, 'first.tsv');
    expect(writeSummariesFile(file, data, entries)).toEqual({ reused: 0, read: sorted.length });
    expect(readSummariesFile(file)).toEqual(sorted.map(summarize));
  });

  it('reads again only the report whose sha256 changed, and drops reports that are gone', () => {
    const data = join(tmp, 'second');
    writeReports(data, sorted);
    const file = join(tmp, 'second.tsv');
    writeSummariesFile(file, data, entries);
    const renamed = { ...sorted[1]!, metadata: { ...sorted[1]!.metadata, agency_name: '改名后的机关' } };
    writeReports(data, [renamed]);
    const next = entries.filter((_, i) => i !== 0).map((e, i) => (i === 0 ? { ...e, sha256: 'sha-new' } : e));
    expect(writeSummariesFile(file, data, next)).toEqual({ reused: sorted.length - 2, read: 1 });
    const back = readSummariesFile(file);
    expect(back.map((s) => s.report_id)).toEqual(sorted.slice(1).map((r) => r.report_id));
    expect(back[0]!.metadata.agency_name).toBe('改名后的机关');
  });

  it('reads lines longer than its 1 MB read buffer, split across reads, intact', () => {
    const long = '政'.repeat(700_000);
    const file = join(tmp, 'long.txt');
    writeFileSync(file, `a\n${long}\nb`);
    expect([...readLines(file)]).toEqual(['a', long, 'b']);
  });
});
