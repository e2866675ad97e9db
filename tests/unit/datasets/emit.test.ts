/** The emit stage on hand-built records: every file written, read back with real parsers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDatasets } from '../../../src/pipeline/emit/index.ts';
import { makeFinding } from '../../../src/pipeline/findings.ts';
import { APPLICANTS, applicationRowsFor } from '../../../src/schema/codes.ts';
import { DATASETS, APPLICATIONS_WIDE } from '../../../src/schema/datasets.ts';
import type { ProactiveCell, ReportRecord } from '../../../src/schema/types.ts';
import { allFiles, applicationTable, csvHeader, readCsv, record, sections, removeTempDirs, tempDir } from './fixtures.ts';

const FORMULA = /^[=+\-@\t\r]/;

/** Report A: a full applications table, a formula-looking name and section, money in 万元, a negative change. */
function reportA(): ReportRecord {
  const apps = applicationTable((row, a) => (row === 'received_new' ? (a === 'total' ? 35 : a === 'natural_person' ? 20 : a === 'other_org' ? 15 : 0) : 0));
  apps.find((c) => c.row === 'disclosed' && c.applicant === 'research')!.status = 'not_applicable';
  apps.find((c) => c.row === 'disclosed' && c.applicant === 'research')!.value = null;
  apps.find((c) => c.row === 'disclosed' && c.applicant === 'research')!.raw = '/';
  const imputed = apps.find((c) => c.row === 'carried_over_out' && c.applicant === 'total')!;
  imputed.status = 'imputed';
  imputed.raw = null;
  const proactive: ProactiveCell[] = [
    { item: 'art20_8', category: 'fees', measure: 'amount', value: 125000, unit: '万元', status: 'reported', raw: '12.5' },
    { item: 'art20_5', category: 'licensing', measure: 'decisions', value: -18, unit: null, status: 'reported', raw: '-18' },
  ];
  return record({
    sha: 'aa',
    metadata: { ...record().metadata, agency_name: '=HYPERLINK("http://x")' },
    sections: sections({ general: '=1+1 开头的正文\n第二段', problems: '@SUM(A1)', other_matters: '-无' }),
    tables: {
      applications: { status: 'present', template: '2021', cells: apps },
      proactive_disclosure: { status: 'present', template: '2021', cells: proactive },
      review_litigation: { status: 'missing', template: null, cells: [] },
    },
    findings: [
      makeFinding('table.missing', { table: 'review_litigation', location: 'review_litigation', zh: '+表四缺失' }),
      makeFinding('table.missing', { table: 'review_litigation', location: 'review_litigation' }),
    ],
  });
}

/** Report B: a failed file — no metadata, no tables. */
const reportB = (): ReportRecord => record({
  sha: 'bb', report_id: 'unidentified-bb0000000000', agency_id: null, parse_status: 'failed',
  metadata: { ...record().metadata, agency_name: null, year: null, template: null, published_date: null, admin_level: null },
  sections: sections(),
});

let out: string;
beforeAll(() => {
  out = tempDir('emit');
  writeDatasets([reportB(), reportA()], out, { version: '9.9.9' });
});
afterAll(removeTempDirs);

describe('CSV files', () => {
  it('writes every dataset with the header of datasets.ts, BOM first', () => {
    for (const d of DATASETS) {
      const bytes = readFileSync(join(out, d.file));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csvHeader(join(out, d.file))).toEqual(d.columns.map((c) => c.name));
    }
  });

  it('gives one applications row per template cell, with value, status and raw', () => {
    const rows = readCsv(join(out, 'applications.csv'));
    const a = rows.filter((r) => r.report_id === 'mouxian-abc123-2021');
    expect(a).toHaveLength(applicationRowsFor('2021').length * APPLICANTS.length);
    expect(rows.some((r) => r.report_id.startsWith('unidentified'))).toBe(false);
    const get = (row: string, applicant: string) => a.find((r) => r.row === row && r.applicant === applicant)!;
    expect(get('received_new', 'natural_person')).toMatchObject({ value: '20', status: 'reported', raw: '20' });
    expect(get('received_new', 'total')).toMatchObject({ value: '35', status: 'reported' });
    expect(get('disclosed', 'research')).toMatchObject({ value: '', status: 'not_applicable', raw: '/' });
    expect(get('carried_over_out', 'total')).toMatchObject({ value: '0', status: 'imputed', raw: '' });
    expect(a[0]).toMatchObject({ row: 'received_new', applicant: 'natural_person' });
  });

  it('lays the wide form out as one value and one status column per applicant', () => {
    const rows = readCsv(join(out, 'applications_wide.csv'));
    expect(csvHeader(join(out, 'applications_wide.csv'))).toEqual(APPLICATIONS_WIDE.columns.map((c) => c.name));
    const received = rows.find((r) => r.row === 'received_new')!;
    expect(received).toMatchObject({ natural_person: '20', other_org: '15', total: '35', natural_person_status: 'reported' });
    expect(rows.find((r) => r.row === 'disclosed')).toMatchObject({ research: '', research_status: 'not_applicable' });
    expect(rows).toHaveLength(applicationRowsFor('2021').length);
  });

  it('normalises money to yuan, keeps the unit, and keeps negative numbers numeric', () => {
    const rows = readCsv(join(out, 'proactive_disclosure.csv'));
    expect(rows.find((r) => r.measure === 'amount')).toMatchObject({ value: '125000', unit: '万元', status: 'reported', raw: '12.5' });
    expect(rows.find((r) => r.category === 'licensing')).toMatchObject({ value: '-18', status: 'reported', raw: "'-18" });
    // 2021 template: rules/normative documents × 3 measures + licensing, penalty, enforcement, fees = 10 cells.
    expect(rows).toHaveLength(10);
    expect(rows.find((r) => r.category === 'penalty')).toMatchObject({ value: '', status: 'missing' });
  });

  it('writes the missing review table as 15 missing cells', () => {
    const rows = readCsv(join(out, 'review_litigation.csv'));
    expect(rows).toHaveLength(15);
    expect(rows.every((r) => r.status === 'missing' && r.value === '')).toBe(true);
  });

  it('lets no text cell of any CSV start a formula', () => {
    for (const d of DATASETS) {
      const text = d.columns.filter((c) => c.type === 'string').map((c) => c.name);
      for (const row of readCsv(join(out, d.file))) for (const c of text) expect(row[c], `${d.file} ${c}`).not.toMatch(FORMULA);
    }
    expect(readCsv(join(out, 'reports.csv')).find((r) => r.agency_name)!.agency_name).toBe('\'=HYPERLINK("http://x")');
    expect(readCsv(join(out, 'sections.csv')).find((r) => r.section === 'problems' && r.status === 'present')!.text).toBe("'@SUM(A1)");
  });

  it('keeps findings keys unique by numbering repeats', () => {
    const rows = readCsv(join(out, 'findings.csv'));
    expect(rows.map((r) => r.location)).toEqual(['review_litigation', 'review_litigation#2']);
    expect(rows[0]!.message_zh).toBe("'+表四缺失");
  });

  it('lists a failed file in reports.csv with empty metadata, never a made-up value', () => {
    const failed = readCsv(join(out, 'reports.csv')).find((r) => r.parse_status === 'failed')!;
    expect(failed).toMatchObject({ report_id: 'unidentified-bb0000000000', agency_id: '', year: '', template: '' });
  });
});

describe('files.json and the zip', () => {
  it('describes every CSV with bytes, rows and sha256', () => {
    const files = JSON.parse(readFileSync(join(out, 'files.json'), 'utf8')) as { name: string; bytes: number; rows: number | null; sha256: string }[];
    expect(files.map((f) => f.name)).toEqual([...DATASETS.map((d) => d.file), 'datapackage.json', 'nianbao-data.zip']);
    const apps = files.find((f) => f.name === 'applications.csv')!;
    expect(apps.rows).toBe(applicationRowsFor('2021').length * APPLICANTS.length);
    expect(apps.bytes).toBe(readFileSync(join(out, 'applications.csv')).length);
  });

  it('zips the CSVs, datapackage.json, README.md and the markdown, sorted, byte for byte', () => {
    const zip = unzipSync(readFileSync(join(out, 'nianbao-data.zip')));
    const names = Object.keys(zip);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('README.md');
    expect(names).toContain('markdown/mouxian-abc123-2021.md');
    for (const d of DATASETS) expect(Buffer.from(zip[d.file]!).equals(readFileSync(join(out, d.file)))).toBe(true);
    const readme = new TextDecoder().decode(zip['README.md']);
    for (const d of DATASETS) for (const c of d.columns) expect(readme).toContain(c.name);
    expect(readme).toContain('Version 9.9.9');
  });

  it('writes one JSON and one markdown file per report', () => {
    expect(allFiles(join(out, 'reports'))).toEqual(['mouxian-abc123-2021.json', 'unidentified-bb0000000000.json']);
    expect(allFiles(join(out, 'markdown'))).toEqual(['mouxian-abc123-2021.md', 'unidentified-bb0000000000.md']);
  });
});
