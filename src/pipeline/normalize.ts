/**
 * Normalisation for matching only (the text shown to people keeps its own
 * characters). Full-width → ASCII (NFKC turns （一） into (一), U+3000 into a
 * space), no-break and zero-width spaces removed, all whitespace removed, and
 * Chinese/ASCII quotes and a few punctuation variants unified.
 */

import { fastNormaliseForMatch, fastNormaliseLines } from './normalize-fast.ts';

// JavaScript's \s spelled out (tests/unit/reader/normalize.test.ts checks every
// code unit): V8 runs an explicit class several times faster than one mixing \s
// with other characters.
const SPACE_CHARS = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const QUOTES_AND_ZERO_WIDTH = '“”"\'‘’「」『』\\u200b-\\u200d';

// Dropped for matching: quotes of every width and direction (they carry no
// meaning for label matching) and whitespace of every kind, including NBSP
// (NFKC makes it a space) and zero-width characters. One pass removes both.
const DROPPED = new RegExp(`[${QUOTES_AND_ZERO_WIDTH}${SPACE_CHARS}]+`, 'g');
// ASCII and full-width commas used in numbering (一, 一，) become the enumeration comma 、.
const COMMA = /[,，]/g;

export function normaliseForMatch(s: string): string {
  const fast = fastNormaliseForMatch(s);
  if (fast !== null) return fast;
  // Each rule maps single characters to nothing or to 、, and none produces a
  // character another rule touches, so their order does not matter.
  return s.normalize('NFKC').replace(DROPPED, '').replace(COMMA, '、');
}

const charCache = new Map<string, string>();

/**
 * normaliseForMatch of one character (one code point), memoised: callers that
 * map text character by character (to keep offsets) ask for the same few
 * thousand characters again and again.
 */
export function normaliseCharForMatch(ch: string): string {
  let n = charCache.get(ch);
  if (n === undefined) {
    n = normaliseForMatch(ch);
    // Bounded: a hostile file with every code point cannot grow it without limit.
    if (charCache.size < 20_000) charCache.set(ch, n);
  }
  return n;
}

// What normaliseForMatch drops, except the line break: quotes, zero-width characters and other whitespace.
const DROPPED_IN_LINE = new RegExp(`[${QUOTES_AND_ZERO_WIDTH}${SPACE_CHARS.replace('\\n', '')}]+`, 'g');
/** For tests: the whitespace class normaliseForMatch drops, to check against \s. */
export const SPACE_CLASS = new RegExp(`[${SPACE_CHARS}]`);

/**
 * normaliseForMatch of every line of `text`, in one call instead of one per
 * line. NFKC never joins or makes a line break (U+000A starts a segment and
 * composes with nothing), so normalising the whole text and splitting it
 * gives the lines' own normalisations.
 */
export function normalisedLines(text: string): string[] {
  const fast = fastNormaliseLines(text);
  if (fast !== null) return fast.split('\n');
  return text.normalize('NFKC').replace(DROPPED_IN_LINE, '').replace(COMMA, '、').split('\n');
}
