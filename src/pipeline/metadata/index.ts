/** metadata stage. STUB — replaced by the reader work (issue 2). */
import type { ReportMetadata, Section } from '../../schema/types.ts';
import type { StageResult } from '../findings.ts';

/** `template` is left null here: the tables stage decides it from the headers. */
export function extractMetadata(text: string, sections: Section[]): StageResult<ReportMetadata> {
  return {
    value: {
      agency_name: null, year: null, template: null, published_date: null,
      province: null, province_code: null, city: null, city_code: null, county: null, county_code: null,
      admin_level: null, is_department: null, contact: { address: null, phone: null, website: null },
    },
    findings: [],
  };
}
