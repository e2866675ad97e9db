/**
 * segment stage: the six parts 一…六 found by their titles.
 *
 * A heading is a part numeral (一…六, never in brackets: （一） is a
 * sub-heading) with a separator, followed within a few characters by one of
 * the title variants of SECTIONS (`match`). Headings are searched inside lines
 * too, since some pages put the whole body on one line; mentions of the part
 * titles in prose carry no numeral and are not candidates. Among the
 * candidates, the headings are the best sequence in template order, so a
 * table row like 四、结转下年度继续办理 or a title quoted out of order is never
 * taken. A part without a heading is `missing` (with a finding), never invented.
 */
import { SECTIONS } from '../schema/codes.ts';
import type { Section } from '../schema/types.ts';
import { makeFinding, type StageResult } from './findings.ts';
import { normaliseCharForMatch, normaliseForMatch } from './normalize.ts';
import { fastNormaliseForMatch } from './normalize-fast.ts';
import { headingEnd, STRENGTH, strengthAt } from './segment-place.ts';
import { mapList } from './packed.ts';


/** Most characters allowed between the separator and the title variant (因政府信息公开工作被申请…). */
const MAX_TITLE_PREFIX = 12;
/** How far after the numeral a title is looked for. */
const TITLE_WINDOW = 48;

export interface HeadingCandidate {
  part: number;
  /** Offset of the heading's first character (the numeral or Markdown marker). */
  start: number;
  /** Offset just after the heading. */
  end: number;
  strength: number;
  title: string;
}

/**
 * A part numeral with its separator: 一、 一. 一． 一， or 一 followed by a
 * space, not preceded by a bracket (（一）), another numeral (十一、) or 第
 * (第二十条); or 第一部分. (The character before the numeral is looked at after
 * the numeral is read, `.` being the numeral: both branches then start with a
 * plain character, which the engine searches for faster.)
 */
export const NUMERAL = /第([一二三四五六])部分\s*[、.．，,:：]?|([一二三四五六])(?<![（(［\[〔一二三四五六七八九十第].)\s*(?:[、.．，,:：]|\s)/gu;

const NUMERALS = ['一', '二', '三', '四', '五', '六'];

/**
 * Map from each character of `norm` (normaliseForMatch of a window) back to an offset in the window; offsets null when
 * every unit is its own normalisation (norm is the window). With `needed`, only norm's first `needed` characters and
 * their offsets are sure: a window whose first `needed` units are their own normalisation is given as it is.
 */
export function normalisedWithOffsets(window: string, needed = Infinity): { norm: string; offsets: number[] | null } {
  // How many units from the start are their own normalisation (window.length: all).
  let same = window.length;
  let surrogate = false;
  for (let k = 0; k < window.length; k++) {
    const c = window.charCodeAt(k);
    if (((UNIT_CLASS[c] || classOf(c)) & IDENTITY) !== 0) continue;
    if (same === window.length) same = k;
    if (c >= 0xd800 && c <= 0xdfff) {
      surrogate = true;
      break;
    }
  }
  if (same === window.length) return { norm: window, offsets: null };
  if (surrogate) return normalisedByCodePoint(window);
  return same >= needed ? { norm: window, offsets: null } : normalisedByUnit(window, needed);
}

/** normaliseCharForMatch of each UTF-16 unit but surrogates, with Markdown marks as nothing, worked out when first met. */
const UNIT_NORM: string[] = [];

/** normalisedWithOffsets of a window without surrogates, to `needed` offsets: runs of units that are their own normalisation are copied at once. */
function normalisedByUnit(window: string, needed: number): { norm: string; offsets: number[] } {
  let norm = '';
  const offsets: number[] = [];
  let run = 0;
  let k = 0;
  for (; k < window.length && offsets.length < needed; k++) {
    const c = window.charCodeAt(k);
    if ((UNIT_CLASS[c]! & IDENTITY) !== 0) {
      offsets.push(k);
      continue;
    }
    if (run < k) norm += window.slice(run, k);
    run = k + 1;
    let n = UNIT_NORM[c];
    if (n === undefined) {
      const ch = String.fromCharCode(c);
      // Markdown emphasis and heading marks carry no title text.
      n = UNIT_NORM[c] = ch === '*' || ch === '#' || ch === '_' ? '' : normaliseCharForMatch(ch);
    }
    // One offset per character of the normalisation, as normalisedByCodePoint gives.
    for (const d of n) {
      norm += d;
      offsets.push(k);
    }
  }
  if (run < k) norm += window.slice(run, k);
  offsets.push(k);
  return { norm, offsets };
}

/** normalisedWithOffsets of any window, character by character (exported for tests: the reference for the others). */
export function normalisedByCodePoint(window: string): { norm: string; offsets: number[] } {
  let norm = '';
  const offsets: number[] = [];
  let i = 0;
  for (const ch of window) {
    const code = ch.charCodeAt(0);
    // CJK unified ideographs (U+4E00–U+9FFF) are their own normalisation: no lookup.
    if (code >= 0x4e00 && code <= 0x9fff) {
      norm += ch;
      offsets.push(i++);
      continue;
    }
    // Markdown emphasis and heading marks carry no title text.
    const n = ch === '*' || ch === '#' || ch === '_' ? '' : normaliseCharForMatch(ch);
    for (const c of n) {
      norm += c;
      offsets.push(i);
    }
    i += ch.length;
  }
  offsets.push(i);
  return { norm, offsets };
}

/** Each part's title variants, normalised, longest first. */
const TITLE_VARIANTS: readonly string[][] = SECTIONS.map((s) => [...s.match].map((v) => normaliseForMatch(v)).sort((a, b) => b.length - a.length));

/** Each part's official title, normalised (for bare-title lines). */
const BARE_TITLES: readonly string[] = SECTIONS.map((s) => normaliseForMatch(s.zh));

/** How much of a window's normalisation findTitle reads (a variant within MAX_TITLE_PREFIX), and one character more. */
const TITLE_NORM_NEEDED = MAX_TITLE_PREFIX + Math.max(...TITLE_VARIANTS.flat().map((v) => v.length)) + 1;

/** What never stands before a title variant in a heading: digits and sentence ends. */
const NOT_TITLE_WORD = /[0-9。；;|]/;

/** The longest title variant of `part` starting within MAX_TITLE_PREFIX characters, as [from, to) in norm. */
function findTitle(norm: string, part: number): [number, number] | null {
  const variants = TITLE_VARIANTS[part - 1]!;
  let best: [number, number] | null = null;
  // The characters before the variant must be title words, not numbers or sentence ends: a variant may start at most
  // at the first of those (looked for once a variant is found).
  let latest = -1;
  for (const v of variants) {
    const at = norm.indexOf(v);
    if (at < 0 || at > MAX_TITLE_PREFIX) continue;
    if (latest < 0) {
      const firstStop = norm.search(NOT_TITLE_WORD);
      latest = firstStop < 0 ? MAX_TITLE_PREFIX : Math.min(firstStop, MAX_TITLE_PREFIX);
    }
    if (at > latest) continue;
    if (!best || at < best[0] || (at === best[0] && at + v.length > best[1])) best = [at, at + v.length];
  }
  return best;
}

export function findHeadingCandidates(text: string): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  // One search through the text (exec, not matchAll: no copy of the pattern per text).
  NUMERAL.lastIndex = 0;
  for (let m = NUMERAL.exec(text); m !== null; m = NUMERAL.exec(text)) {
    const part = NUMERALS.indexOf(m[1] ?? m[2]!) + 1;
    const afterSep = m.index! + m[0].length;
    const lineEnd = text.indexOf('\n', afterSep);
    const window = text.slice(afterSep, Math.min(afterSep + TITLE_WINDOW, lineEnd < 0 ? text.length : lineEnd));
    const { norm, offsets } = normalisedWithOffsets(window, TITLE_NORM_NEEDED);
    const found = findTitle(norm, part);
    if (!found) continue;
    const titleEnd = afterSep + (offsets ? offsets[found[1]]! : found[1]);
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const strength = strengthAt(text, m.index, lineStart);
    // A heading that starts its line takes the Markdown marks before it (## **六、…**), not the indent.
    const lead = text.slice(lineStart, m.index!);
    const start = strength === STRENGTH.lineStart ? lineStart + (lead.length - lead.trimStart().length) : m.index!;
    const end = headingEnd(text, titleEnd);
    out.push({ part, start, end, strength, title: text.slice(start, end).trim() });
  }
  return out.concat(bareTitleCandidates(text)).sort((a, b) => a.start - b.start || b.strength - a.strength);
}

/** The last character of each official title: a line normalises to a title only if one of its characters gives one. */
const TITLE_ENDS = new Set(BARE_TITLES.map((t) => t[t.length - 1]!));
/** The longest official title, normalised: a line whose normalisation is longer is none of them. */
const MAX_BARE_TITLE = Math.max(...BARE_TITLES.map((t) => t.length));

/**
 * Per UTF-16 unit, worked out when first met (0: not yet): GIVES_END when its normalisation holds a
 * title's last character (or it is a surrogate, not worked out); COUNTS when normaliseForMatch's
 * character-by-character path gives it one or more characters, IDENTITY when it gives the unit itself
 * (never a Markdown mark); SLOW when that path does not take it.
 */
const KNOWN = 1;
const GIVES_END = 2;
const COUNTS = 4;
const SLOW = 8;
const IDENTITY = 16;
/**
 * NOT_TITLE: the character-by-character path gives the unit a character no official title has. A line
 * holding one is no bare title: NFKC keeps that character, or composes it with marks after it into a
 * character that is no ideograph (composition never makes one), and no other unit's normalisation takes
 * it away (the path's characters never join one before them; normalize-fast.ts).
 */
const NOT_TITLE = 32;
/** The characters of the official titles, normalised. */
const TITLE_CHARS = new Set(BARE_TITLES.flatMap((t) => [...t]));
const UNIT_CLASS = new Uint8Array(0x10000);

function classOf(c: number): number {
  const ch = String.fromCharCode(c);
  let v = KNOWN;
  // Normalisation is per character here: NFKC composes no ideograph, and the rest of normaliseForMatch maps characters one by one.
  if ((c >= 0xd800 && c <= 0xdfff) || [...normaliseForMatch(ch)].some((d) => TITLE_ENDS.has(d))) v |= GIVES_END;
  // Markdown marks are removed before normalising (bareTitleCandidates).
  if (ch !== '*' && ch !== '#' && ch !== '_') {
    const fast = fastNormaliseForMatch(ch);
    v |= fast === null ? SLOW : fast === '' ? 0 : COUNTS;
    if (fast === ch) v |= IDENTITY;
    if (fast !== null && [...fast].some((d) => !TITLE_CHARS.has(d))) v |= NOT_TITLE;
  }
  UNIT_CLASS[c] = v;
  return v;
}

/**
 * Where a unit that GIVES_END may stand: a title's last character, a surrogate, or a character whose
 * compatibility form is made of ideographs (CJK radicals, ideographic annotations, enclosed and squared
 * CJK, compatibility ideographs). tests/unit/reader/segment.test.ts checks every UTF-16 unit against it.
 * Ranges are joined over the seldom-met units between them (Bopomofo to Katakana extensions; private use):
 * fewer ranges search faster, and bareTitleCandidates decides the lines of those units unit by unit.
 */
const MAY_GIVE_CLASS = `${[...TITLE_ENDS].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}\\u2e80-\\u2fdf\\u3190-\\u33ff\\ud800-\\ufaff`;
export const MAY_GIVE_TITLE_END = new RegExp(`[${MAY_GIVE_CLASS}]`, 'g');
/**
 * A run of units MAY_GIVE_TITLE_END does not match, from lastIndex: where it stops is where that search
 * would find its next match (the engine runs a class's greedy run faster than it searches for the class).
 */
const MAY_GIVE_GAP = new RegExp(`[^${MAY_GIVE_CLASS}]*`, 'y');

/**
 * Units that are never SLOW (ASCII and C1, common general punctuation, CJK punctuation, ideographs,
 * full-width forms; tests/unit/reader/segment.test.ts checks each): a run of them from lastIndex, to the line's end at most.
 */
const NEVER_SLOW = '\\u0000-\\u0009\\u000b-\\u009f\\u00b7\\u2010-\\u2016\\u2018-\\u2027\\u3000-\\u3029\\u3030-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff01-\\uff5e';
export const NOT_SLOW_RUN = new RegExp(`[${NEVER_SLOW}]*`, 'y');

/** For tests: whether a UTF-16 unit is one normaliseForMatch's character-by-character path does not take. */
export function isSlowUnit(c: number): boolean {
  return ((UNIT_CLASS[c] || classOf(c)) & SLOW) !== 0;
}

/** For tests: whether a UTF-16 unit's normalisation holds a title's last character (or it is a surrogate). */
export function givesTitleEnd(c: number): boolean {
  return ((UNIT_CLASS[c] || classOf(c)) & GIVES_END) !== 0;
}

/**
 * A line that is only a part's official title, without numeral (e.g. **总体情况**): a weak candidate.
 * Only a line with a character that can end a title (found by MAY_GIVE_TITLE_END, then checked) is
 * normalised, and only when its normalisation can be as short as a title (without SLOW units, each
 * unit that COUNTS adds at least one character to it).
 */
export function bareTitleCandidates(text: string): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  // Each unit MAY_GIVE_TITLE_END matches, from the start and after each line decided: the end of the gap before it.
  for (let from = 0; ; ) {
    MAY_GIVE_GAP.lastIndex = from;
    MAY_GIVE_GAP.test(text);
    const at = MAY_GIVE_GAP.lastIndex;
    if (at >= text.length) break;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 ? text.length : newline;
    // The next search starts on the next line: this one is decided here.
    from = lineEnd;
    let flags = 0;
    let counted = 0;
    let i = lineStart;
    let mayStop = true;
    let notTitle = false;
    while (i < lineEnd) {
      const c = text.charCodeAt(i++);
      const v = UNIT_CLASS[c] || classOf(c);
      // A character no title has: the line is decided (most lines, within a few units).
      if ((v & NOT_TITLE) !== 0) {
        notTitle = true;
        break;
      }
      flags |= v;
      if ((v & COUNTS) !== 0) counted++;
      // Longer than any title already: only a SLOW unit after this point would keep the line a candidate.
      if (mayStop && counted > MAX_BARE_TITLE && (flags & SLOW) === 0) {
        NOT_SLOW_RUN.lastIndex = i;
        NOT_SLOW_RUN.test(text);
        if (NOT_SLOW_RUN.lastIndex >= lineEnd) i = lineEnd;
        else mayStop = false;
      }
    }
    if (notTitle) continue;
    if ((flags & GIVES_END) === 0 || ((flags & SLOW) === 0 && counted > MAX_BARE_TITLE)) continue;
    const line = text.slice(lineStart, lineEnd);
    const part = BARE_TITLES.indexOf(normaliseForMatch(line.replace(/[*#_]/g, ''))) + 1;
    if (part > 0) out.push({ part, start: lineStart + (line.length - line.trimStart().length), end: lineEnd, strength: STRENGTH.bareTitle, title: line.trim() });
  }
  return out;
}

/**
 * The best sequence of headings in template order: most parts found, then
 * strongest, then latest (so a table of contents that lists the numbered
 * titles above the text loses to the real headings). Dynamic programming
 * over the candidates.
 */
export function chooseHeadings(candidates: HeadingCandidate[]): (HeadingCandidate | null)[] {
  // best chain ending with candidate i: its score total[i], its previous candidate prev[i] (typed arrays: one shape).
  const total = new Float64Array(candidates.length);
  const prev = new Int32Array(candidates.length).fill(-1);
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const own = 100 + c.strength;
    total[i] = own;
    for (let j = 0; j < i; j++) {
      const p = candidates[j]!;
      const sum = total[j]! + own;
      // On a tie the later candidate wins: the heading is the one right before its text, not a listing above it.
      if (p.part < c.part && p.end <= c.start && sum >= total[i]!) {
        total[i] = sum;
        prev[i] = j;
      }
    }
  }
  let tip = -1;
  for (let i = 0; i < candidates.length; i++) if (tip < 0 || total[i]! >= total[tip]!) tip = i;
  const chosen: (HeadingCandidate | null)[] = mapList(SECTIONS, () => null);
  for (let i = tip; i >= 0; i = prev[i]!) chosen[candidates[i]!.part - 1] = candidates[i]!;
  return chosen;
}

/** A date alone on its line: 2020年1月15日, 2020-01-15. */
const DATE_LINE = /^(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})$/u;
/** A sign-off name: short, no sentence punctuation. */
const SIGN_OFF_NAME = /^[^。，；：:,;]{2,30}$/u;

/**
 * Where a sign-off (河北省教育厅 / 2020年1月15日) at the end of the text starts,
 * or text.length: a date line last, up to two short name lines above it, and a
 * finished sentence before them. It belongs to no part.
 */
export function signOffStart(text: string): number {
  // Only the last lines matter: they are read from the end, not the whole text split.
  const body = text.trimEnd();
  let start = lineStartBefore(body, body.length);
  if (start === 0 || !DATE_LINE.test(body.slice(start).trim())) return text.length;
  let names = 0;
  for (;;) {
    const end = start - 1;
    start = lineStartBefore(body, end);
    const line = body.slice(start, end);
    const t = line.trim();
    if (t !== '' && names < 2 && SIGN_OFF_NAME.test(t)) names++;
    // The finished sentence before the sign-off: the sign-off starts after its line.
    else if (t !== '') return /[。！？!?]$/u.test(t) ? start + line.length : text.length;
    if (start === 0) return text.length;
  }
}

/** Start of the line of `text` that ends at `end` (as text.split('\n') has it). */
function lineStartBefore(text: string, end: number): number {
  return end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
}

/**
 * The six parts, and where each present part's text starts in `text` (-1 for a part not present): the validate
 * stage reads the parts there instead of searching the text for them.
 */
export function segmentReport(text: string): StageResult<Section[]> & { partStarts: readonly number[] } {
  const chosen = chooseHeadings(findHeadingCandidates(text));
  const findings = [];
  const sections: Section[] = [];
  const starts: number[] = [];
  for (let i = 0; i < SECTIONS.length; i++) {
    const s = SECTIONS[i]!;
    const h = chosen[i];
    if (!h) {
      sections.push({ code: s.code, number: s.number, status: 'missing', title_found: null, text: '' });
      starts.push(-1);
      findings.push(makeFinding('section.missing', { location: `section/${s.code}`, zh: `报告缺少第${s.numeral}部分（${s.zh}）`, en: `The report has no part ${s.number} (${s.en})` }));
      continue;
    }
    let next: HeadingCandidate | null = null;
    for (let k = i + 1; k < chosen.length && next === null; k++) next = chosen[k] ?? null;
    const body = text.slice(h.end, next ? next.start : Math.max(h.end, signOffStart(text)));
    sections.push({ code: s.code, number: s.number, status: 'present', title_found: h.title, text: body.trim() });
    starts.push(h.end + body.length - body.trimStart().length);
  }
  return { value: sections, findings, partStarts: starts };
}
