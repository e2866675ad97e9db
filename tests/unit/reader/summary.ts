/**
 * What the reader's golden files and fixtures record about one parsed report:
 * the metadata fields and, for each of the six parts, its status, heading and
 * the first and last characters of its text. Shared by the tests and by
 * update-expectations.ts (the deliberate command that rewrites them).
 */
import type { ReportMetadata, Section } from '../../../src/schema/types.ts';

/** How many characters of each part's start and end are recorded. */
export const EDGE_CHARS = 20;

export interface SectionSummary {
  code: string;
  status: 'present' | 'missing';
  title_found: string | null;
  first: string;
  last: string;
}

export interface ReaderSummary {
  parse_failed: boolean;
  agency_name: string | null;
  year: number | null;
  published_date: string | null;
  province: string | null;
  province_code: string | null;
  city: string | null;
  city_code: string | null;
  county: string | null;
  county_code: string | null;
  admin_level: string | null;
  is_department: boolean | null;
  sections: SectionSummary[];
  removed_chrome: string[];
}

/** What the reader stages produce for one file (null metadata when the file could not be decoded). */
export interface ReaderOutput {
  metadata: ReportMetadata | null;
  sections: Section[];
  removed_chrome: string[];
}

export function summarise(out: ReaderOutput): ReaderSummary {
  const m = out.metadata;
  return {
    parse_failed: m === null,
    agency_name: m?.agency_name ?? null,
    year: m?.year ?? null,
    published_date: m?.published_date ?? null,
    province: m?.province ?? null,
    province_code: m?.province_code ?? null,
    city: m?.city ?? null,
    city_code: m?.city_code ?? null,
    county: m?.county ?? null,
    county_code: m?.county_code ?? null,
    admin_level: m?.admin_level ?? null,
    is_department: m?.is_department ?? null,
    sections: out.sections.map((s) => {
      const chars = [...s.text];
      return {
        code: s.code,
        status: s.status,
        title_found: s.title_found,
        first: chars.slice(0, EDGE_CHARS).join(''),
        last: chars.slice(-EDGE_CHARS).join(''),
      };
    }),
    removed_chrome: out.removed_chrome,
  };
}
