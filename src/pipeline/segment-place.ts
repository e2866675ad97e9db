/**
 * Where a heading candidate sits in its line (segment.ts): how strong its
 * place is, and where the heading ends. Read unit by unit from the text with
 * tables, without cutting the line out and testing it with an expression
 * (tests/unit/reader/segment-place.test.ts compares them with the
 * expressions they replace, which are quoted in the comments).
 */
import { IS_SPACE } from './chars.ts';

/** How sure we are that a candidate is a heading: higher is better. */
export const STRENGTH = { lineStart: 3, afterBoundary: 2, inline: 1, bareTitle: 1 } as const;

/** A table of the UTF-16 units of `chars`, with JavaScript's \s too when `space`. */
function unitTable(chars: string, space: boolean): Uint8Array {
  const table = space ? IS_SPACE.slice() : new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** What may stand before a heading that starts its line: /^[\s#*>]*$/u (whitespace, Markdown heading, emphasis, quote marks). */
const LINE_LEAD = unitTable('#*>', true);
/** What a heading may follow in its line: /[\s。！？；;:：）)」』"”|*\d]$/u (a sentence end, a closing bracket, a cell end, whitespace, a digit). */
const BOUNDARY = unitTable('。！？；;:：）)」』"”|*0123456789', true);
/** What may follow a title to its line's end, the whole line then being the heading: /^[\s*#_:：。.、]*$/u. */
const DECORATION = unitTable('*#_:：。.、', true);
/** What may follow a title (after 的情况 or 情况) within the heading, any number of them: /[*#_:：。]/u. */
const TAIL = unitTable('*#_:：。', false);

/** How the candidate at `start` sits in its line (which starts at `lineStart`): at its start (after Markdown marks), after a sentence end, or glued. */
export function strengthAt(text: string, start: number, lineStart: number): number {
  let i = lineStart;
  while (i < start && LINE_LEAD[text.charCodeAt(i)] === 1) i++;
  if (i === start) return STRENGTH.lineStart;
  // Not all lead, so the line holds a unit before `start`: the one right before it decides. (No unit of the
  // table is a surrogate, so a character beyond the BMP before it is no boundary, as in the expression.)
  return BOUNDARY[text.charCodeAt(start - 1)] === 1 ? STRENGTH.afterBoundary : STRENGTH.inline;
}

/** End of a heading: the whole line when the rest is only decoration, else just after the title and its tail. */
export function headingEnd(text: string, titleEnd: number): number {
  const lineEnd = text.indexOf('\n', titleEnd);
  const restEnd = lineEnd < 0 ? text.length : lineEnd;
  let i = titleEnd;
  while (i < restEnd && DECORATION[text.charCodeAt(i)] === 1) i++;
  // Only closing decoration left on the line: the heading is the whole line.
  if (i === restEnd) return restEnd;
  // Title words that may follow a variant: 的情况 or 情况 (neither holds a line feed, so neither reaches past
  // the line), then Markdown and punctuation.
  let end = titleEnd;
  if (text.startsWith('的情况', end)) end += 3;
  else if (text.startsWith('情况', end)) end += 2;
  while (end < restEnd && TAIL[text.charCodeAt(end)] === 1) end++;
  return end;
}
