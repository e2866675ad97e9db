/** tables stage: tables 二, 三, 四 into the contract's cells. STUB — replaced by the tables work (issue 3). */
import type { ReportTables, Section } from '../../schema/types.ts';
import type { StageResult } from '../findings.ts';

export function parseTables(sections: Section[], year: number | null): StageResult<ReportTables> {
  return {
    value: {
      applications: { status: 'missing', template: null, cells: [] },
      proactive_disclosure: { status: 'missing', template: null, cells: [] },
      review_litigation: { status: 'missing', template: null, cells: [] },
    },
    findings: [],
  };
}
