import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { applicationCell, reasonRows, tableTemplate, valueOf } from '../../../src/site/cells.ts';
import { reportFigures } from '../../../src/site/figures.ts';
import { readLines, readSummariesFile, writeSummariesFile } from '../../../src/site/summaries-file.ts';
import { proactiveMeasures, summarize } from '../../../src/site/summary.ts';
import { article20 } from '../../../src/site/tables-more.ts';
import { ALL, SHUNQING_2020 } from './fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'nianbao-summaries-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('summarize', () => {
  it('computes from the whole report its figures and every value the aggregated tables add up', () => {
    for (const r of ALL) {
      const s = summarize(r);
      expect(s.figures).toEqual(reportFigures(r));
      expect(s.template).toBe(tableTemplate(r, 'applications'));
      expect(s.applications_present).toBe(r.tables.applications.status === 'present');
      expect(s.reasons).toEqual(reasonRows().map((code) => valueOf(applicationCell(r, code, 'total'))));
      const proactive = r.tables.proactive_disclosure;
      if (proactive.status === 'present') {
        expect(s.proactive!.template).toBe(proactive.template ?? s.template);
        const measures = proactiveMeasures(s.proactive!.template);
        expect(s.proactive!.values).toHaveLength(measures.length);
        for (const c of proactive.cells) {
          const i = measures.findIndex((m) => m.category.item === c.item && m.category.code === c.category && m.measure === c.measure);
          expect(s.proactive!.values[i]).toBe(valueOf(c));
        }
      } else expect(s.proactive).toBeNull();
      expect(Object.values(s.rules).reduce((a, b) => a + b, 0)).toBe(r.findings.length);
    }
    // Table 二 of the fixtures has numbers, so the article 20 table is checked against its cells.
    const shunqing = summarize(SHUNQING_2020);
    const at = proactiveMeasures('2019').findIndex((m) => m.category.code === 'normative_documents' && m.measure === 'published_total');
    expect(shunqing.proactive!.values[at]).toBe(30);
    expect(article20(ALL.map(summarize)).rows.find((x) => x.category === 'normative_documents' && x.measure === 'published_total')).toMatchObject({ reports: 1, value: 30 });
  });

  it('comes back from JSON as it went in, a small part of the report', () => {
    const summaries = ALL.map(summarize);
    expect(JSON.parse(JSON.stringify(summaries))).toEqual(summaries);
    expect(JSON.stringify(summarize(SHUNQING_2020)).length).toBeLessThan(JSON.stringify(SHUNQING_2020).length / 4);
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
    expect(writeSummariesFile(file, data, entries)).toMatchObject({ reused: 0, read: sorted.length });
    expect(readSummariesFile(file)).toEqual(sorted.map(summarize));
  });

  it('gives a digest of the summaries that changes only when a summary does', () => {
    const data = join(tmp, 'digest');
    writeReports(data, sorted);
    const file = join(tmp, 'digest.tsv');
    const first = writeSummariesFile(file, data, entries).digest;
    // Another sha256 (the report file changed) with the same summary: the same digest.
    const rehashed = entries.map((e, i) => (i === 0 ? { ...e, sha256: 'sha-other' } : e));
    expect(writeSummariesFile(file, data, rehashed).digest).toBe(first);
    writeReports(data, [{ ...sorted[0]!, metadata: { ...sorted[0]!.metadata, agency_name: '改名后的机关' } }]);
    const renamed = entries.map((e, i) => (i === 0 ? { ...e, sha256: 'sha-renamed' } : e));
    expect(writeSummariesFile(file, data, renamed).digest).not.toBe(first);
  });

  it('reads again only the report whose sha256 changed, and drops reports that are gone', () => {
    const data = join(tmp, 'second');
    writeReports(data, sorted);
    const file = join(tmp, 'second.tsv');
    writeSummariesFile(file, data, entries);
    const renamed = { ...sorted[1]!, metadata: { ...sorted[1]!.metadata, agency_name: '改名后的机关' } };
    writeReports(data, [renamed]);
    const next = entries.filter((_, i) => i !== 0).map((e, i) => (i === 0 ? { ...e, sha256: 'sha-new' } : e));
    expect(writeSummariesFile(file, data, next)).toMatchObject({ reused: sorted.length - 2, read: 1 });
    const back = readSummariesFile(file);
    expect(back.map((s) => s.report_id)).toEqual(sorted.slice(1).map((r) => r.report_id));
    expect(back[0]!.metadata.agency_name).toBe('改名后的机关');
  });

  it('writes, reusing lines, the very bytes and digest a write from nothing gives', () => {
    const data = join(tmp, 'bytes');
    writeReports(data, sorted);
    const reused = join(tmp, 'bytes-reused.tsv');
    writeSummariesFile(reused, data, entries);
    // One report changed and one gone: the other lines are copied as they were read.
    writeReports(data, [{ ...sorted[2]!, metadata: { ...sorted[2]!.metadata, agency_name: '改名后的机关' } }]);
    const next = entries.filter((_, i) => i !== 0).map((e) => (e.report_id === sorted[2]!.report_id ? { ...e, sha256: 'sha-new' } : e));
    const again = writeSummariesFile(reused, data, next);
    expect(again).toMatchObject({ reused: sorted.length - 2, read: 1 });
    const fresh = join(tmp, 'bytes-fresh.tsv');
    const clean = writeSummariesFile(fresh, data, next);
    expect(readFileSync(reused)).toEqual(readFileSync(fresh));
    expect(again.digest).toBe(clean.digest);
  });

  it('reads lines longer than its 1 MB read buffer, split across reads, intact', () => {
    const long = '政'.repeat(700_000);
    const file = join(tmp, 'long.txt');
    writeFileSync(file, `a\n${long}\nb`);
    expect([...readLines(file)]).toEqual(['a', long, 'b']);
  });
});
