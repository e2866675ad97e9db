/**
 * A quick screen for spam.ts: whether any spam term can occur in a text at
 * all, read from the raw text in one pass without building its normalised,
 * lower-cased copy. Nearly every report has none, and then spam.ts need not
 * normalise, lower-case and scan the text; a text that may have one (or that
 * the screen cannot read, see below) takes spam.ts's exact path.
 *
 * Why the screen is exact: spam.ts matches terms on
 * normaliseForMatch(text).toLowerCase(). When fastNormaliseForMatch handles
 * every character of a text, that normalisation maps each UTF-16 unit on its
 * own, and lower-casing maps each unit on its own but for the final sigma
 * (σ or ς, neither in any term, both one unit), so each unit's share of the
 * lower-cased normalised text is fixed and can be tabled. A text with a unit
 * the fast path does not handle, or whose share holds a surrogate, is not
 * screened (`true`).
 */
import { fastNormaliseForMatch } from '../normalize-fast.ts';
import { SPAM_TERMS } from './spam-terms.ts';

/** The terms by their last unit. */
const TERMS_BY_LAST_UNIT = new Map<number, string[]>();
for (const { term } of SPAM_TERMS) {
  const last = term.charCodeAt(term.length - 1);
  TERMS_BY_LAST_UNIT.set(last, [...(TERMS_BY_LAST_UNIT.get(last) ?? []), term]);
}

/** How the scan treats a raw UTF-16 unit: not yet known, passed over, looked at, or not screenable. */
const UNKNOWN = 0;
export const QUIET = 1;
export const LOOK = 2;
export const UNSCREENED = 3;

const ACTION = new Uint8Array(0x10000);
/** For a screenable unit: what it becomes in the lower-cased normalised text (empty when dropped). */
const SHARE: string[] = [];

/**
 * A unit's share of the lower-cased normalised text, worked out once. A unit
 * is passed over when its share has no last unit of a term: no term can end
 * in it.
 */
function classify(c: number): number {
  let action = UNSCREENED;
  const normalised = c >= 0xd800 && c <= 0xdfff ? null : fastNormaliseForMatch(String.fromCharCode(c));
  if (normalised !== null) {
    let lowered = '';
    for (let i = 0; i < normalised.length; i++) lowered += normalised[i]!.toLowerCase();
    if (!/[\ud800-\udfff]/.test(lowered)) {
      SHARE[c] = lowered;
      action = [...lowered].some((u) => TERMS_BY_LAST_UNIT.has(u.charCodeAt(0))) ? LOOK : QUIET;
    }
  }
  ACTION[c] = action;
  return action;
}

/**
 * Whether `term` ends at unit `p` of the share of the raw unit at `at` (that
 * unit being the term's last): the units before it are read back from the
 * raw text, through the shares of the units before `at`.
 */
function termEndsAt(text: string, at: number, p: number, term: string): boolean {
  let share = SHARE[text.charCodeAt(at)]!;
  let q = p - 1;
  let j = at;
  for (let k = term.length - 2; k >= 0; k--) {
    while (q < 0) {
      j--;
      if (j < 0) return false;
      // Every unit before `at` was classified, and screenable, when the scan passed it.
      share = SHARE[text.charCodeAt(j)]!;
      q = share.length - 1;
    }
    if (share.charCodeAt(q) !== term.charCodeAt(k)) return false;
    q--;
  }
  return true;
}

/** Units that come right before the last unit of some term. */
const BEFORE_LAST = new Uint8Array(0x10000);
for (const { term } of SPAM_TERMS) BEFORE_LAST[term.charCodeAt(term.length - 2)] = 1;

/**
 * A quick test before termEndsIn for unit `c` (to LOOK at), given the unit of
 * the normalised text right before c's share (-1 when there is none): false
 * when no term can end in c's share, as the unit before it in the lower-cased
 * text comes right before no term's last unit.
 */
export function mayEndTerm(c: number, previous: number): boolean {
  // A share of several units may hold a term's last two units itself.
  if (SHARE[c]!.length !== 1) return true;
  return previous >= 0 && precedesTermEnd(previous);
}

/** The length of a screenable unit's share (after its screenAction). */
export function screenShareLength(c: number): number {
  return SHARE[c]!.length;
}

/**
 * precedesTermEnd's answers, worked out once, as bits (8 KiB each instead of a 256 KiB table of each unit's
 * lower case): the units asked about are scattered over the ideographs, and the other stages evict these tables
 * from the cache between two reports, so a smaller table costs fewer misses.
 */
const PRECEDES_KNOWN = new Int32Array(0x800);
const PRECEDES = new Int32Array(0x800);

/** Whether unit `previous` of the normalised text, lower-cased, comes right before some term's last unit. */
export function precedesTermEnd(previous: number): boolean {
  const word = previous >>> 5;
  const bit = 1 << (previous & 31);
  if ((PRECEDES_KNOWN[word]! & bit) === 0) {
    const lowered = String.fromCharCode(previous).toLowerCase();
    if (BEFORE_LAST[lowered.charCodeAt(lowered.length - 1)] === 1) PRECEDES[word] |= bit;
    PRECEDES_KNOWN[word] |= bit;
  }
  return (PRECEDES[word]! & bit) !== 0;
}

/** How the scan treats unit `c` (QUIET, LOOK or UNSCREENED). */
export function screenAction(c: number): number {
  const action = ACTION[c]!;
  return action === UNKNOWN ? classify(c) : action;
}

/**
 * Whether a term ends in the share of the raw unit at `at`, a unit to LOOK at;
 * every unit before it must have had its screenAction.
 */
export function termEndsIn(text: string, at: number): boolean {
  const share = SHARE[text.charCodeAt(at)]!;
  for (let p = 0; p < share.length; p++) {
    const terms = TERMS_BY_LAST_UNIT.get(share.charCodeAt(p));
    if (terms === undefined) continue;
    for (const term of terms) if (termEndsAt(text, at, p, term)) return true;
  }
  return false;
}

/**
 * false when no spam term occurs in normaliseForMatch(text).toLowerCase();
 * true when one does, or the text has a unit the screen cannot read.
 */
export function mayHaveSpam(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let action = ACTION[c]!;
    if (action === QUIET) continue;
    if (action === UNKNOWN) action = classify(c);
    if (action === LOOK) {
      if (termEndsIn(text, i)) return true;
    } else if (action === UNSCREENED) return true;
  }
  return false;
}
