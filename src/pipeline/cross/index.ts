/** Cross-report rules, in order: unique ids first (the others name reports by id). Pure. */
import type { ReportRecord } from '../../schema/types.ts';
import { checkCarryover } from './carryover.ts';
import { checkCopied } from './copied.ts';
import { resolveDuplicates } from './duplicate.ts';
import { checkLate } from './late.ts';

export function crossReportRules(records: ReportRecord[]): ReportRecord[] {
  return checkLate(checkCarryover(checkCopied(resolveDuplicates(records))));
}
