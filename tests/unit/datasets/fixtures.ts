/** Hand-built ReportRecords for the dataset tests: each field set on purpose, nothing parsed. */
import { APPLICANTS, SECTIONS, applicationRowsFor } from '../../../src/schema/codes.ts';
import type { ApplicationCell, ReportMetadata, ReportRecord, Section } from '../../../src/schema/types.ts';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';

export const METADATA: ReportMetadata = {
  agency_name: '某某县人民政府办公室', year: 2021, template: '2021', published_date: '2022-01-20',
  province: '四川省', province_code: '510000', city: '南充市', city_code: '511300', county: '某某县', county_code: '511399',
  admin_level: 'county', is_department: true, contact: { address: null, phone: null, website: null },
};

export function sections(texts: Partial<Record<string, string>> = {}): Section[] {
  return SECTIONS.map((s) => ({
    code: s.code, number: s.number, status: texts[s.code] === undefined ? 'missing' : 'present',
    title_found: texts[s.code] === undefined ? null : `${s.numeral}、${s.zh}`, text: texts[s.code] ?? '',
  }));
}

/** A full 2021 applications table: every cell reported, values from `value(row, applicant)`. */
export function applicationTable(value: (row: string, applicant: string) => number): ApplicationCell[] {
  return applicationRowsFor('2021').flatMap((r) => APPLICANTS.map((a) => {
    const v = value(r.code, a.code);
    return { row: r.code, applicant: a.code, value: v, status: 'reported', raw: String(v), unit: null } as ApplicationCell;
  }));
}

export function record(overrides: Partial<ReportRecord> & { sha?: string } = {}): ReportRecord {
  const sha = (overrides.sha ?? 'a').padEnd(64, '0');
  const base: ReportRecord = {
    report_id: 'mouxian-abc123-2021', agency_id: 'mouxian-abc123', source_file: `${sha.slice(0, 4)}.txt`, source_sha256: sha,
    provenance: { source_url: null, obtained: null, note: null }, encoding: 'utf-8', parse_status: 'ok',
    metadata: METADATA, sections: sections({ general: '总体情况正文。' }),
    tables: {
      applications: { status: 'missing', template: null, cells: [] },
      proactive_disclosure: { status: 'missing', template: null, cells: [] },
      review_litigation: { status: 'missing', template: null, cells: [] },
    },
    findings: [], removed_chrome: [], narrative_chars: 7,
  };
  const { sha: _, ...rest } = overrides;
  return { ...base, ...rest };
}

const created: string[] = [];

/** A fresh temporary folder, removed by removeTempDirs (each test file calls it in afterAll). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-${prefix}-`));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A CSV file read back with a real CSV parser: header row → objects, BOM removed. */
export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { bom: true, columns: true, skip_empty_lines: false }) as Record<string, string>[];
}

export function csvHeader(path: string): string[] {
  return (parse(readFileSync(path), { bom: true, to_line: 1 }) as string[][])[0]!;
}

/** Every file under `dir`, relative, sorted. */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out;
}
