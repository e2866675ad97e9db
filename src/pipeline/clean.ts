/** clean stage: site chrome removed, with a record of what was removed. STUB — replaced by the reader work (issue 2). */
import type { CleanedText } from '../schema/types.ts';

export function cleanText(text: string): CleanedText {
  return { text, removed: [] };
}
