/**
 * narrative.table_disagrees: the narrative states how many applications for
 * disclosure the agency received this year (收到政府信息公开申请6件, 共受理依申请
 * 公开1件, 收到1件政府信息公开申请, 未收到政府信息公开申请) and table 三 says
 * otherwise. Only sentences that plainly state that count are read: the
 * object must be an application for disclosure (not 投诉, 留言, 行政复议决定书),
 * and a clause about a part (其中), the carry-over (结转) or another year is
 * skipped. A claim agrees when it equals new applications, new plus carried
 * over, or (for 办理, "handled") the outcomes total.
 */
import { normaliseForMatch } from '../normalize.ts';
import { emptyList } from '../packed.ts';
import type { Finding, ReportTables, Section } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import type { ApplicationKey } from '../../schema/identities.ts';
import type { Values } from './values.ts';
import { formatNumber, sectionLabel } from './labels.ts';
import { narrativeTexts, type ReportText } from './normalised.ts';
import { matchesOf, namesOtherYear, sentencesHolding } from './sentences.ts';

export interface CountClaim {
  /** The count the text states. */
  value: number;
  /** The words matched, normalised (no whitespace, NFKC). */
  quote: string;
  /** 办理 (handled) may mean the outcomes, not the applications received. */
  verb: 'received' | 'handled';
}

// A count: Arabic digits or a small Chinese numeral (一件, 十二件).
const NUM = '(\\d+|[零〇一二两三四五六七八九十百]+)';
// The object: an application for disclosure, in the wordings reports use
// (政府信息公开申请, 依申请公开(政府信息)(申请|事项), 依申请(政府)信息公开, 政府信息依申请公开).
const OBJ = '(?:(?:政府)?信息公开申请|依申请公开(?:的)?(?:政府信息)?(?:申请|事项)?|依申请(?:政府)?信息公开(?:申请|事项)?|(?:政府)?信息依申请公开(?:申请|事项)?)';
const VERB = '(收到|新收|受理|接收|接到|办理)';
// A unit of applications, not of time (三个工作日, 两个月).
const UNIT = '[件个宗份](?!工作日|自然日|月|小时)';
// Verb … object … count: 共受理政府信息公开申请21件, 收到依申请公开政府信息6件 (up to 8 characters between verb and object, no comma).
const VERB_OBJ_NUM = new RegExp(`${VERB}(?:了)?[^、。]{0,8}?${OBJ}(?:政府信息)?(?:数量|总数|数)?(?:共计|共|合计|总计)?(?:为|达)?${NUM}${UNIT}`, 'gu');
// Verb … count … object: 收到1件政府信息公开申请.
const VERB_NUM_OBJ = new RegExp(`${VERB}(?:了)?(?:共计|共)?${NUM}${UNIT}(?:的)?[^、。]{0,6}?${OBJ}`, 'gu');
// None received: 未收到政府信息公开申请, 没有收到依申请公开事项.
const NONE_RECEIVED = new RegExp(`(?:未|没有|无)(?:收到|受理|接到|接收)(?:过)?[^、。]{0,8}?${OBJ}`, 'gu');
// Every pattern above starts with one of these verbs: a sentence without any has no claim.
const ANY_VERB_IN = /收到|新收|受理|接收|接到|办理/;
// What every wording of the object (OBJ) holds.
const APPLICATION = /申请/g;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 21 → 21, 二十一 → 21, 十 → 10, 一百零五 → 105; null when not a number. */
export function parseCount(s: string): number | null {
  if (/^\d+$/u.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch === '十') { total += (digit || 1) * 10; digit = 0; }
    else if (ch === '百') { total += (digit || 1) * 100; digit = 0; }
    else return null;
  }
  return total + digit;
}

/**
 * A claim to skip: about a part of the applications (其中 anywhere before it in
 * the sentence), the carry-over (结转 in its clause), or a year other than the
 * report's (in its clause).
 */
function skipClaim(sentence: string, index: number, end: number, year: number | null): boolean {
  // (Searches bounded by `end` instead of slices searched: the first 其中 or 结转 from the start is the first to end too.)
  const part = sentence.indexOf('其中');
  if (part >= 0 && part + 2 <= end) return true;
  const clauseStart = sentence.lastIndexOf('、', index) + 1;
  const carry = sentence.indexOf('结转', clauseStart);
  if (carry >= 0 && carry + 2 <= end) return true;
  if (year === null) return false;
  return namesOtherYear(sentence.slice(clauseStart, end), year);
}

/** Claims in one text: sentences split at 。；！？, clauses at commas (、 after normalisation). */
export function findCountClaims(text: string, year: number | null): CountClaim[] {
  return countClaimsIn(normaliseForMatch(text), year);
}

/** findCountClaims of the text whose normaliseForMatch is `normalised`. */
function countClaimsIn(normalised: string, year: number | null): CountClaim[] {
  const claims: CountClaim[] = [];
  // The sentences holding a verb and 申请 (every wording of the object, OBJ, holds it): found by 申请, rarer than the verbs.
  for (const sentence of sentencesHolding(APPLICATION, normalised)) {
    if (!ANY_VERB_IN.test(sentence)) continue;
    // Find matches in the sentence, then judge the clause that holds each.
    const found: { index: number; claim: CountClaim }[] = [];
    for (const re of [VERB_OBJ_NUM, VERB_NUM_OBJ]) {
      for (const m of matchesOf(re, sentence)) {
        const value = parseCount(m[2]!);
        if (value !== null) found.push({ index: m.index, claim: { value, quote: m[0], verb: m[1] === '办理' ? 'handled' : 'received' } });
      }
    }
    for (const m of matchesOf(NONE_RECEIVED, sentence)) found.push({ index: m.index, claim: { value: 0, quote: m[0], verb: 'received' } });
    found.sort((a, b) => a.index - b.index);
    for (const f of found) if (!skipClaim(sentence, f.index, f.index + f.claim.quote.length, year)) claims.push(f.claim);
  }
  return claims;
}

interface TableCounts {
  received: number;
  carriedIn: number | null;
  outcomes: number | null;
}

function tableCounts(tables: ReportTables, values: Values<ApplicationKey>): TableCounts | null {
  const t = tables.applications;
  if (t.status !== 'present') return null;
  const v = values.lookup;
  const received = v({ row: 'received_new', applicant: 'total' });
  if (received === null) return null;
  return { received, carriedIn: v({ row: 'carried_over_in', applicant: 'total' }), outcomes: v({ row: 'outcome_total', applicant: 'total' }) };
}

function agrees(claim: CountClaim, t: TableCounts): boolean {
  if (claim.value === t.received) return true;
  if (claim.value === 0) return false;
  if (t.carriedIn !== null && claim.value === t.received + t.carriedIn) return true;
  return claim.verb === 'handled' && claim.value === t.outcomes;
}

/** `values`: applicationValues of table 三's cells. */
export function checkNarrativeCounts(sections: readonly Section[], text: ReportText, tables: ReportTables, values: Values<ApplicationKey>, year: number | null): Finding[] {
  const counts = tableCounts(tables, values);
  // (emptyList: every check's findings one kind of array, see packed.ts.)
  if (!counts) return emptyList();
  for (const { code, normalised } of narrativeTexts(sections, text)) {
    const claim = countClaimsIn(normalised, year).find((c) => !agrees(c, counts));
    if (!claim) continue;
    const where = sectionLabel(code);
    const r = formatNumber(counts.received);
    const withCarry = counts.carriedIn ? { zh: `（加上年结转${formatNumber(counts.carriedIn)}件为${formatNumber(counts.received + counts.carriedIn)}）`, en: ` (${formatNumber(counts.received + counts.carriedIn)} with those carried over)` } : { zh: '', en: '' };
    return [
      makeFinding('narrative.table_disagrees', {
        table: 'applications',
        row: 'received_new',
        column: 'total',
        expected: r,
        actual: formatNumber(claim.value),
        zh: `${where.zh}写明“${claim.quote}”（${formatNumber(claim.value)}件），但表三“一、本年新收政府信息公开申请数量”总计为${r}${withCarry.zh}`,
        en: `${where.en} states “${claim.quote}” (${formatNumber(claim.value)} applications), but table 3 reports ${r} new applications received this year${withCarry.en}`,
      }),
    ];
  }
  return emptyList();
}
