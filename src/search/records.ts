/**
 * Search records: one Pagefind custom record per report × part, holding only
 * narrative text — parts 一, 五 and 六 whole, and the prose (never the table)
 * of parts 二–四. Pure: build-search.ts reads the report JSON and writes the
 * index; this module decides what goes in.
 */
import { ADMIN_LEVELS, SECTIONS, type SectionCode } from '../schema/codes.ts';
import type { ReportRecord, Section } from '../schema/types.ts';
import type { FilterKey } from './filters.ts';
import { narrativeParagraphs, proseParagraphs } from './prose.ts';

/** Pagefind segments Chinese words only for `zh` / `zh-cn` content. */
export const SEARCH_LANGUAGE = 'zh-cn';

export type SearchRecordMeta = {
  /** Agency, year and part title, e.g. `南充市顺庆区人民政府办公室 2020年 · 一、总体情况`. */
  title: string;
  agency: string;
  /** The report year, or empty when the report does not say. */
  year: string;
  /** The part as titled by the template, e.g. `一、总体情况`. */
  part: string;
  /** The report this part belongs to (results are counted per report). */
  report: string;
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

/** The text of a part that search indexes: the whole of a narrative part, the prose of a table part. */
export function indexedText(section: Section): string {
  if (section.status !== 'present') return '';
  const paragraphs = NARRATIVE.has(section.code) ? narrativeParagraphs(section.text) : proseParagraphs(section.text);
  return paragraphs.join('\n');
}

/** The anchor of a part on its agency page (the site renders `<section id="<report_id>--<code>">`). */
export function partUrl(agencyId: string, reportId: string, code: SectionCode): string {
  return `/agencies/${agencyId}/#${reportId}--${code}`;
}

export function partTitle(code: SectionCode): string {
  const def = SECTIONS.find((s) => s.code === code)!;
  return `${def.numeral}、${def.zh}`;
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

/** The records of one report; empty when it has no agency page or no narrative text. */
export function recordsForReport(report: ReportRecord): SearchRecord[] {
  if (!report.agency_id) return [];
  const agency = report.metadata.agency_name ?? report.agency_id;
  const year = report.metadata.year === null ? '' : String(report.metadata.year);
  const filters = filtersFor(report);
  const records: SearchRecord[] = [];
  for (const section of report.sections) {
    const content = indexedText(section);
    if (content === '') continue;
    const part = partTitle(section.code);
    records.push({
      url: partUrl(report.agency_id, report.report_id, section.code),
      content,
      language: SEARCH_LANGUAGE,
      meta: { title: `${[agency, year ? `${year}年` : ''].filter(Boolean).join(' ')} · ${part}`, agency, year, part, report: report.report_id },
      filters,
    });
  }
  return records;
}

/** Records of every report, in report_id order, and the reports that gave none (with why). */
export function buildSearchRecords(reports: readonly ReportRecord[]): RecordsResult {
  const sorted = [...reports].sort((a, b) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0));
  const records: SearchRecord[] = [];
  const skipped: RecordsResult['skipped'] = [];
  for (const report of sorted) {
    const own = recordsForReport(report);
    if (own.length === 0) skipped.push({ report_id: report.report_id, reason: report.agency_id ? 'no_text' : 'no_agency' });
    records.push(...own);
  }
  return { records, skipped };
}
