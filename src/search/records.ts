/**
 * Search records: one Pagefind custom record per report, holding only its
 * narrative text — parts 一, 五 and 六 whole, and the prose (never the table)
 * of parts 二–四 — one part after another. Where each part starts is in the
 * record's meta (parts.ts), so the search page still shows and links each
 * part on its own. Pure: build-search.ts reads the report JSON and writes the
 * index; this module decides what goes in.
 */
import { ADMIN_LEVELS, SECTIONS, type SectionCode } from '../schema/codes.ts';
import type { ReportRecord, Section } from '../schema/types.ts';
import type { FilterKey } from './filters.ts';
import { partsMeta, type PartText } from './parts.ts';

export { partTitle, partUrl } from './parts.ts';
import { narrativeParagraphs, proseParagraphs } from './prose.ts';

/** Pagefind segments Chinese words only for `zh` / `zh-cn` content. */
export const SEARCH_LANGUAGE = 'zh-cn';

export type SearchRecordMeta = {
  /** Agency and year, e.g. `南充市顺庆区人民政府办公室 2020年`; the page adds the part's title. */
  title: string;
  /** The report (results are counted per report; part anchors start with it). */
  report: string;
  /** Where each part starts in the content (parts.ts). */
  parts: string;
};

/** The shape Pagefind's addCustomRecord takes. */
export interface SearchRecord {
  url: string;
  content: string;
  language: typeof SEARCH_LANGUAGE;
  meta: SearchRecordMeta;
  filters: Partial<Record<FilterKey, string[]>>;
}

/** Why a report contributes no record. */
export type SkipReason = 'no_agency' | 'no_text';

export interface RecordsResult {
  records: SearchRecord[];
  skipped: { report_id: string; reason: SkipReason }[];
}

const NARRATIVE = new Set<SectionCode>(SECTIONS.filter((s) => s.narrative).map((s) => s.code));
/** A letter or digit of any script: text without one holds no word to find. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Zero-width characters: invisible, and Pagefind uses U+200B itself to mark word ends in what it stores. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/gu;

/** The text of a part that search indexes: the whole of a narrative part, the prose of a table part. */
export function indexedText(section: Section): string {
  if (section.status !== 'present') return '';
  const text = section.text.replace(ZERO_WIDTH, '');
  const paragraphs = NARRATIVE.has(section.code) ? narrativeParagraphs(text) : proseParagraphs(text);
  const joined = paragraphs.join('\n');
  return WORD_CHARACTER.test(joined) ? joined : '';
}

/** The agency page of a report, with the report's own anchor (the site renders `<article id="<report_id>">`). */
export function reportUrl(agencyId: string, reportId: string): string {
  return `/agencies/${agencyId}/#${reportId}`;
}

/** Filters of a report: only the facts the report has (no made-up value for a missing one). */
export function filtersFor(report: ReportRecord): SearchRecord['filters'] {
  const m = report.metadata;
  const filters: SearchRecord['filters'] = {};
  if (m.year !== null) filters.year = [String(m.year)];
  if (m.province) filters.province = [m.province];
  const level = ADMIN_LEVELS.find((l) => l.code === m.admin_level);
  if (level) filters.level = [level.zh];
  if (m.template) filters.template = [m.template];
  return filters;
}

/** The indexed parts of a report, in the report's order, empty ones left out. */
export function reportParts(report: ReportRecord): PartText[] {
  return report.sections.map((s) => ({ code: s.code, text: indexedText(s) })).filter((p) => p.text !== '');
}

/** The record of a report from its indexed parts (reportParts); null when it has no agency page or no parts. */
function recordOfParts(report: ReportRecord, parts: readonly PartText[]): SearchRecord | null {
  if (!report.agency_id || parts.length === 0) return null;
  const agency = report.metadata.agency_name ?? report.agency_id;
  const year = report.metadata.year === null ? '' : `${report.metadata.year}年`;
  return {
    url: reportUrl(report.agency_id, report.report_id),
    // Parts are separated by a line end: whitespace, which parts.ts does not count.
    content: parts.map((p) => p.text).join('\n'),
    language: SEARCH_LANGUAGE,
    meta: { title: [agency, year].filter(Boolean).join(' '), report: report.report_id, parts: partsMeta(parts) },
    filters: filtersFor(report),
  };
}

/** The record of one report; null when it has no agency page or no narrative text. */
export function recordForReport(report: ReportRecord): SearchRecord | null {
  return report.agency_id ? recordOfParts(report, reportParts(report)) : null;
}

/** A record with the parts it was made of (what its written fragment must cut back into: index-files.ts checkFragments). */
export interface PartedRecord {
  record: SearchRecord;
  parts: PartText[];
}

/** Orders reports by report_id (code units), the order of the records. */
const byReportId = (a: ReportRecord, b: ReportRecord) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0);

/** Records of every report with their parts, in report_id order, and the reports that gave none (with why). */
export function buildPartedRecords(reports: readonly ReportRecord[]): { records: PartedRecord[]; skipped: RecordsResult['skipped'] } {
  const records: PartedRecord[] = [];
  const skipped: RecordsResult['skipped'] = [];
  for (const report of [...reports].sort(byReportId)) {
    const parts = report.agency_id ? reportParts(report) : [];
    const record = recordOfParts(report, parts);
    if (record) records.push({ record, parts });
    else skipped.push({ report_id: report.report_id, reason: report.agency_id ? 'no_text' : 'no_agency' });
  }
  return { records, skipped };
}

/** Records of every report, in report_id order, and the reports that gave none (with why). */
export function buildSearchRecords(reports: readonly ReportRecord[]): RecordsResult {
  const { records, skipped } = buildPartedRecords(reports);
  return { records: records.map((r) => r.record), skipped };
}
