/**
 * letters.ts lettersOf keeps exactly what text.replace(/\P{L}+/gu, '') keeps:
 * every UTF-16 code unit alone, astral letters and non-letters, lone
 * surrogates, and random mixtures of them.
 */
import { describe, expect, it } from 'vitest';
import { lettersOf } from '../../../src/pipeline/cross/letters.ts';

const byRegex = (text: string) => text.replace(/\P{L}+/gu, '');

describe('lettersOf', () => {
  it('agrees with the \\P{L} regex on every code unit and on astral code points', () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const s = String.fromCharCode(c);
      if (lettersOf(s) !== byRegex(s)) wrong.push(c);
    }
    for (let c = 0x10000; c <= 0x10ffff; c += 97) {
      const s = `a${String.fromCodePoint(c)}1`;
      if (lettersOf(s) !== byRegex(s)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });

  it('agrees on mixtures, surrogate pairs split or whole', () => {
    const parts = ['政府', '信息', 'ab', 'Z', '1', '，', '。', ' ', '\n', '々', '〇', 'é', '\u{20000}', '\u{1F600}', '\ud800', '\udc00', 'Ⅻ', 'ｱ', '·'];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % parts.length;
    for (let t = 0; t < 20_000; t++) {
      let s = '';
      for (let k = t % 12; k > 0; k--) s += parts[next()];
      expect(lettersOf(s)).toBe(byRegex(s));
    }
  });
});
