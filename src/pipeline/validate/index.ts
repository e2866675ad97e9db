/** validate stage: the data contract's single-report rules. STUB — replaced by the tables work (issue 3). */
import type { Finding, ReportMetadata, ReportTables, Section } from '../../schema/types.ts';

export interface ValidationInput {
  metadata: ReportMetadata;
  sections: Section[];
  tables: ReportTables;
  /** The cleaned full text (for spam detection). */
  text: string;
}

export function validateReport(input: ValidationInput): Finding[] {
  return [];
}
