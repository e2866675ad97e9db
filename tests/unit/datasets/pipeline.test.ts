/**
 * The whole pipeline (`runPipeline`, what `npm run data` runs) on the real
 * corpus and on a temporary corpus of bad files: every CSV read back with
 * csv-parse, golden values from the reports, byte-identical reruns.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/pipeline/run.ts';
import { DATASETS } from '../../../src/schema/datasets.ts';
import { conformanceProblems } from './conformance.ts';
import { allFiles, readCsv, removeTempDirs, tempDir } from './fixtures.ts';
import { applicationGrid, readBack } from './markdown-read.ts';
import { APPLICANTS, APPLICATION_ROWS } from '../../../src/schema/codes.ts';
import { parseReport } from '../../../src/pipeline/report.ts';

const CONTENT = join(import.meta.dirname, '../../../content');
const FILE_000 = '000_bbae7e2c4812eba4.txt';
/** In this thread and without the parse cache: the tests write nothing outside their temp folders. */
const PARSE = { workers: 0, cacheDir: null, inThread: parseReport };
const GOLDEN = join(import.meta.dirname, '../../golden/datasets');

let out: string;
beforeAll(() => {
  out = tempDir('corpus');
  runPipeline({ content: CONTENT, out, parse: PARSE });
});
afterAll(removeTempDirs);

describe('the real corpus', () => {
  it('lists every input file in reports.csv', () => {
    const reports = readCsv(join(out, 'reports.csv'));
    const inputs = JSON.parse(readFileSync(join(CONTENT, 'sources.json'), 'utf8')) as { files: Record<string, unknown> };
    expect(reports.map((r) => r.source_file).sort()).toEqual(Object.keys(inputs.files).sort());
    expect(new Set(reports.map((r) => r.report_id)).size).toBe(reports.length);
  });

  it('reads back every CSV with the columns of datasets.ts, and each conforms to datapackage.json', () => {
    for (const d of DATASETS) {
      const rows = readCsv(join(out, d.file));
      for (const row of rows) expect(Object.keys(row)).toEqual(d.columns.map((c) => c.name));
    }
    const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
    expect(conformanceProblems(out, pkg)).toEqual([]);
  });

  it('gives the numbers printed in 000_ (顺庆区人民政府办公室 2020): table 三', () => {
    const id = readCsv(join(out, 'reports.csv')).find((r) => r.source_file === FILE_000)!.report_id;
    const apps = readCsv(join(out, 'applications.csv')).filter((r) => r.report_id === id);
    const value = (row: string, applicant: string) => apps.find((r) => r.row === row && r.applicant === applicant)?.value;
    expect(value('received_new', 'natural_person')).toBe('20');
    expect(value('received_new', 'other_org')).toBe('15');
    expect(value('received_new', 'total')).toBe('35');
    expect(value('disclosed', 'total')).toBe('15');
    expect(value('withheld_admin_inquiry', 'total')).toBe('15');
    expect(value('withheld_admin_inquiry', 'other_org')).toBe('10');
    expect(value('unavailable_not_held', 'total')).toBe('5');
    expect(value('outcome_total', 'total')).toBe('35');
    const wide = readCsv(join(out, 'applications_wide.csv')).find((r) => r.report_id === id && r.row === 'received_new')!;
    expect(wide).toMatchObject({ natural_person: '20', other_org: '15', total: '35', total_status: 'reported' });
  });

  it('matches the golden table 三 of 000_, cell by cell (tests/golden/datasets)', () => {
    const id = readCsv(join(out, 'reports.csv')).find((r) => r.source_file === FILE_000)!.report_id;
    const golden = readCsv(join(GOLDEN, '000_bbae7e2c4812eba4.applications.csv'));
    const apps = readCsv(join(out, 'applications.csv')).filter((r) => r.report_id === id);
    expect(golden).toHaveLength(161);
    expect(apps.map(({ row, applicant, value, status }) => ({ row, applicant, value, status }))).toEqual(golden);
  });

  it('gives a sections.csv row for each of the six parts of 000_', () => {
    const id = readCsv(join(out, 'reports.csv')).find((r) => r.source_file === FILE_000)!.report_id;
    const parts = readCsv(join(out, 'sections.csv')).filter((r) => r.report_id === id);
    expect(parts.map((p) => [p.section, p.status])).toEqual([
      ['general', 'present'], ['proactive_disclosure', 'present'], ['applications', 'present'],
      ['review_litigation', 'present'], ['problems', 'present'], ['other_matters', 'present'],
    ]);
    expect(parts[5]!.text).toBe('无。');
  });

  it('writes markdown whose applications table parses back to applications.csv, for every report', () => {
    const apps = readCsv(join(out, 'applications.csv'));
    let compared = 0;
    for (const report of readCsv(join(out, 'reports.csv'))) {
      const mine = apps.filter((r) => r.report_id === report.report_id);
      const grid = applicationGrid(readFileSync(join(out, 'markdown', `${report.report_id}.md`), 'utf8'));
      expect(grid, report.source_file).not.toBeNull();
      const rowCodes = APPLICATION_ROWS.map((r) => r.code as string).filter((code) => mine.some((c) => c.row === code));
      expect(grid!.length - 1, report.source_file).toBe(rowCodes.length);
      rowCodes.forEach((code, i) => APPLICANTS.forEach((a, j) => {
        const csv = mine.find((c) => c.row === code && c.applicant === a.code)!;
        const back = readBack(grid![i + 1]![j + 1]!);
        expect(back.value, `${report.source_file} ${code}/${a.code}`).toBe(csv.value);
        expect(back.status, `${report.source_file} ${code}/${a.code}`).toBe(csv.status === 'blank' ? 'missing' : csv.status);
        compared++;
      }));
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('writes byte-identical files when run again', () => {
    const again = tempDir('corpus-again');
    runPipeline({ content: CONTENT, out: again, parse: PARSE });
    const files = allFiles(out);
    expect(allFiles(again)).toEqual(files);
    for (const f of files) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  });
});

describe('content/corrections.json', () => {
  it('applies an entry with a correction.applied finding, and the cross-report rules see the corrected value', () => {
    const content = tempDir('corrections');
    copyFileSync(join(CONTENT, FILE_000), join(content, FILE_000));
    const sha = 'a7d91a448ce07718d03eeeab2c8773aada21f681f3ff5436561805aa4334090d';
    writeFileSync(join(content, 'corrections.json'), JSON.stringify({ corrections: [
      { sha256: sha, location: 'metadata/published_date', value: '2021-02-15', reason: '测试：假定网页发布日期有误', source: 'test' },
    ] }));
    const corrected = tempDir('corrections-out');
    const summary = runPipeline({ content, out: corrected, parse: PARSE });
    expect(summary.problems).toEqual([]);
    const report = readCsv(join(corrected, 'reports.csv'))[0]!;
    expect(report.published_date).toBe('2021-02-15');
    const findings = readCsv(join(corrected, 'findings.csv')).filter((f) => f.report_id === report.report_id);
    expect(findings.find((f) => f.rule === 'correction.applied')).toMatchObject({ location: 'correction/metadata/published_date', expected: '2021-02-15', actual: '2021-01-29' });
    // An agency's own report (区政府办公室) on 2020 was due by 31 January 2021.
    expect(findings.find((f) => f.rule === 'report.late')).toMatchObject({ expected: '≤ 2021-01-31', actual: '2021-02-15' });
  });
});

describe('a corpus with bad files', () => {
  let badOut: string;
  let content: string;
  beforeAll(() => {
    content = tempDir('bad-content');
    copyFileSync(join(CONTENT, FILE_000), join(content, FILE_000));
    writeFileSync(join(content, 'empty.txt'), '');
    writeFileSync(join(content, 'binary.pdf'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x02, 0x9c, 0x00]));
    writeFileSync(join(content, 'recipe.txt'), '红烧肉做法\n\n五花肉500克，冰糖，生抽。先焯水，再炒糖色，小火炖一小时。\n');
    writeFileSync(join(content, 'formula.txt'), '=HYPERLINK("http://evil")\n\n一、总体情况\n\n=1+1\n\n五、存在的主要问题及改进情况\n\n-2+3\n\n六、其他需要报告的事项\n\n@SUM(A1)\n');
    badOut = tempDir('bad-out');
  });

  it('goes on past bad files and lists every input in reports.csv, the bad ones as failed', () => {
    const summary = runPipeline({ content, out: badOut, parse: PARSE });
    expect(summary.files).toBe(5);
    const reports = readCsv(join(badOut, 'reports.csv'));
    const status = Object.fromEntries(reports.map((r) => [r.source_file, r.parse_status]));
    expect(Object.keys(status).sort()).toEqual(['000_bbae7e2c4812eba4.txt', 'binary.pdf', 'empty.txt', 'formula.txt', 'recipe.txt']);
    for (const bad of ['binary.pdf', 'empty.txt', 'recipe.txt']) expect(status[bad], bad).toBe('failed');
    expect(status[FILE_000]).not.toBe('failed');
    const findings = readCsv(join(badOut, 'findings.csv'));
    for (const bad of ['binary.pdf', 'empty.txt', 'recipe.txt']) {
      const id = reports.find((r) => r.source_file === bad)!.report_id;
      expect(findings.some((f) => f.report_id === id && f.severity === 'error' && f.rule.startsWith('file.')), bad).toBe(true);
    }
  });

  it('lets no report text become a spreadsheet formula', () => {
    const textColumns = (file: string) => DATASETS.find((d) => d.file === file)!.columns.filter((c) => c.type === 'string').map((c) => c.name);
    for (const d of DATASETS) {
      for (const row of readCsv(join(badOut, d.file))) for (const c of textColumns(d.file)) expect(row[c], `${d.file} ${c}`).not.toMatch(/^[=+\-@\t\r]/);
    }
    const id = readCsv(join(badOut, 'reports.csv')).find((r) => r.source_file === 'formula.txt')!.report_id;
    const texts = readCsv(join(badOut, 'sections.csv')).filter((r) => r.report_id === id && r.status === 'present').map((r) => r.text);
    expect(texts).toContain("'=1+1");
    expect(texts).toContain("'-2+3");
    expect(texts).toContain("'@SUM(A1)");
  });

  it('exits non-zero with --strict when a file has an error finding, and names the file', () => {
    const script = join(import.meta.dirname, '../../../scripts/data.ts');
    const run = (strict: boolean) => {
      // Without --strict the same corpus exits 0: runPipeline above already went on past the bad files.
      try {
        execFileSync(process.execPath, ['--import', 'tsx', script, '--content', content, '--out', tempDir('cli'), ...(strict ? ['--strict'] : [])], { stdio: 'pipe', env: { ...process.env, NIANBAO_CACHE_DIR: 'off', NIANBAO_WORKERS: '0' } });
        return { code: 0, stderr: '' };
      } catch (e) {
        const err = e as { status: number; stderr: Buffer };
        return { code: err.status, stderr: err.stderr.toString() };
      }
    };
    const strict = run(true);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('empty.txt');
  });
});
