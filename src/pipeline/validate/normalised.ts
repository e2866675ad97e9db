/**
 * The report's text as the narrative rules read it, in one pass over the full
 * text: normaliseForMatch of the full text and of each present part, and
 * whether a spam term may occur in any of them (spam-screen.ts). The parts are
 * slices of the full text (segment cuts them out of it), so their normalised
 * forms are slices of the full text's; a part that is not found in the full
 * text is read on its own.
 *
 * Why slicing is exact: when fastNormaliseForMatch handles every unit of a
 * text, normaliseForMatch maps each UTF-16 unit on its own, so the normalised
 * form of a slice is the slice of the normalised form between the places its
 * two ends map to. A text with a unit the fast path does not handle takes the
 * plain path (normaliseForMatch of each text, and the spam rule's full scan).
 */
import { Buffer } from 'node:buffer';
import type { Section } from '../../schema/types.ts';
import { normaliseForMatch } from '../normalize.ts';
import { fastNormaliseForMatch } from '../normalize-fast.ts';
import { LOOK, mayEndTerm, mayHaveSpam, precedesTermEnd, screenAction, screenShareLength, termEndsIn, UNSCREENED } from './spam-screen.ts';
import { emptyList, mapList } from '../packed.ts';

export interface ReportText {
  /** normaliseForMatch(text). */
  normalised: string;
  /** normaliseForMatch of each section's text, by the section's place in the list ('' for a part not present). */
  normalisedParts: string[];
  /** false when no spam term occurs in the text or in any part (spam-screen.ts). */
  mayHaveSpam: boolean;
}

/**
 * What a raw unit becomes under the fast path: itself, nothing, one other unit, several units; or not handled;
 * or not yet known. KEEP and DROP are 0 and 1, so the loop takes both (three units in four) on one test.
 */
const KEEP = 0;
const DROP = 1;
const REPLACE_ONE = 2;
const REPLACE = 3;
const SLOW = 4;
const UNKNOWN = 255;
/** Added to the above when the spam screen looks at the unit. */
const SPAM_LOOK = 8;
/** KEEP + SPAM_LOOK for a unit whose share of the screened text is one unit (most such units: 会, 人, 门). */
const KEEP_LOOK_ONE = 16;

const ACTION = new Uint8Array(0x10000).fill(UNKNOWN);
/** For REPLACE_ONE: the unit. */
const REPLACEMENT_UNIT = new Uint16Array(0x10000);
/** For REPLACE: the units. */
const REPLACEMENT: string[] = [];

function classify(c: number): number {
  const normalised = c >= 0xd800 && c <= 0xdfff ? null : fastNormaliseForMatch(String.fromCharCode(c));
  const screen = screenAction(c);
  let action = SLOW;
  if (normalised !== null && screen !== UNSCREENED) {
    if (normalised.length === 1 && normalised.charCodeAt(0) === c) action = KEEP;
    else if (normalised.length === 0) action = DROP;
    else if (normalised.length === 1) {
      action = REPLACE_ONE;
      REPLACEMENT_UNIT[c] = normalised.charCodeAt(0);
    } else {
      action = REPLACE;
      REPLACEMENT[c] = normalised;
    }
    if (screen === LOOK) action = action === KEEP && screenShareLength(c) === 1 ? KEEP_LOOK_ONE : action + SPAM_LOOK;
  }
  ACTION[c] = action;
  return action;
}

/** Reused output: the normalised units (up to KEPT_UNITS of them kept between calls). */
const KEPT_UNITS = 1 << 20;
let units = new Uint16Array(1 << 14);
/**
 * Reused input: the text's units, copied in at once (Buffer's 'utf16le' writes them as they are), as the loop
 * reads an array faster than it reads a string unit by unit.
 */
let input = new Uint16Array(1 << 14);

/** The units of `text` in `input` (grown to hold them). */
function inputUnits(text: string): Uint16Array {
  if (input.length < text.length) input = new Uint16Array(text.length);
  Buffer.from(input.buffer, input.byteOffset, text.length * 2).write(text, 'utf16le');
  return input;
}
/**
 * The units as a string: Buffer's 'utf16le' copies them as they are, several times faster than a TextDecoder
 * (there are no surrogates to replace: a surrogate takes the plain path).
 */
function unitsText(out: Uint16Array, n: number): string {
  return Buffer.from(out.buffer, out.byteOffset, n * 2).toString('utf16le');
}

interface Pass {
  normalised: string;
  spam: boolean;
}

/**
 * normaliseForMatch(text) and the spam screen in one pass, and at each of the
 * ascending raw offsets `marks`, the normalised offset it maps to (into
 * `mapped`); null when a unit needs the plain path.
 */
function fastPass(text: string, marks: readonly number[], mapped: number[]): Pass | null {
  const length = text.length;
  if (units.length < length) units = new Uint16Array(length);
  let out = units;
  const raw = inputUnits(text);
  let n = 0;
  // Set by a replacement; a dropped unit shows in n falling behind (see the end).
  let replaced = false;
  let spam = false;
  let i = 0;
  // Invariant: n + (length - i) <= out.length, so a unit kept always fits.
  for (let m = 0; m <= marks.length; m++) {
    const end = m < marks.length ? marks[m]! : length;
    for (; i < end; i++) {
      const c = raw[i]!;
      let action = ACTION[c]!;
      // The common cases first: a unit kept or dropped (a line break, a space), written either way.
      if (action <= DROP) {
        out[n] = c;
        n += 1 - action;
        continue;
      }
      if (action === REPLACE_ONE) {
        out[n++] = REPLACEMENT_UNIT[c]!;
        replaced = true;
        continue;
      }
      // A kept unit the screen looks at: mayEndTerm's test, its share being one unit, read from a table.
      if (action === KEEP_LOOK_ONE) {
        if (!spam && n > 0 && precedesTermEnd(out[n - 1]!) && termEndsIn(text, i)) spam = true;
        out[n++] = c;
        continue;
      }
      if (action === UNKNOWN) {
        action = classify(c);
        // Met for the first time: the branches above would have taken it.
        if (action === KEEP_LOOK_ONE) action = KEEP + SPAM_LOOK;
      }
      if (action === SLOW) return null;
      if (action >= SPAM_LOOK) {
        if (!spam && mayEndTerm(c, n > 0 ? out[n - 1]! : -1) && termEndsIn(text, i)) spam = true;
        action -= SPAM_LOOK;
      }
      if (action === KEEP) {
        out[n++] = c;
        continue;
      }
      if (action === DROP) continue;
      replaced = true;
      if (action === REPLACE_ONE) out[n++] = REPLACEMENT_UNIT[c]!;
      else if (action === REPLACE) {
        const r = REPLACEMENT[c]!;
        if (n + r.length + (length - i - 1) > out.length) {
          const grown = new Uint16Array(2 * (n + r.length + (length - i)));
          grown.set(out.subarray(0, n));
          out = units = grown;
        }
        for (let k = 0; k < r.length; k++) out[n++] = r.charCodeAt(k);
      }
    }
    if (m < marks.length) mapped[m] = n;
  }
  // Without a replacement, the text changed exactly when some unit was dropped.
  const changed = replaced || n !== length;
  const normalised = changed ? unitsText(out, n) : text;
  // A buffer grown for one very long text is not kept.
  if (units.length > KEPT_UNITS) units = new Uint16Array(KEPT_UNITS);
  if (input.length > KEPT_UNITS) input = new Uint16Array(KEPT_UNITS);
  return { normalised, spam };
}

/**
 * The full text and the parts, normalised, and the spam screen of all of them. `partStarts` (segmentReport's)
 * says where each part was cut; without it, or where it does not hold, the parts are searched for.
 */
export function readReportText(sections: readonly Section[], text: string, partStarts: readonly number[] | null = null): ReportText {
  // Where each present part is in the full text: after the one before, as segment cuts them in order, else anywhere.
  const found = new Array<number>(sections.length).fill(-1);
  const marks: number[] = [];
  let from = 0;
  // Where segment cut the parts: checked, not searched for. Any place a part's text stands gives the same
  // normalised slice (see above), so this reads as the search would.
  const cut = partStarts !== null && partStarts.length === sections.length ? partStarts : null;
  // (Plain loops, not forEach and mapList with a closure each: this runs once per report.)
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    if (s.status !== 'present') continue;
    const known = cut !== null ? cut[i]! : -1;
    // (A slice compared, not startsWith: V8 compares a slice at memory speed, startsWith unit by unit.)
    let at = known >= 0 && text.slice(known, known + s.text.length) === s.text ? known : text.indexOf(s.text, from);
    if (at < 0) at = text.indexOf(s.text);
    if (at < 0) continue;
    found[i] = at;
    from = at + s.text.length;
    marks.push(at, from);
  }
  // Nearly always in order already (the parts follow one another): then sorting would change nothing.
  if (!ascending(marks)) marks.sort((a, b) => a - b);
  const mapped = new Array<number>(marks.length);
  const pass = fastPass(text, marks, mapped);
  if (pass === null) {
    return {
      normalised: normaliseForMatch(text),
      normalisedParts: mapList(sections, (s) => (s.status === 'present' ? normaliseForMatch(s.text) : '')),
      mayHaveSpam: true,
    };
  }
  let spam = pass.spam;
  const normalisedParts = emptyList<string>();
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    const at = found[i]!;
    if (s.status !== 'present') normalisedParts.push('');
    else if (at >= 0) normalisedParts.push(pass.normalised.slice(mapped[marks.indexOf(at)]!, mapped[marks.indexOf(at + s.text.length)]!));
    else {
      spam ||= mayHaveSpam(s.text);
      normalisedParts.push(normaliseForMatch(s.text));
    }
  }
  return { normalised: pass.normalised, normalisedParts, mayHaveSpam: spam };
}

/** Whether the numbers never go down. */
function ascending(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i]! < xs[i - 1]!) return false;
  return true;
}

/** The texts the narrative rules read, normalised: each present part, or the full text when no part was found. */
export function narrativeTexts(sections: readonly Section[], text: ReportText): { code: string; normalised: string }[] {
  const out: { code: string; normalised: string }[] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    if (s.status === 'present') out.push({ code: s.code, normalised: text.normalisedParts[i]! });
  }
  return out.length > 0 ? out : [{ code: '', normalised: text.normalised }];
}
