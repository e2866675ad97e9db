/**
 * The fast paths of normalize.ts and chars.ts must give exactly what the plain
 * definitions give: output is byte-identical whatever the speed work did.
 */
import { describe, expect, it } from 'vitest';
import { codePointCount } from '../../../src/pipeline/chars.ts';
import { isChromeLine } from '../../../src/pipeline/clean.ts';
import { normaliseCharForMatch, normaliseForMatch, normalisedLines, SPACE_CLASS } from '../../../src/pipeline/normalize.ts';

/** The definition normaliseForMatch had before it was made faster. */
function reference(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/[、,，]/g, '、')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '');
}

describe('normaliseForMatch', () => {
  it('drops exactly the characters \\s matches, for every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (SPACE_CLASS.test(String.fromCharCode(c)) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  it('equals the reference definition, for every code unit and for mixed text', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (normaliseForMatch(`a${ch}，“b”`) !== reference(`a${ch}，“b”`)) differ.push(c);
    }
    expect(differ).toEqual([]);
    const text = '（一）总体情况\u3000\u00a0“政府”，信息\u200b公开、\r\n ＡＢＣ e\u0301 ㈠ ﬁ 𠀀';
    expect(normaliseForMatch(text)).toBe(reference(text));
    expect(normaliseForMatch(text)).toBe('(一)总体情况政府、信息公开、ABCé(一)fi𠀀');
  });

  it('per character, memoised, equals the plain call', () => {
    for (const ch of ['（', '\u3000', '一', 'Ａ', '“', '，', '𠀀']) expect(normaliseCharForMatch(ch)).toBe(reference(ch));
  });

  it('normalisedLines equals normalising each line', () => {
    const text = '一、总体情况\n\u0301二、 “主动”公开\r\n\n\u2028三，\u3000收到\ufeff\nﬁ\u00a0end\n';
    expect(normalisedLines(text)).toEqual(text.split('\n').map(reference));
  });
});

describe('codePointCount', () => {
  it('counts as [...s].length does, surrogate pairs and lone surrogates included', () => {
    for (const s of ['', '政府信息', 'a𠀀b', '\ud800', '\udc00x', '𠀀\ud800𠀀', '\ud800\ud800\udc00']) expect(codePointCount(s)).toBe([...s].length);
  });
});

describe('isChromeLine fast paths', () => {
  it('still finds every case-insensitive chrome pattern, in any case', () => {
    const chrome = ['COPYRIGHT © 2020 某某市人民政府', 'copyright 2020', '© 2021 某局', '版权所有：某某市人民政府',
      '京icp备12345678号', 'ICP备案：京ICP备12345678号', '京公网安备 11010502000001号', '附件：1.申请表.DOCX', '年度报告.Pdf',
      'The WAYBACK MACHINE captured this page', 'Saved from WEB.ARCHIVE.ORG'];
    expect(chrome.filter((l) => !isChromeLine(l))).toEqual([]);
    expect(isChromeLine('本机关全年共收到政府信息公开申请12件。')).toBe(false);
  });
});
