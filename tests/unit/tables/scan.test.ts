/** The char-code helpers the tokeniser scans with, against the string methods they stand for. */
import { describe, expect, it } from 'vitest';
import { codeUnitsOf } from '../../../src/pipeline/tables/scan.ts';

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
