/**
 * minhash.ts textSignature and letterSignature, computed by the WebAssembly kernel (minhash-kernel.ts): the same
 * minima as the definitions signature(shingleHashes(text)) and the signature of text.replace(/\P{L}+/gu, ''),
 * for texts short, repeated, long (past the kernel's first memory) and outside the BMP.
 */
import { describe, expect, it } from 'vitest';
import { BANDS, candidatePairCodes, letterSignature, shingleHashes, SHINGLE, signature, SIGNATURE_SIZE, textSignature } from '../../../src/pipeline/cross/minhash.ts';
import { MinHashKernel } from '../../../src/pipeline/cross/minhash-kernel.ts';
import { Code, I32, op, signed, unsigned, wasmModule } from '../../../src/pipeline/cross/wasm-binary.ts';

const reference = (text: string) => Array.from(signature(shingleHashes(text)));
const same = (text: string) => expect(Array.from(textSignature(text))).toEqual(reference(text));
const byRegex = (text: string) => text.replace(/\P{L}+/gu, '');
/** The letters' signature by definition, or null below `minLetters` code points. */
const letterReference = (text: string, minLetters: number) => {
  const letters = byRegex(text);
  return [...letters].length >= minLetters ? reference(letters) : null;
};
const sameLetters = (text: string, minLetters = 0) => {
  const sig = letterSignature(text, minLetters);
  expect(sig && Array.from(sig)).toEqual(letterReference(text, minLetters));
};

/** `count` code points of CJK ideographs in a fixed scramble: no shingle repeated. */
const ideographs = (count: number) => Array.from({ length: count }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join('');

describe('the WebAssembly kernel', () => {
  it('is made here, so these tests compare it and not the fallback with the definitions', () => {
    expect(MinHashKernel.create([1, 2, 3], SHINGLE)).not.toBeNull();
  });

  it('is encoded with LEB128 numbers as the binary format defines them', () => {
    expect(unsigned(0)).toEqual([0]);
    expect(unsigned(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsigned(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(signed(-1)).toEqual([0x7f]);
    expect(signed(63)).toEqual([0x3f]);
    expect(signed(64)).toEqual([0xc0, 0x00]);
    expect(signed(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signed(0x85ebca6b)).toEqual(signed(0x85ebca6b - 2 ** 32));
  });

  it('is a module the engine runs: imports, memory, exported functions, blocks and branches as encoded', () => {
    // (func (export "sumBelow") (param $n i32) (result i32) (local $i i32) (local $sum i32)
    //   (block $done (loop $next
    //     (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    //     (local.set $sum (call $twice (i32.add (local.get $sum) (local.get $i))))
    //     (local.set $i (i32.add (local.get $i) (i32.const 1)))
    //     (br $next)))
    //   (local.get $sum))
    const [n, i, sum] = [0, 1, 2];
    const body = new Code().block((c) => c.loop((c) => {
      c.get(i).get(n).op(op.i32_ge_u).brIf(1);
      c.get(sum).get(i).op(op.i32_add).call(0).set(sum);
      c.get(i).i32(1).op(op.i32_add).set(i).br(0);
    })).get(sum);
    const binary = wasmModule([{ module: 'js', name: 'twice', params: [I32], results: [I32] }], 1, [
      { name: 'sumBelow', params: [I32], results: [I32], locals: [I32, I32], body },
    ]);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(binary), { js: { twice: (x: number) => 2 * x } });
    expect((exports.sumBelow as (n: number) => number)(4)).toBe(2 * (2 * (2 * (2 * 0 + 1) + 2) + 3));
    expect((exports.memory as WebAssembly.Memory).buffer.byteLength).toBe(0x10000);
  });
});

describe('textSignature', () => {
  it('equals the signature of the shingle set, for texts short, repeated, long and outside the BMP', () => {
    for (const text of ['', 'abcd', 'abcde', '本年度主动公开政府信息', 'aaaaaaaaaaaaaaaaaaaa', '𠀀𠀁𠀂𠀃𠀄𠀅𠀆', 'a\ud800bcdefg\udc00xyz']) same(text);
    // Surrogates: pairs, lone ones of either half, a low before a high, one last.
    for (const text of ['😀😀😀😀😀😀', 'ab\udc00\ud800cdef', 'abcdef\udbff', '\ud800\ud800\udc00\udc00abc', '𠀀a\ud83d😀b\ude00c']) same(text);
    for (let n = 0; n <= 12; n++) same(ideographs(n));
    same('政府信息公开工作年度报告依申请公开'.repeat(400));
    // Longer than any text before it, and than the kernel's first memory: it grows.
    same(ideographs(20_000));
    same(ideographs(150_000));
    same('abcdef');
  });
});

describe('letterSignature', () => {
  it('equals the signature of the letters by definition, and null below the minimum', () => {
    const punctuated = (letters: number) => Array.from(ideographs(letters), (c, i) => (i % 7 === 0 ? `${c}，12 ` : c)).join('');
    for (const n of [0, 1, 4, 5, 6, 199, 200, 201]) {
      sameLetters(punctuated(n), 200);
      sameLetters(punctuated(n), 0);
    }
    for (const text of ['', '，。1 2', 'Ａｂｃ全角ＡＢＣ字母', 'Café naïve Ωμέγα кириллица', '𠀀𠀁𠀂𠀃𠀄𠀅𠀆，😀😀，𠀇𠀈', 'a\ud800bcdefg\udc00xyz\udbff', '\udc00\ud800政府信息公开\ud83d']) {
      sameLetters(text);
      sameLetters(text, 5);
    }
    sameLetters('政府信息公开工作年度报告，依申请公开。'.repeat(400), 200);
    sameLetters(`${ideographs(30_000)}，${'𠀀'.repeat(30_000)}`, 200);
    sameLetters('abcdef');
  });

  it('tells every BMP code unit, and astral code points, a letter exactly as \\p{L} does', () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const s = String.fromCharCode(c);
      if ((letterSignature(s, 1) !== null) !== /^\p{L}$/u.test(s)) wrong.push(c);
    }
    for (let c = 0x10000; c <= 0x10ffff; c += 97) {
      const s = String.fromCodePoint(c);
      if ((letterSignature(`1${s}。`, 1) !== null) !== /^\p{L}$/u.test(s)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });
});

describe('candidatePairCodes', () => {
  it('gives every pair sharing a band once, sorted, as a brute-force comparison finds them', () => {
    // Few distinct minima, so most pairs share several bands and buckets are large: repeats must be dropped.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
    const sigs = Array.from({ length: 120 }, () => Uint32Array.from({ length: SIGNATURE_SIZE }, () => next() % 3));
    const rows = SIGNATURE_SIZE / BANDS;
    const expected: number[] = [];
    for (let x = 0; x < sigs.length; x++) {
      for (let y = x + 1; y < sigs.length; y++) {
        const shared = Array.from({ length: BANDS }, (_, b) => b).some((b) => sigs[x]!.subarray(b * rows, b * rows + rows).every((v, r) => v === sigs[y]![b * rows + r]));
        if (shared) expected.push(x * sigs.length + y);
      }
    }
    expect(expected.length).toBeGreaterThan(100);
    expect(Array.from(candidatePairCodes(sigs))).toEqual(expected);
    const windowed = Array.from(candidatePairCodes(sigs, 2));
    expect(windowed.length).toBeLessThan(expected.length);
    expect(windowed.every((c, i) => i === 0 || c > windowed[i - 1]!)).toBe(true);
  });
});
