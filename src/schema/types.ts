/**
 * Types that pass between the pipeline stages and reach the pages.
 * read → decode → (html) → clean → segment → metadata → tables → validate → emit
 */
import type {
  AdminLevel,
  ApplicantCode,
  ApplicationRowCode,
  CellStatus,
  FindingOrigin,
  MeasureCode,
  ParseStatus,
  ProactiveCategoryCode,
  ProactiveItemCode,
  ProceedingCode,
  ResultCode,
  RuleCode,
  SectionCode,
  Severity,
  TemplateCode,
} from './codes.ts';

/** One validation or parsing finding. */
export interface Finding {
  rule: RuleCode;
  severity: Severity;
  origin: FindingOrigin;
  /** Stable location key, e.g. `applications/received_new/total`, `section/other_matters`, `file`. */
  location: string;
  table: 'applications' | 'proactive_disclosure' | 'review_litigation' | null;
  row: string | null;
  column: string | null;
  expected: string | null;
  actual: string | null;
  message_zh: string;
  message_en: string;
}

/** Provenance of an input file, from content/sources.json. */
export interface Provenance {
  source_url: string | null;
  obtained: string | null;
  note: string | null;
}

/** Read stage: the file as bytes. Only this and emit touch the file system. */
export interface InputFile {
  /** Path relative to the content folder, with `/`. */
  path: string;
  bytes: Uint8Array;
  sha256: string;
  provenance: Provenance;
  /** Set by the read stage when a limit kept the file from being read (too large, too many files, not a regular file). */
  refused?: Finding;
}

export interface DecodedText {
  text: string;
  encoding: string;
  /** `lf` | `crlf` | `cr` | `mixed` | `none` */
  lineEndings: string;
  isHtml: boolean;
}

/** A table cell recovered from HTML (colspan/rowspan already expanded by the html stage). */
export type HtmlTable = string[][];

export interface CleanedText {
  /** Text with chrome removed, line ends `\n`, original characters kept (for display). */
  text: string;
  /** Lines that were removed as site chrome, in order. */
  removed: string[];
}

export interface Section {
  code: SectionCode;
  number: number;
  status: 'present' | 'missing';
  /** The heading as found in the report, null when missing. */
  title_found: string | null;
  /** Text of the part, without its heading. Tables stay inside parts 二–四. */
  text: string;
}

export interface Contact {
  address: string | null;
  phone: string | null;
  website: string | null;
}

export interface ReportMetadata {
  agency_name: string | null;
  year: number | null;
  /** From the table headers; null when the report has no tables. */
  template: TemplateCode | null;
  /** YYYY-MM-DD */
  published_date: string | null;
  /** YYYY-MM-DD: the date under the sign-off at the end of the report, when there is one (not the publication date). */
  signed_date?: string | null;
  province: string | null;
  province_code: string | null;
  city: string | null;
  city_code: string | null;
  county: string | null;
  county_code: string | null;
  admin_level: AdminLevel | null;
  /** True when the agency is a department of a government, not the government (办公室) itself. */
  is_department: boolean | null;
  contact: Contact;
}

export interface CellValue {
  value: number | null;
  status: CellStatus;
  /** What the report printed, trimmed; null when missing. */
  raw: string | null;
  /** Unit as printed (元, 万元) for money; null otherwise. */
  unit: string | null;
}

export interface ApplicationCell extends CellValue {
  row: ApplicationRowCode;
  applicant: ApplicantCode;
}

export interface ReviewCell extends CellValue {
  proceeding: ProceedingCode;
  result: ResultCode;
}

export interface ProactiveCell extends CellValue {
  item: ProactiveItemCode;
  category: ProactiveCategoryCode;
  measure: MeasureCode;
}

/** `present`: numbers found; `empty`: the heading/header is there but no numbers; `missing`: not in the report. */
export type TableStatus = 'present' | 'empty' | 'missing';

export interface ParsedTable<C> {
  status: TableStatus;
  template: TemplateCode | null;
  cells: C[];
}

export interface ReportTables {
  applications: ParsedTable<ApplicationCell>;
  proactive_disclosure: ParsedTable<ProactiveCell>;
  review_litigation: ParsedTable<ReviewCell>;
}

/** Everything known about one input file: the per-report JSON of the static API. */
export interface ReportRecord {
  report_id: string;
  agency_id: string | null;
  source_file: string;
  source_sha256: string;
  provenance: Provenance;
  encoding: string | null;
  parse_status: ParseStatus;
  metadata: ReportMetadata;
  sections: Section[];
  tables: ReportTables;
  findings: Finding[];
  removed_chrome: string[];
  narrative_chars: number;
}
