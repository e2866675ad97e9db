/** Cross-report rules, in order: unique ids first (the others name reports by id). Pure. */
import type { ReportRecord } from '../../schema/types.ts';
import { checkCarryover } from './carryover.ts';
import { checkCopied, narrativeSignature } from './copied.ts';
import { resolveDuplicates } from './duplicate.ts';
import { checkLate } from './late.ts';

/**
 * Every rule only appends findings and (for duplicates) changes report_id,
 * copying a record it changes with its other fields, so the rules also run on
 * slim records (slim.ts) whose narrative signatures `signatureOf` gives.
 * The result is in no particular order.
 */
export function crossReportRules<T extends ReportRecord>(records: T[], signatureOf: (record: T) => Uint32Array | null = narrativeSignature): T[] {
  return checkLate(checkCarryover(checkCopied(resolveDuplicates(records), signatureOf)));
}
