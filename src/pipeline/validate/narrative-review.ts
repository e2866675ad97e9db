/**
 * narrative.table_disagrees for table 四: the narrative says there was no
 * administrative reconsideration (and no litigation) over disclosure
 * (没有因政府信息公开工作被申请行政复议、提起行政诉讼情况; 无行政复议、诉讼等情况) while
 * table 四 prints a case. Only that plain "none" statement is read: a count of
 * cases (收到行政复议决定书4起) says too little about which column it means, and
 * a qualified none (无行政复议纠错案件, 未发生行政诉讼败诉) is no claim about the total.
 */
import { normaliseForMatch } from '../normalize.ts';
import { emptyList } from '../packed.ts';
import type { ProceedingCode } from '../../schema/codes.ts';
import type { Finding, ReportTables, Section } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import type { ReviewKey } from '../../schema/identities.ts';
import type { Values } from './values.ts';
import { formatNumber, proceedingLabel, sectionLabel } from './labels.ts';
import { narrativeTexts, type ReportText } from './normalised.ts';
import { matchesOf, namesOtherYear, sentencesHolding } from './sentences.ts';

// "None": a negation, up to 16 characters in the same clause
// (因政府信息公开工作被申请), 行政复议 or 复议, then optionally 行政诉讼 or 诉讼 joined
// by 、 和 及 与 或 (and 提起), and then only 情况/案件/事项 (等, 的, 发生) before the
// clause ends — so that 无行政复议纠错案件 (none corrected) is not read as none at all.
const NONE_REVIEW = /(?:未发生|没有发生|未出现|没有出现|未有|没有|未被|无)[^。；、]{0,16}?(?:行政)?复议(?:(?:、|和|及|与|或|以及)(?:被)?(?:提起)?((?:行政)?诉讼))?(?:等)?(?:的)?(?:情况|案件|事项|案例)?(?:发生)?(?=、|$)/gu;

export interface ReviewClaim {
  quote: string;
  /** The proceedings the sentence says had no case. */
  proceedings: ProceedingCode[];
}

// NONE_REVIEW needs 复议: a sentence without it has no claim.
const REVIEW = /复议/g;

/** "None" statements of the report's year (a sentence naming another year before the statement is skipped). */
export function findNoReviewClaims(text: string, year: number | null = null): ReviewClaim[] {
  return noReviewClaimsIn(normaliseForMatch(text), year);
}

/** findNoReviewClaims of the text whose normaliseForMatch is `normalised`. */
function noReviewClaimsIn(normalised: string, year: number | null): ReviewClaim[] {
  const out: ReviewClaim[] = [];
  for (const sentence of sentencesHolding(REVIEW, normalised)) {
    for (const m of matchesOf(NONE_REVIEW, sentence)) {
      if (year !== null && namesOtherYear(sentence.slice(0, m.index + m[0].length), year)) continue;
      const proceedings: ProceedingCode[] = m[1] ? ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] : ['reconsideration'];
      out.push({ quote: m[0], proceedings });
    }
  }
  return out;
}

/** `values`: reviewValues of table 四's cells. */
export function checkNarrativeReview(sections: readonly Section[], text: ReportText, tables: ReportTables, values: Values<ReviewKey>, year: number | null): Finding[] {
  const t = tables.review_litigation;
  // (emptyList: every check's findings one kind of array, see packed.ts.)
  if (t.status !== 'present') return emptyList();
  const total = values.lookup;
  const out: Finding[] = emptyList();
  const reported = new Set<ProceedingCode>();
  for (const { code, normalised } of narrativeTexts(sections, text)) {
    for (const claim of noReviewClaimsIn(normalised, year)) {
      for (const p of claim.proceedings) {
        const n = total({ proceeding: p, result: 'total' });
        if (n === null || n === 0 || reported.has(p)) continue;
        reported.add(p);
        const where = sectionLabel(code);
        const name = proceedingLabel(p);
        out.push(
          makeFinding('narrative.table_disagrees', {
            table: 'review_litigation',
            row: p,
            column: 'total',
            expected: formatNumber(n),
            actual: '0',
            zh: `${where.zh}写明“${claim.quote}”，但表四${name.zh}总计为${formatNumber(n)}`,
            en: `${where.en} states “${claim.quote}” (none), but table 4 reports ${formatNumber(n)} for ${name.en}`,
          }),
        );
      }
    }
  }
  return out;
}
