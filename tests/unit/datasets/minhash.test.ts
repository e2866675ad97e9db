/** minhash.ts textSignature: the same minima as signature(shingleHashes(text)), without the shingle set. */
import { describe, expect, it } from 'vitest';
import { shingleHashes, signature, textSignature } from '../../../src/pipeline/cross/minhash.ts';

const same = (text: string) => expect(Array.from(textSignature(text))).toEqual(Array.from(signature(shingleHashes(text))));

describe('textSignature', () => {
  it('equals the signature of the shingle set, for texts short, repeated, long and outside the BMP', () => {
    for (const text of ['', 'abcd', 'abcde', '本年度主动公开政府信息', 'aaaaaaaaaaaaaaaaaaaa', '𠀀𠀁𠀂𠀃𠀄𠀅𠀆', 'a\ud800bcdefg\udc00xyz']) same(text);
    same('政府信息公开工作年度报告依申请公开'.repeat(400));
    // Longer than any text before it: the scratch arrays grow.
    same(Array.from({ length: 20_000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join(''));
    same('abcdef');
  });
});
