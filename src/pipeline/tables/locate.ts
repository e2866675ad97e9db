/**
 * Where tables 二, 三 and 四 are, from the template's own anchors: the part
 * titles, 第二十条第(一)项, 申请人情况 / 本年新收, the 行政复议 header, and the
 * title of part 五 after them. Anchors are searched in template order, each
 * after the one before, so a narrative mention in part 一 (没有被申请行政复议)
 * is not taken for a table.
 */
import type { Section } from '../../schema/types.ts';
import { isSpaceCode } from './scan.ts';

export interface Regions {
  proactive: string | null;
  applications: string | null;
  review: string | null;
}

// Part titles may carry markdown marks (## **三、…**) and full- or half-width punctuation after the numeral.
const P2_TITLE = /二\s*[、.．,，]\s*[*_\s]*主动公开政府信息情况/;
const ART20_1 = /第\s*二\s*十\s*条\s*第\s*[（(]\s*一\s*[)）]\s*项/;
const P3_TITLE = /三\s*[、.．,，]\s*[*_\s]*收到和处理政府信息公开申请情况/;
const P3_HEADER = /申\s*请\s*人\s*情\s*况|本\s*年\s*新\s*收/;
// The column header comes before the first row, and a narrative sentence may mention 本年新收 earlier.
const P3_COLUMNS = /申\s*请\s*人\s*情\s*况/;
// 四、政府信息公开行政复议、行政诉讼情况 / 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况
const P4_TITLE = /四\s*[、.．,，]\s*[*_\s]*[^\n。四]{0,16}?行政复议/;
const P4_HEADER = /行\s*政\s*复\s*议/;
const CARRIED_OUT = /结\s*转\s*下\s*年\s*度/;
// Part 五's title, in its usual wordings; else part 六.
const P5_TITLE = /五\s*[、.．,，]\s*[*_\s]*(?:存在|主要问题|[^\n。]{0,8}问题|[^\n。]{0,8}改进)/;
const P6_TITLE = /六\s*[、.．,，]\s*[*_\s]*其他需要报告/;
// The title of an earlier part at a line's start (a report may print its parts out of order): 一、总体情况, 二、主动公开…, 三、收到和处理….
const EARLIER_TITLE = /^[ \t\u3000#*_]*(?:一\s*[、.．,，]\s*[*_\s]*总体情况|二\s*[、.．,，]\s*[*_\s]*主动公开政府信息情况|三\s*[、.．,，]\s*[*_\s]*收到和处理政府信息公开申请情况)/m;

/**
 * Sticky copies of the anchors that open with one literal character, with that
 * character: a match can start only there, so the text is scanned with indexOf
 * and the expression tried at each such place (leftmost first, as exec would).
 * `next`: the characters one of which must follow it, after any whitespace (see
 * nextAfterFirst), so most places where it is no anchor are passed over unmatched.
 */
const STICKY = new Map<RegExp, { first: string; next: string | null; at: RegExp }>();
for (const re of [P2_TITLE, ART20_1, P3_TITLE, P3_COLUMNS, P4_TITLE, P4_HEADER, CARRIED_OUT, P5_TITLE, P6_TITLE]) {
  STICKY.set(re, { first: re.source[0]!, next: nextAfterFirst(re.source), at: new RegExp(re.source, 'y') });
}

/**
 * For an expression that opens `X\s*` then a literal character or a class of literal
 * characters (`[、.．,，]`), those characters; else null (no pre-check).
 */
function nextAfterFirst(source: string): string | null {
  if (source.slice(1, 4) !== '\\s*') return null;
  const rest = source.slice(4);
  if (rest[0] === '[') {
    const close = rest.indexOf(']');
    const chars = rest.slice(1, close);
    // Only plain characters: no range, escape or negation to read.
    return close > 1 && !/[-\\^\]]/.test(chars) ? chars : null;
  }
  return rest.length > 0 && !/[\\()[\]{}|.*+?^$]/.test(rest[0]!) ? rest[0]! : null;
}

/** Whether after text[p] and any whitespace (what \s takes) one of `next` follows. */
function nextFollows(text: string, p: number, next: string): boolean {
  let i = p + 1;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i < text.length && next.includes(text[i]!);
}

function search(text: string, re: RegExp, from: number): number {
  if (from < 0) return -1;
  const sticky = STICKY.get(re);
  if (sticky) {
    const next = sticky.next;
    for (let p = text.indexOf(sticky.first, from); p >= 0; p = text.indexOf(sticky.first, p + 1)) {
      if (next !== null && !nextFollows(text, p, next)) continue;
      sticky.at.lastIndex = p;
      if (sticky.at.test(text)) return p;
    }
    return -1;
  }
  const m = re.exec(text.slice(from));
  return m ? from + m.index : -1;
}

/** EARLIER_TITLE without its line-start anchor, tried at one position (see earlierTitleBefore). */
const EARLIER_TITLE_AT = new RegExp(EARLIER_TITLE.source.slice(1), 'y');

/**
 * Where EARLIER_TITLE first matches in text.slice(from) (as an offset of `text`), when
 * that is before `end`; else −1. Its ^ (with the m flag) holds at the slice's start and
 * after each line terminator, so only those places before `end` are tried, not the
 * rest of the document.
 */
function earlierTitleBefore(text: string, from: number, end: number): number {
  let p = from;
  while (p < end) {
    if (mayOpenEarlierTitle(text, p)) {
      EARLIER_TITLE_AT.lastIndex = p;
      if (EARLIER_TITLE_AT.test(text)) return p;
    }
    // The next line start: after \n, \r, U+2028 or U+2029 (what ^ with the m flag takes).
    while (p < end) {
      const c = text.charCodeAt(p++);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) break;
    }
  }
  return -1;
}

/** Whether EARLIER_TITLE_AT may match at p: after its leading [ \t\u3000#*_]* comes 一, 二 or 三. */
function mayOpenEarlierTitle(text: string, p: number): boolean {
  let i = p;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0x3000 && c !== 35 && c !== 42 && c !== 95) break;
  }
  const c = text.charCodeAt(i);
  return c === 0x4e00 || c === 0x4e8c || c === 0x4e09;
}

/** The earlier of two positions found (−1: not found), or −1 when neither is. */
function earliestFound(a: number, b: number): number {
  if (a < 0) return b;
  return b < 0 || a <= b ? a : b;
}

/** The three table regions of a full text. */
export function locateInText(text: string): Regions {
  const p2 = earliestFound(search(text, P2_TITLE, 0), search(text, ART20_1, 0));
  let p3 = search(text, P3_TITLE, Math.max(p2, 0));
  if (p3 < 0) p3 = search(text, P3_COLUMNS, Math.max(p2, 0));
  if (p3 < 0) p3 = search(text, P3_HEADER, Math.max(p2, 0));
  const after3 = p3 >= 0 ? p3 : Math.max(p2, 0);
  let p4 = search(text, P4_TITLE, after3);
  if (p4 < 0) {
    const carried = search(text, CARRIED_OUT, after3);
    p4 = search(text, P4_HEADER, carried >= 0 ? carried : after3);
  }
  const after4 = Math.max(p4, p3, p2, 0);
  let end = search(text, P5_TITLE, after4 + 1);
  if (end < 0) end = search(text, P6_TITLE, after4 + 1);
  if (end < 0) end = text.length;
  // The last table ends at the next part title, whichever part it is: what follows never belongs to it.
  const earlier = earlierTitleBefore(text, after4 + 1, end);
  if (earlier >= 0) end = earlier;
  return {
    proactive: regionFrom(text, p2, after(p2, p3, p4), end),
    applications: regionFrom(text, p3, after(p3, p4, -1), end),
    review: p4 >= 0 ? text.slice(p4, end > p4 ? end : text.length) : null,
  };
}

/** The earlier of the positions a and b that come after `from` (−1: none does, or not found). */
function after(from: number, a: number, b: number): number {
  return earliestFound(a > from ? a : -1, b > from ? b : -1);
}

/**
 * The region from `from` (−1: not found, null) to `stop`, the next anchor after it
 * (−1: none), or else to `end` when `end` comes after it; else to the text's end.
 */
function regionFrom(text: string, from: number, stop: number, end: number): string | null {
  if (from < 0) return null;
  const to = earliestFound(stop, end > from ? end : -1);
  return text.slice(from, to >= 0 ? to : end);
}

const SECTION_ANCHOR: Record<keyof Regions, { code: Section['code']; anchor: RegExp }> = {
  proactive: { code: 'proactive_disclosure', anchor: ART20_1 },
  applications: { code: 'applications', anchor: P3_HEADER },
  review: { code: 'review_litigation', anchor: P4_HEADER },
};

/**
 * The full text's region when the anchors find the table there (section text may be
 * normalised, losing the blank lines that mark empty cells); else the part's section
 * text when the segmenter found the part and it holds the table's anchor.
 */
export function locateTables(sections: Section[], text: string): Regions {
  const out: Regions = locateInText(text);
  for (const key of Object.keys(SECTION_ANCHOR) as (keyof Regions)[]) {
    if (out[key] !== null && SECTION_ANCHOR[key].anchor.test(out[key]!)) continue;
    const { code, anchor } = SECTION_ANCHOR[key];
    const section = sections.find((s) => s.code === code && s.status === 'present');
    if (section && anchor.test(section.text)) out[key] = section.text;
  }
  return out;
}
