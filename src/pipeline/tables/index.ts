/** tables stage: tables 二, 三, 四 into the contract's cells. STUB — replaced by the tables work (issue 3). */
import type { ReportTables, Section } from '../../schema/types.ts';
import type { StageResult } from '../findings.ts';

export interface TablesInput {
  sections: Section[];
  /** The whole cleaned text, for reports whose parts could not be told apart. */
  text: string;
  year: number | null;
}

export function parseTables(input: TablesInput): StageResult<ReportTables> {
  return {
    value: {
      applications: { status: 'missing', template: null, cells: [] },
      proactive_disclosure: { status: 'missing', template: null, cells: [] },
      review_litigation: { status: 'missing', template: null, cells: [] },
    },
    findings: [],
  };
}
