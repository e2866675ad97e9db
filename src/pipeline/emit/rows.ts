/** Records → CSV rows, one function per dataset. Pure; rows come out sorted by the dataset's key. */
import {
  APPLICANTS, applicationRowsFor, PROCEEDINGS, proactiveCategoriesFor, RESULTS, templateForYear,
  type ApplicantCode, type ApplicationRowCode, type MeasureCode, type ProactiveCategoryCode, type ProactiveItemCode, type ProceedingCode, type ResultCode, type TemplateCode,
} from '../../schema/codes.ts';
import {
  AGENCIES, APPLICATIONS, APPLICATIONS_WIDE, CODE_LISTS, CODES_DATASET, FINDINGS_DATASET, PROACTIVE, REPORTS, REVIEW,
  SECTIONS_DATASET, WIDE_STATUS_SUFFIX,
} from '../../schema/datasets.ts';
import type { ApplicationCell, CellValue, ProactiveCell, ReportRecord, ReviewCell } from '../../schema/types.ts';
import { sortByKey, type CsvRow } from './csv.ts';

/**
 * The template whose cells a table is laid out in: the table's own headers,
 * else the report's, else the one its year must use. Null when nothing is
 * known (a failed file): then no cells are written for it.
 */
export function templateOf(record: ReportRecord, table: keyof ReportRecord['tables']): TemplateCode | null {
  const year = record.metadata.year;
  return record.tables[table].template ?? record.metadata.template ?? (year ? templateForYear(year) : null);
}

const MISSING: CellValue = { value: null, status: 'missing', raw: null, unit: null };

/** Value columns of a cell; only `reported` and `imputed` carry a value (the contract's rule). */
function valueOf(cell: CellValue): number | null {
  return cell.status === 'reported' || cell.status === 'imputed' ? cell.value : null;
}

/**
 * Money in yuan. The tables stage already converts amounts to yuan (shifting
 * the decimal point of 万元 exactly) and keeps the printed unit in `unit`, so
 * this is the value as given; it is the one place to change if that moves.
 */
export function yuanValue(_measure: MeasureCode, cell: CellValue): number | null {
  return valueOf(cell);
}

export function reportRows(records: ReportRecord[]): CsvRow[] {
  return sortByKey(REPORTS, records.map((r) => ({
    report_id: r.report_id,
    agency_id: r.agency_id,
    agency_name: r.metadata.agency_name,
    year: r.metadata.year,
    template: r.metadata.template,
    published_date: r.metadata.published_date,
    province: r.metadata.province,
    province_code: r.metadata.province_code,
    city: r.metadata.city,
    city_code: r.metadata.city_code,
    county: r.metadata.county,
    county_code: r.metadata.county_code,
    admin_level: r.metadata.admin_level,
    source_file: r.source_file,
    source_url: r.provenance.source_url,
    source_sha256: r.source_sha256,
    encoding: r.encoding,
    parse_status: r.parse_status,
    findings_error: r.findings.filter((f) => f.severity === 'error').length,
    findings_warning: r.findings.filter((f) => f.severity === 'warning').length,
    narrative_chars: r.narrative_chars,
  })));
}

/** What the agencies dataset needs of a report (a whole ReportRecord will do). */
export type AgencySource = Pick<ReportRecord, 'report_id' | 'agency_id' | 'metadata'>;

/** One row per agency; name, region and level from its latest report (highest year, then report_id). */
export function agencyRows(records: AgencySource[]): CsvRow[] {
  const byAgency = new Map<string, AgencySource[]>();
  for (const r of records) {
    if (!r.agency_id) continue;
    const list = byAgency.get(r.agency_id);
    if (list) list.push(r);
    else byAgency.set(r.agency_id, [r]);
  }
  const rows = [...byAgency].map(([agency_id, rs]) => {
    const years = rs.map((r) => r.metadata.year).filter((y): y is number => y !== null);
    const latest = [...rs].sort((a, b) => (b.metadata.year ?? 0) - (a.metadata.year ?? 0) || (a.report_id < b.report_id ? -1 : 1))[0]!;
    const m = latest.metadata;
    return {
      agency_id, agency_name: m.agency_name,
      province: m.province, province_code: m.province_code, city: m.city, city_code: m.city_code,
      county: m.county, county_code: m.county_code, admin_level: m.admin_level,
      reports: rs.length,
      first_year: years.length ? Math.min(...years) : null,
      last_year: years.length ? Math.max(...years) : null,
    };
  });
  return sortByKey(AGENCIES, rows);
}

/** A cell's place in a template's layout: its key in `byKey` maps below and its codes. */
interface Slot<K> {
  key: string;
  codes: K;
}

/** Computes a template's slots once: the same few layouts serve every report. */
function perTemplate<K>(make: (template: TemplateCode) => Slot<K>[]): (template: TemplateCode) => Slot<K>[] {
  const made = new Map<TemplateCode, Slot<K>[]>();
  return (template) => {
    let slots = made.get(template);
    if (!slots) made.set(template, (slots = make(template)));
    return slots;
  };
}

/** Whether the printed cells are exactly the layout's, in its order (what the tables stage gives): then they are the answer. */
function inLayout<C, K>(printed: readonly C[], slots: readonly Slot<K>[], same: (cell: C, codes: K) => boolean): boolean {
  if (printed.length !== slots.length) return false;
  for (let i = 0; i < slots.length; i++) if (!same(printed[i]!, slots[i]!.codes)) return false;
  return true;
}

/**
 * A table's cells in its template's layout: the printed cell of each slot (the last one printed for its key), a
 * missing cell where none was printed, then the printed cells of no slot (the other template's), in printed order.
 */
function cellsInLayout<C, K>(printed: readonly C[], slots: readonly Slot<K>[], same: (cell: C, codes: K) => boolean, keyOf: (cell: C) => string, missing: (codes: K) => C): C[] {
  if (inLayout(printed, slots, same)) return [...printed];
  const byKey = new Map<string, C>();
  for (const c of printed) byKey.set(keyOf(c), c);
  const out: C[] = [];
  for (const { key, codes } of slots) {
    out.push(byKey.get(key) ?? missing(codes));
    byKey.delete(key);
  }
  return [...out, ...byKey.values()];
}

const applicationSlots = perTemplate((template) => applicationRowsFor(template).flatMap((row) => APPLICANTS.map((a) => ({
  key: `${row.code}/${a.code}`, codes: { row: row.code as ApplicationRowCode, applicant: a.code as ApplicantCode },
}))));

/** Every cell of the template (missing ones included) plus any printed cell of the other template. */
export function applicationCells(record: ReportRecord): ApplicationCell[] {
  const template = templateOf(record, 'applications');
  const printed = record.tables.applications.cells;
  if (!template) return printed;
  return cellsInLayout(printed, applicationSlots(template), (c, k) => c.row === k.row && c.applicant === k.applicant, (c) => `${c.row}/${c.applicant}`, (k) => ({ ...MISSING, row: k.row, applicant: k.applicant }));
}

export function applicationRows(records: ReportRecord[]): CsvRow[] {
  return sortByKey(APPLICATIONS, records.flatMap((r) => applicationCells(r).map((c) => ({
    report_id: r.report_id, row: c.row, applicant: c.applicant, value: valueOf(c), status: c.status, raw: c.raw,
  }))));
}

const WIDE_STATUS_COLUMNS = APPLICANTS.map((a) => a.code + WIDE_STATUS_SUFFIX);
// The status column of each applicant, made once (a key built per cell is slow to look up).
const WIDE_STATUS_COLUMN = new Map<string, string>(APPLICANTS.map((a, i) => [a.code, WIDE_STATUS_COLUMNS[i]!]));

export function applicationWideRows(records: ReportRecord[]): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const r of records) {
    const byRow = new Map<string, CsvRow>();
    for (const c of applicationCells(r)) {
      let row = byRow.get(c.row);
      if (!row) {
        row = { report_id: r.report_id, row: c.row };
        for (const status of WIDE_STATUS_COLUMNS) row[status] = 'missing';
        byRow.set(c.row, row);
      }
      row[c.applicant] = valueOf(c);
      row[WIDE_STATUS_COLUMN.get(c.applicant) ?? c.applicant + WIDE_STATUS_SUFFIX] = c.status;
    }
    rows.push(...byRow.values());
  }
  return sortByKey(APPLICATIONS_WIDE, rows);
}

const proactiveSlots = perTemplate((template) => proactiveCategoriesFor(template).flatMap((cat) => (cat.measures[template] ?? []).map((measure) => ({
  key: `${cat.code}/${measure}`, codes: { item: cat.item as ProactiveItemCode, category: cat.code as ProactiveCategoryCode, measure: measure as MeasureCode },
}))));

export function proactiveCells(record: ReportRecord): ProactiveCell[] {
  const template = templateOf(record, 'proactive_disclosure');
  const printed = record.tables.proactive_disclosure.cells;
  if (!template) return printed;
  return cellsInLayout(printed, proactiveSlots(template), (c, k) => c.category === k.category && c.measure === k.measure, (c) => `${c.category}/${c.measure}`, (k) => ({ ...MISSING, item: k.item, category: k.category, measure: k.measure }));
}

export function proactiveRows(records: ReportRecord[]): CsvRow[] {
  return sortByKey(PROACTIVE, records.flatMap((r) => proactiveCells(r).map((c) => ({
    report_id: r.report_id, item: c.item, category: c.category, measure: c.measure,
    value: yuanValue(c.measure, c), unit: c.unit, status: c.status, raw: c.raw,
  }))));
}

const REVIEW_SLOTS = PROCEEDINGS.flatMap((p) => RESULTS.map((res) => ({
  key: `${p.code}/${res.code}`, codes: { proceeding: p.code as ProceedingCode, result: res.code as ResultCode },
})));

export function reviewCells(record: ReportRecord): ReviewCell[] {
  const printed = record.tables.review_litigation.cells;
  if (!templateOf(record, 'review_litigation')) return printed;
  return cellsInLayout(printed, REVIEW_SLOTS, (c, k) => c.proceeding === k.proceeding && c.result === k.result, (c) => `${c.proceeding}/${c.result}`, (k) => ({ ...MISSING, proceeding: k.proceeding, result: k.result }));
}

export function reviewRows(records: ReportRecord[]): CsvRow[] {
  return sortByKey(REVIEW, records.flatMap((r) => reviewCells(r).map((c) => ({
    report_id: r.report_id, proceeding: c.proceeding, result: c.result, value: valueOf(c), status: c.status, raw: c.raw,
  }))));
}

// A surrogate pair: one code point in two UTF-16 units (string iteration counts it once).
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Characters as code points (`[...text].length`), without building the array. */
export function codePoints(text: string): number {
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

export function sectionRows(records: ReportRecord[]): CsvRow[] {
  return sortByKey(SECTIONS_DATASET, records.flatMap((r) => r.sections.map((s) => ({
    report_id: r.report_id, section: s.code, number: s.number, status: s.status, title_found: s.title_found,
    chars: codePoints(s.text), text: s.text,
  }))));
}

/** Findings; a repeated (rule, location) within a report gets `#2`, `#3` … so the key stays unique. */
export function findingRows(records: ReportRecord[]): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const r of records) {
    const seen = new Map<string, number>();
    for (const f of r.findings) {
      const key = `${f.rule} ${f.location}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      rows.push({ report_id: r.report_id, ...f, location: n === 1 ? f.location : `${f.location}#${n}` });
    }
  }
  return sortByKey(FINDINGS_DATASET, rows);
}

export function codeRows(): CsvRow[] {
  return sortByKey(CODES_DATASET, CODE_LISTS.flatMap((list) => list.codes.map((c) => ({
    list: list.name, code: c.code, zh: c.zh, en: c.en, number: c.number ?? null, templates: c.templates ? [...c.templates].join(' ') : null,
  }))));
}
