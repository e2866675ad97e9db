/**
 * Hand corrections as data (content/corrections.json), applied after parsing,
 * each with a correction.applied finding. An entry:
 *
 *   { "sha256": "<source file sha256>", "location": "applications/received_new/natural_person",
 *     "value": 20, "status": "reported", "reason": "…", "source": "…" }
 *
 * `location` is `<table>/<row>/<column>` with the codes of the contract
 * (applications/<row>/<applicant>, review_litigation/<proceeding>/<result>,
 * proactive_disclosure/<category>/<measure>) or `metadata/<field>`
 * (agency_name, year, published_date, …). `value` is a number or null for a
 * cell, a string, number or null for metadata; `status` defaults to
 * `reported` for a number and `missing` for null. An entry that matches no
 * file or names an unknown location is reported, never silently dropped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICANTS, APPLICATION_ROWS, CELL_STATUSES, PROACTIVE_CATEGORIES, PROCEEDINGS, RESULTS, type CellStatus } from '../schema/codes.ts';
import type { CellValue, Finding, ReportMetadata, ReportRecord } from '../schema/types.ts';
import { makeFinding } from './findings.ts';
import { agencyIdFor, reportIdFor } from './ids.ts';
import { validateReport } from './validate/index.ts';

export interface Correction {
  sha256: string;
  location: string;
  value: string | number | null;
  status?: CellStatus;
  reason: string;
  source: string;
}

export const CORRECTIONS_FILE = 'corrections.json';

/** Part of the read step: the corrections of a content folder (none when the file is absent). */
export function readCorrections(contentDir: string): { corrections: Correction[]; problems: string[] } {
  const path = join(contentDir, CORRECTIONS_FILE);
  if (!existsSync(path)) return { corrections: [], problems: [] };
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { corrections?: unknown };
    if (!Array.isArray(parsed.corrections)) return { corrections: [], problems: [`${CORRECTIONS_FILE}: no "corrections" array`] };
    return { corrections: parsed.corrections as Correction[], problems: [] };
  } catch (e) {
    return { corrections: [], problems: [`${CORRECTIONS_FILE}: not valid JSON (${(e as Error).message})`] };
  }
}

const has = (list: readonly { code: string }[], code: string | undefined) => code !== undefined && list.some((x) => x.code === code);
const METADATA_FIELDS = ['agency_name', 'year', 'published_date', 'province', 'province_code', 'city', 'city_code', 'county', 'county_code', 'admin_level', 'is_department'] as const;

function cellStatus(c: Correction): CellStatus {
  return c.status ?? (c.value === null ? 'missing' : 'reported');
}

/** Applies one correction to one record; a string says why it could not be. */
function applyOne(r: ReportRecord, c: Correction): ReportRecord | string {
  const [table, a, b] = c.location.split('/');
  const status = cellStatus(c);
  if (!has(CELL_STATUSES, status)) return `unknown status ${status}`;
  const newCell = (old: CellValue | undefined): CellValue => ({ value: typeof c.value === 'number' ? c.value : null, status, raw: old?.raw ?? null, unit: old?.unit ?? null });
  const finding = (old: string | null) => makeFinding('correction.applied', {
    location: `correction/${c.location}`, expected: c.value === null ? null : String(c.value), actual: old,
    zh: `已更正 ${c.location}：${old ?? '（空）'} → ${c.value ?? '（空）'}。理由：${c.reason}。依据：${c.source}`,
    en: `Corrected ${c.location}: ${old ?? '(empty)'} → ${c.value ?? '(empty)'}. Reason: ${c.reason}. Source: ${c.source}`,
  });
  const show = (cell: CellValue | undefined) => (cell ? (cell.value === null ? cell.status : String(cell.value)) : null);
  if (table === 'metadata' && (METADATA_FIELDS as readonly string[]).includes(a ?? '')) {
    const key = a as (typeof METADATA_FIELDS)[number];
    const old = r.metadata[key];
    const metadata = { ...r.metadata, [key]: c.value } as ReportMetadata;
    // A corrected name or year changes the identifiers derived from them.
    const agency_id = metadata.agency_name ? agencyIdFor(metadata.agency_name) : null;
    const report_id = reportIdFor(agency_id, metadata.year, r.source_sha256);
    return { ...r, agency_id, report_id, metadata, findings: [...r.findings, finding(old === null ? null : String(old))] };
  }
  if (typeof c.value !== 'number' && c.value !== null) return 'a cell value must be a number or null';
  const t = r.tables;
  if (table === 'applications' && has(APPLICATION_ROWS, a) && has(APPLICANTS, b)) {
    const old = t.applications.cells.find((x) => x.row === a && x.applicant === b);
    const cell = { ...newCell(old), row: a, applicant: b } as (typeof t.applications.cells)[number];
    const cells = [...t.applications.cells.filter((x) => x !== old), cell];
    return { ...r, tables: { ...t, applications: { ...t.applications, cells } }, findings: [...r.findings, finding(show(old))] };
  }
  if (table === 'review_litigation' && has(PROCEEDINGS, a) && has(RESULTS, b)) {
    const old = t.review_litigation.cells.find((x) => x.proceeding === a && x.result === b);
    const cell = { ...newCell(old), proceeding: a, result: b } as (typeof t.review_litigation.cells)[number];
    const cells = [...t.review_litigation.cells.filter((x) => x !== old), cell];
    return { ...r, tables: { ...t, review_litigation: { ...t.review_litigation, cells } }, findings: [...r.findings, finding(show(old))] };
  }
  const category = PROACTIVE_CATEGORIES.find((k) => k.code === a);
  if (table === 'proactive_disclosure' && category && Object.values(category.measures).some((ms) => (ms as readonly string[]).includes(b ?? ''))) {
    const old = t.proactive_disclosure.cells.find((x) => x.category === a && x.measure === b);
    const cell = { ...newCell(old), item: category.item, category: a, measure: b } as (typeof t.proactive_disclosure.cells)[number];
    const cells = [...t.proactive_disclosure.cells.filter((x) => x !== old), cell];
    return { ...r, tables: { ...t, proactive_disclosure: { ...t.proactive_disclosure, cells } }, findings: [...r.findings, finding(show(old))] };
  }
  return `unknown location ${c.location}`;
}

/** The validate stage's table-arithmetic rules: the findings a corrected cell can make or clear. */
const ARITHMETIC_RULES = new Set<string>(['applications.balance', 'applications.outcome_sum', 'applications.row_total', 'review.total']);

function arithmeticFindings(r: ReportRecord): Finding[] {
  return validateReport({ metadata: r.metadata, sections: r.sections, tables: r.tables, text: '' }).filter((f) => ARITHMETIC_RULES.has(f.rule));
}

/** The arithmetic findings of the parsed tables replaced by those of the corrected ones. */
function recheckArithmetic(parsed: ReportRecord, corrected: ReportRecord): ReportRecord {
  const stale = new Set(arithmeticFindings(parsed).map((f) => JSON.stringify(f)));
  const kept = corrected.findings.filter((f) => !stale.has(JSON.stringify(f)));
  return { ...corrected, findings: [...kept, ...arithmeticFindings(corrected)] };
}

/**
 * Applies every correction in file order, then re-checks the table
 * arithmetic of each corrected report (a fixed cell clears its balance error).
 * Returns the records and a problem per entry that could not apply.
 */
export function applyCorrections(records: ReportRecord[], corrections: Correction[]): { records: ReportRecord[]; problems: string[] } {
  const problems: string[] = [];
  const out = [...records];
  corrections.forEach((c, n) => {
    const where = `${CORRECTIONS_FILE} entry ${n + 1}`;
    if (!c || typeof c.sha256 !== 'string' || typeof c.location !== 'string' || !c.reason || !c.source) {
      problems.push(`${where}: needs sha256, location, value, reason and source`);
      return;
    }
    const targets = out.map((r, i) => [r, i] as const).filter(([r]) => r.source_sha256 === c.sha256.toLowerCase());
    if (targets.length === 0) problems.push(`${where}: no input file has sha256 ${c.sha256}`);
    for (const [r, i] of targets) {
      const result = applyOne(r, c);
      if (typeof result === 'string') problems.push(`${where} (${r.source_file}): ${result}`);
      else out[i] = result;
    }
  });
  return { records: out.map((r, i) => (r === records[i] ? r : recheckArithmetic(records[i]!, r))), problems };
}
