/**
 * segment-place.ts reads a heading's place in its line unit by unit: it must
 * give what the expressions it replaced give, at every place of real and
 * synthetic texts and of texts made to hit each character class.
 */
import { describe, expect, it } from 'vitest';
import { realCleanedTexts, syntheticCleanedTexts } from '../helpers/cleaned-texts.ts';
import { headingEnd, STRENGTH, strengthAt } from '../../../src/pipeline/segment-place.ts';


/** The expressions segment.ts used before (the definitions). */
function strengthByExpression(text: string, start: number, lineStart: number): number {
  const before = text.slice(lineStart, start);
  if (/^[\s#*>]*$/u.test(before)) return STRENGTH.lineStart;
  if (/[\s。！？；;:：）)」』"”|*\d]$/u.test(before)) return STRENGTH.afterBoundary;
  return STRENGTH.inline;
}

function headingEndByExpression(text: string, titleEnd: number): number {
  const lineEnd = text.indexOf('\n', titleEnd);
  const restEnd = lineEnd < 0 ? text.length : lineEnd;
  const rest = text.slice(titleEnd, restEnd);
  if (/^[\s*#_:：。.、]*$/u.test(rest)) return restEnd;
  const tail = /^(?:的?情况)?[*#_:：。]*/u.exec(rest)![0];
  return titleEnd + tail.length;
}

/** Both readings at every place of `text` (each place as a candidate's start in its line, and as a title's end). */
function expectSame(text: string): void {
  const bad: number[] = [];
  for (let at = 0; at <= text.length; at++) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (strengthAt(text, at, lineStart) !== strengthByExpression(text, at, lineStart)) bad.push(at);
    if (headingEnd(text, at) !== headingEndByExpression(text, at)) bad.push(-at - 1);
  }
  expect(bad).toEqual([]);
}

describe('segment-place equals the expressions', () => {
  it('on the real corpus', () => {
    for (const text of realCleanedTexts()) expectSame(text);
  });

  it('on synthetic reports', () => {
    for (const text of syntheticCleanedTexts('segment-place', 20)) expectSame(text);
  });

  it('on every character of its classes and their neighbours', () => {
    const units = [...'#*>_:：。.、！？；;）)」』"”|的情况0159 \t\u3000\u00a0\u2028\ufeffa一'];
    const lines = ['## **一、总体情况** ', '> 二、主动公开政府信息情况的情况：', '表。三、收到和处理情况**\n', '\u{20000}四、行政复议', '\ud800五、问题', '情况', '的情'];
    for (const u of units) for (const line of lines) expectSame(`${u}${line}${u}${u}\n${u}${line}`);
  });
});
