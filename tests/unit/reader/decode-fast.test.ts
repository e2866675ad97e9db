/** decode-fast: the fast readings give exactly the plain readings (TextDecoder for UTF-8, iconv-lite for GB18030). */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fastStrictGb18030, utf16Text, validUtf8Text } from '../../../src/pipeline/decode-fast.ts';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Text mixing ASCII, CJK, punctuation, astral characters, a BOM and noncharacters. */
const ALL_POOLS = [[0x20, 0x7e], [0x4e00, 0x9fff], [0x3000, 0x303f], [0xff01, 0xff5e], [0x00a0, 0x00ff], [0xfeff, 0xfeff], [0xfffe, 0xffff], [0x10000, 0x10ffff], [0x0, 0x1f], [0xe000, 0xf8ff]];
/** What GBK reports hold: ASCII, CJK, CJK and full-width punctuation, and now and then anything. */
const GB_POOLS = [[0x20, 0x7e], [0x20, 0x7e], [0x4e00, 0x9fa5], [0x4e00, 0x9fa5], [0x3000, 0x3011], [0xff01, 0xff5e], [0x0, 0xffff]];

function randomText(next: () => number, length: number, pools = ALL_POOLS): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = pools[Math.floor(next() * pools.length)]!;
    out += String.fromCodePoint(lo! + Math.floor(next() * (hi! - lo! + 1)));
  }
  return out;
}

function plainGb18030(bytes: Uint8Array): string | null {
  const text = iconv.decode(Buffer.from(bytes), 'gb18030');
  if (text.includes('\ufffd')) return null;
  return Buffer.compare(iconv.encode(text, 'gb18030'), Buffer.from(bytes)) === 0 ? text : null;
}

describe('decode-fast', () => {
  it('valid UTF-8 reads as TextDecoder reads it', () => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const next = random(7);
    for (let n = 0; n < 300; n++) {
      const bytes = new Uint8Array(Buffer.from(randomText(next, Math.floor(next() * 400))));
      expect(isUtf8(bytes)).toBe(true);
      expect(validUtf8Text(bytes)).toBe(decoder.decode(bytes));
    }
    expect(validUtf8Text(new Uint8Array(0))).toBe('');
    expect(validUtf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
  });

  it('GB18030: where the fast path answers, it is the plain strict reading', () => {
    const next = random(11);
    let answered = 0;
    for (let n = 0; n < 400; n++) {
      const text = randomText(next, Math.floor(next() * 200), n % 2 === 0 ? GB_POOLS.slice(0, 6) : GB_POOLS);
      // Encoded text (mostly fast), and the same bytes with random damage (often not).
      const bytes = new Uint8Array(iconv.encode(text, 'gb18030'));
      const damaged = bytes.slice();
      for (let k = 0; k < 3 && damaged.length > 0; k++) damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
      for (const b of [bytes, damaged]) {
        const fast = fastStrictGb18030(b);
        if (fast === null) continue;
        answered++;
        expect(fast).toBe(plainGb18030(b));
      }
    }
    expect(answered).toBeGreaterThan(100);
  });

  it('GB18030: every two-byte sequence alone and after ASCII', () => {
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0; trail <= 0xff; trail++) {
        const b = new Uint8Array([0x41, lead, trail, 0x0a]);
        const fast = fastStrictGb18030(b);
        if (fast !== null) expect(fast).toBe(plainGb18030(b));
      }
    }
  });

  it('UTF-16 reads as iconv-lite reads it: lone and paired surrogates, byte order marks, odd lengths', () => {
    const next = random(13);
    const units = [0xfeff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0x41, 0x0a, 0x4e00, 0xfffe, 0x0, 0xfffd];
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(next() * 14);
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i += 2) {
        const unit = next() < 0.7 ? units[Math.floor(next() * units.length)]! : Math.floor(next() * 0x10000);
        bytes[i] = unit & 0xff;
        if (i + 1 < length) bytes[i + 1] = unit >> 8;
      }
      for (const le of [true, false]) expect(utf16Text(bytes, le)).toBe(iconv.decode(Buffer.from(bytes), le ? 'utf-16le' : 'utf-16be'));
    }
  });
});
