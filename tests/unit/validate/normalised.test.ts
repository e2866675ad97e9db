/**
 * readReportText's one-pass reading (validate/normalised.ts) against the plain
 * definitions: normaliseForMatch of the full text and of each part, and the
 * spam screen of the text (spam-screen.ts), on the real corpus, synthetic
 * reports and texts made to hit its branches.
 */
import { describe, expect, it } from 'vitest';
import { realCleanedTexts, syntheticCleanedTexts } from '../helpers/cleaned-texts.ts';
import type { Section } from '../../../src/schema/types.ts';
import { normaliseForMatch } from '../../../src/pipeline/normalize.ts';
import { segmentReport } from '../../../src/pipeline/segment.ts';
import { readReportText } from '../../../src/pipeline/validate/normalised.ts';
import { findSpam } from '../../../src/pipeline/validate/spam.ts';
import { mayHaveSpam } from '../../../src/pipeline/validate/spam-screen.ts';


/** What readReportText must give, by the plain definitions. */
function expectPlain(text: string): void {
  const seg = segmentReport(text);
  for (const starts of [seg.partStarts, null]) {
    const read = readReportText(seg.value, text, starts);
    expect(read.normalised).toBe(normaliseForMatch(text));
    expect(read.normalisedParts).toEqual(seg.value.map((s) => (s.status === 'present' ? normaliseForMatch(s.text) : '')));
    // The screen may only say "maybe" where the plain screen does, and must where spam is found.
    expect(read.mayHaveSpam).toBe(mayHaveSpam(text));
    if (findSpam(text).length > 0) expect(read.mayHaveSpam).toBe(true);
  }
}

describe('readReportText equals the plain definitions', () => {
  it('on the real corpus', () => {
    for (const text of realCleanedTexts()) expectPlain(text);
  });

  it('on synthetic reports', () => {
    for (const text of syntheticCleanedTexts('normalised', 60)) expectPlain(text);
  });

  it('on texts with spam terms, replaced and dropped units, and units it does not handle', () => {
    const body = '本机关收到政府信息公开申请6件。';
    for (const middle of [
      '立博平台', '立 博官网', 'ＢＥＴ３６５', 'Bet365', '澳门\n新葡京', '彩票“开户”', '打击赌场', '真人荷官', '一本道', 'AV在线', '……',
      '会议', '人民', '部门', '①②', 'e\u0301', '𠀀', '\u3000\u3000', 'ｶﾞ',
    ]) {
      expectPlain(`一、总体情况\n${body}${middle}${body}\n二、主动公开政府信息情况\n${middle}\n三、收到和处理政府信息公开申请情况\n${body}\n`);
      expectPlain(`${middle}${body}`);
    }
  });

  it('reads a part that is not cut from the text on its own', () => {
    const sections: Section[] = [
      { code: 'general', number: 1, status: 'present', title_found: '一、总体情况', text: '收到申请3件' },
      { code: 'proactive', number: 2, status: 'missing', title_found: null, text: '' },
      { code: 'other', number: 3, status: 'present', title_found: '三', text: '立博平台' },
    ] as Section[];
    const read = readReportText(sections, '一、总体情况\n收到 申请3件\n', [7, -1, -1]);
    expect(read.normalisedParts).toEqual(['收到申请3件', '', '立博平台']);
    expect(read.mayHaveSpam).toBe(true);
  });
});
