/**
 * What the tables stage keeps from one call to the next (shared number tokens and
 * pieces, matches by label text) and its shortcuts (the earlier-part title tried only
 * at line starts) must give what a fresh reading gives.
 */
import { describe, expect, it } from 'vitest';
import { locateInText } from '../../../src/pipeline/tables/locate.ts';
import { tokenise, type Token } from '../../../src/pipeline/tables/tokens.ts';
import { pieceOf } from '../../../src/pipeline/tables/values.ts';

const texts = (ts: Token[]) => ts.map((t) => (t.kind === 'text' ? `T:${t.norm}` : t.kind === 'blank' ? 'B' : `${t.kind}:${t.raw}`));

describe('shared tokens and pieces', () => {
  it('a unit joined to a small number makes a new token: the shared one stays as printed', () => {
    expect(texts(tokenise('| 行政许可 | 7 万元 | 7 |'))).toEqual(['T:行政许可', 'num:7万元', 'num:7']);
    expect(texts(tokenise('| 行政许可 | 7 | 7 |'))).toEqual(['T:行政许可', 'num:7', 'num:7']);
  });

  it('numbers with a leading zero or over four digits are read as printed', () => {
    expect(texts(tokenise('规章 007 0 12345 9999'))).toEqual(['T:规章', 'num:007', 'num:0', 'num:12345', 'num:9999']);
    expect(pieceOf('007')).toMatchObject({ raw: '007', kind: 'num', value: 7 });
    expect(pieceOf('0')).toMatchObject({ raw: '0', kind: 'num', value: 0 });
    expect(pieceOf('9999')).toMatchObject({ raw: '9999', value: 9999 });
    expect(pieceOf('12345')).toMatchObject({ raw: '12345', value: 12345 });
  });

  it('labels with 、 and with quotes or commas are matched as normaliseForMatch gives them', () => {
    expect(texts(tokenise('一、本年新收 3.危及"三安全一稳定" 一,总体'))).toEqual(['T:一、本年新收', 'T:3.危及三安全一稳定', 'T:一、总体']);
  });
});

describe('locateInText: the earlier-part title', () => {
  const tables = '二、主动公开政府信息情况\n规章 1\n三、收到和处理政府信息公开申请情况\n申请人情况\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n1 2\n';
  it('ends the last table at a line that starts an earlier part, with any line break', () => {
    for (const br of ['\n', '\r\n', '\r', '\u2028']) {
      const text = `${tables}${br}  一、总体情况 重复${br}五、存在的主要问题`;
      expect(locateInText(text).review).toBe(text.slice(text.indexOf('四、'), text.indexOf(`${br}  一、`) + br.length));
    }
  });
  it('not at a title inside a line, nor after the next part', () => {
    const text = `${tables}见一、总体情况\n五、存在的主要问题\n一、总体情况`;
    expect(locateInText(text).review).toBe(text.slice(text.indexOf('四、'), text.indexOf('五、')));
  });
});
