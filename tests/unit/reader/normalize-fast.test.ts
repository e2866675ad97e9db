/**
 * The table-driven path of normalize-fast.ts must give exactly what the plain
 * definition gives (String.prototype.normalize and the two replacements), for
 * every text it accepts; it may only decline (null).
 */
import { describe, expect, it } from 'vitest';
import { fastNormaliseForMatch, fastNormaliseLines } from '../../../src/pipeline/normalize-fast.ts';

const DROPPED = /[“”"'‘’「」『』\u200b-\u200d\s]+/g;
const DROPPED_IN_LINE = /[“”"'‘’「」『』\u200b-\u200d\t\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
const plainForMatch = (s: string) => s.normalize('NFKC').replace(DROPPED, '').replace(/[,，]/g, '、');
const plainLines = (s: string) => s.normalize('NFKC').replace(DROPPED_IN_LINE, '').replace(/[,，]/g, '、');

/** The code units the fast path accepts (alone). */
const handled: string[] = [];
for (let c = 0; c <= 0xffff; c++) if (fastNormaliseForMatch(String.fromCharCode(c)) !== null) handled.push(String.fromCharCode(c));

describe('fast normalisation', () => {
  it('handles the characters reports are made of', () => {
    const report = '（一）总体情况\u3000\u3000２０２３年，本机关收到“政府信息公开申请”12件、答复率100%……《条例》第二十条第（一）项 ① ㈠ ＡＢＣ\n';
    expect(fastNormaliseForMatch(report)).toBe(plainForMatch(report));
    expect(fastNormaliseForMatch(report)).toBe('(一)总体情况2023年、本机关收到政府信息公开申请12件、答复率100%......《条例》第二十条第(一)项1(一)ABC');
    expect(fastNormaliseLines('一、 总体\n二，“公开”\r\n')).toBe('一、总体\n二、公开\n');
    expect(handled.length).toBeGreaterThan(28_000);
  });

  it('declines text it cannot do character by character', () => {
    for (const s of ['e\u0301', '\u1100\u1161', 'ｶﾞ', '𠀀', '\ud800', '가']) expect(fastNormaliseForMatch(s)).toBeNull();
  });

  it('equals the plain definition for every code unit it accepts, between other characters', () => {
    const differ: number[] = [];
    for (const ch of handled) {
      for (const around of [['a', '，“b”'], ['一', '\u3000二'], ['\n', '\n']]) {
        const s = `${around[0]}${ch}${around[1]}`;
        if (fastNormaliseForMatch(s) !== plainForMatch(s) || fastNormaliseLines(s) !== plainLines(s)) differ.push(ch.charCodeAt(0));
      }
    }
    expect(differ).toEqual([]);
  });

  it('never joins characters: each one it accepts decomposes to a starter that composes with nothing before it', () => {
    // Second characters of canonical composites (the characters that join a preceding one), from every code point.
    const seconds = new Set<string>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const d = String.fromCodePoint(cp).normalize('NFD');
      if (d.length > 1 && d !== String.fromCodePoint(cp)) seconds.add(String.fromCodePoint(d.codePointAt(d.length - 1)!));
    }
    for (let cp = 0x1161; cp <= 0x1175; cp++) seconds.add(String.fromCodePoint(cp));
    for (let cp = 0x11a8; cp <= 0x11c2; cp++) seconds.add(String.fromCodePoint(cp));
    // A non-starter is moved by canonical reordering next to a mark of another class.
    const nonStarter = (x: string) => x.normalize('NFD') === x && (`${x}\u0334`.normalize('NFD') !== `${x}\u0334` || `\u0301${x}`.normalize('NFD') !== `\u0301${x}`);
    const bad = handled.filter((ch) => {
      const first = String.fromCodePoint(ch.normalize('NFKD').codePointAt(0)!);
      return seconds.has(first) || nonStarter(first);
    });
    expect(bad).toEqual([]);
  });

  it('equals the plain definition on random text of the characters it accepts', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      let s = '';
      for (let k = 0; k < 40; k++) s += handled[next() % handled.length];
      expect(fastNormaliseForMatch(s)).toBe(plainForMatch(s));
      expect(fastNormaliseLines(s)).toBe(plainLines(s));
    }
  });
});
