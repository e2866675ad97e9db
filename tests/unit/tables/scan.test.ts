/** The char-code tests the tokeniser runs instead of regular expressions and String.prototype.normalize. */
import { describe, expect, it } from 'vitest';
import { toNfkc } from '../../../src/pipeline/tables/scan.ts';

describe('toNfkc', () => {
  it('is String.prototype.normalize("NFKC") for every BMP code unit alone', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (toNfkc(s) !== s.normalize('NFKC')) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });

  it('is normalize("NFKC") for table text, full-width forms and composing sequences', () => {
    for (const s of [
      '',
      '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和）',
      '行政许可　２１０　＋８２　—　无　／',
      '“三安全一稳定”，《条例》【注】',
      'e\u0301 ｅ\u0301 か\u3099 ｶﾞ',
      '（一）予以公开\t1\t0\r\n（二）部分公开 …',
      '\ud842\udfb7 ﬁ ①',
    ]) expect(toNfkc(s)).toBe(s.normalize('NFKC'));
  });
});
