/**
 * segment.ts's bare-title candidates (a line that is only a part's official
 * title) are found with shortcuts (a title's last character searched for, the
 * line's length bounded, a character no title has ending the look at a line):
 * they must be the lines the definition gives, normaliseForMatch of the line
 * without Markdown marks being an official title, on real, synthetic and
 * made-up texts.
 */
import { describe, expect, it } from 'vitest';
import { realCleanedTexts, syntheticCleanedTexts } from '../helpers/cleaned-texts.ts';
import { SECTIONS } from '../../../src/schema/codes.ts';
import { normaliseForMatch } from '../../../src/pipeline/normalize.ts';
import { bareTitleCandidates } from '../../../src/pipeline/segment.ts';

const TITLES = SECTIONS.map((s) => normaliseForMatch(s.zh));

/** The bare-title lines by the definition: [part, line start] of each. */
function byDefinition(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const part = TITLES.indexOf(normaliseForMatch(line.replace(/[*#_]/g, ''))) + 1;
    if (part > 0) out.push([part, start]);
    start += line.length + 1;
  }
  return out;
}

function expectSame(text: string): void {
  // A candidate's start is its line's start after leading whitespace; its line start is found from there.
  const found = bareTitleCandidates(text).map((c): [number, number] => [c.part, text.lastIndexOf('\n', c.start - 1) + 1]);
  expect(found).toEqual(byDefinition(text));
}

describe('bare-title candidates equal the definition', () => {
  it('on the real corpus', () => {
    for (const text of realCleanedTexts()) expectSame(text);
  });

  it('on synthetic reports', () => {
    for (const text of syntheticCleanedTexts('bare-titles', 40)) expectSame(text);
  });

  it('with every UTF-16 unit before, inside and after a title line', () => {
    const lines: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      lines.push(`${ch}总体情况`, `存在的主要问题${ch}及改进情况`, `**其他需要报告的事项**${ch}`);
    }
    // In pieces: a line feed among the units splits a line, which the definition does too.
    for (let k = 0; k < lines.length; k += 3000) expectSame(lines.slice(k, k + 3000).join('\n'));
  });

  it('with titles spelled in compatibility forms, spaces, quotes and marks', () => {
    expectSame(['## 总体情况', '总\u3000体 情况', '“总体情况”', '总体情况\ufeff', '\u2f8f体情况', '总体情\uf9b4', '其他需要报告的事项。', '主动公开政府信息情况\u0301', '| 总体情况 |', '总体情况﻿'].join('\n'));
  });
});
