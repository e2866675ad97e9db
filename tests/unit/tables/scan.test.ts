/** The char-code helpers the tokeniser scans with, against the string methods they stand for. */
import { describe, expect, it } from 'vitest';
import { codeUnitsOf, isNfkcAsIs, nfkcByUnits } from '../../../src/pipeline/tables/scan.ts';

describe('codeUnitsOf', () => {
  it('gives every UTF-16 unit as charCodeAt does (lone surrogates too), then two 0 units', () => {
    for (const text of ['', 'a', '行政许可\t12|\n', 'x\ud800y\udc00z😀', '中'.repeat(20_000), 'ab']) {
      const codes = codeUnitsOf(text);
      for (let i = 0; i < text.length; i++) expect(codes[i]).toBe(text.charCodeAt(i));
      expect(codes[text.length]).toBe(0);
      expect(codes[text.length + 1]).toBe(0);
    }
  });
});

describe('isNfkcAsIs', () => {
  it('says a text is its own NFKC only when it is, for every code unit alone and beside others', () => {
    const neighbours = ['a', 'e', 'A', '中', '、', '（', '\u0301', '\u3099', '\u1100', '\u1161', '가', '\u00e9', ' '];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const alone = Uint16Array.of(c);
      if (!isNfkcAsIs(alone, 1)) continue;
      expect(ch.normalize('NFKC')).toBe(ch);
      for (const n of neighbours) {
        for (const s of [n + ch, ch + n]) {
          const codes = Uint16Array.from(s, (x) => x.charCodeAt(0));
          if (isNfkcAsIs(codes, s.length)) expect(s.normalize('NFKC')).toBe(s);
        }
      }
    }
    expect(isNfkcAsIs(Uint16Array.from('（一）行政许可 12', (x) => x.charCodeAt(0)), 9)).toBe(false);
    expect(isNfkcAsIs(Uint16Array.from('一、行政许可 12', (x) => x.charCodeAt(0)), 9)).toBe(true);
  });
});

describe('nfkcByUnits', () => {
  it('maps a text unit by unit only where that is its NFKC, for every code unit alone and beside others', () => {
    const neighbours = ['a', '中', '（', '\u3000', '\u0301', '\u3099', '\u1161', '\u00e9', '\ufb01', '\u212b', '\uff9e'];
    let mapped = 0;
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, ...neighbours.flatMap((n) => [n + ch, ch + n])]) {
        const codes = Uint16Array.from(s, (x) => x.charCodeAt(0));
        const r = nfkcByUnits(codes, s.length);
        const out = String.fromCharCode(...codes.subarray(0, s.length));
        if (r === -1 ? out !== s : out !== s.normalize('NFKC') || r !== (out === s ? 0 : 1)) wrong.push(s);
        if (r === 1) mapped += 1;
      }
    }
    expect(wrong).toEqual([]);
    expect(mapped).toBeGreaterThan(1000);
    const text = '（一）行政许可\u300012：';
    const codes = Uint16Array.from(text, (x) => x.charCodeAt(0));
    expect(nfkcByUnits(codes, text.length)).toBe(1);
    expect(String.fromCharCode(...codes)).toBe('(一)行政许可 12:');
  });
});
