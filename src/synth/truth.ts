/** The ground truth written beside each generated report (DIR/truth/<file>.json). */
import type { SectionCode, TemplateCode } from '../schema/codes.ts';
import type { AgencyIdentity } from './regions.ts';
import type { CellStatus } from '../schema/codes.ts';
import type { TableStatus } from '../schema/types.ts';

export interface TruthCell {
  /** `row/applicant`, `category/measure` or `proceeding/result`. */
  key: string;
  value: number | null;
  status: CellStatus;
  /** True when a correct parser can know the value (reported, or imputed from the arithmetic). */
  knowable: boolean;
}

export interface TruthTable {
  status: TableStatus;
  template: TemplateCode | null;
  cells: TruthCell[];
}

export interface TruthMetadata extends AgencyIdentity {
  year: number;
  template: TemplateCode | null;
  published_date: string;
}

export interface Truth {
  file: string;
  seed: string;
  layout: string;
  encoding: string;
  line_endings: string;
  /** Noise applied: glued-cells, missing-cell, not-applicable, empty-table, no-tables, spam, chrome, half-width, no-title, missing-section. */
  noise: string[];
  /** Location of the identity the report breaks on purpose, or null. */
  broken: string | null;
  spam: boolean;
  metadata: TruthMetadata;
  sections: Record<SectionCode, 'present' | 'missing'>;
  tables: { applications: TruthTable; proactive_disclosure: TruthTable; review_litigation: TruthTable };
}
