/** Build findings from the rule list of the schema, so severity, origin and messages are never retyped. */
import { ruleDef, type RuleCode } from '../schema/codes.ts';
import type { Finding } from '../schema/types.ts';

export interface FindingDetails {
  table?: Finding['table'];
  row?: string | null;
  column?: string | null;
  /** Overrides the location key built from table/row/column. */
  location?: string;
  expected?: string | number | null;
  actual?: string | number | null;
  /** Specific message; the rule's generic message is used when absent. */
  zh?: string;
  en?: string;
  severity?: Finding['severity'];
}

export function makeFinding(rule: RuleCode, details: FindingDetails = {}): Finding {
  const def = ruleDef(rule);
  const table = details.table ?? null;
  const row = details.row ?? null;
  const column = details.column ?? null;
  const location = details.location ?? ([table, row, column].filter((p) => p !== null).join('/') || 'report');
  return {
    rule,
    severity: details.severity ?? def.severity,
    origin: def.origin,
    location,
    table,
    row,
    column,
    expected: details.expected === undefined || details.expected === null ? null : String(details.expected),
    actual: details.actual === undefined || details.actual === null ? null : String(details.actual),
    message_zh: details.zh ?? def.zh,
    message_en: details.en ?? def.en,
  };
}

/** A stage's output together with what it found. Stages collect findings instead of throwing. */
export interface StageResult<T> {
  value: T;
  findings: Finding[];
}
