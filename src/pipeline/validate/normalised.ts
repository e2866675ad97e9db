/**
 * normaliseForMatch for the validate rules, memoised: the spam, count and
 * review rules each read the same part texts of a report, so each text is
 * normalised once. The memo holds only the last few texts (one report's
 * parts), so it stays small over a large build; the result is the same with
 * or without it.
 */
import { normaliseForMatch } from '../normalize.ts';

const MAX_ENTRIES = 32;
const memo = new Map<string, string>();

export function normalisedText(text: string): string {
  let n = memo.get(text);
  if (n === undefined) {
    n = normaliseForMatch(text);
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(text, n);
  }
  return n;
}
