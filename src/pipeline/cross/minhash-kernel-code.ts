/**
 * The code of the MinHash kernel (minhash-kernel.ts): the signature's inner
 * loops (minhash.ts) in WebAssembly with 128-bit SIMD — a text's code points
 * (or its letters only) from its UTF-16, the FNV-1a hashes of its shingles
 * four at a time, and the 64 minima of fmix32(hash ^ seed), four seeds a
 * vector and SEEDS_PER_PASS seeds per pass over the hashes. Built from named
 * opcodes (wasm-binary.ts); what it does, as WAT (K runs over the vectors of
 * a pass):
 *
 *   (import "js" "letterOf" (func $letterOf (param $cp i32) (result i32)))
 *   (memory (export "memory") PAGES)
 *
 *   ;; The code points of the UTF-16 units [$src, $end) to $dst as u32, as codePointAt reads them (a high surrogate
 *   ;; then a low one is one code point, a lone surrogate one of its own); all, or the letters only; their count.
 *   ;; A code point is told a letter by its byte at LETTER_TABLE (BMP: UNKNOWN yet, LETTER, NOT_LETTER) or by
 *   ;; $letterOf, which is asked once per BMP code point (the answer kept in the table) and every time outside it.
 *   (func (export "codePoints") (param $src i32) (param $end i32) (param $dst i32) (param $lettersOnly i32) (result i32)
 *     (local $cp i32) (local $low i32) (local $letter i32) (local $out i32)
 *     (local.set $out (local.get $dst))
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
 *       (local.set $cp (i32.load16_u (local.get $src)))
 *       (local.set $src (i32.add (local.get $src) (i32.const 2)))
 *       (if (i32.and (i32.eq (i32.and (local.get $cp) (i32.const 0xfc00)) (i32.const 0xd800))
 *                    (i32.lt_u (local.get $src) (local.get $end)))
 *         (then
 *           (local.set $low (i32.load16_u (local.get $src)))
 *           (if (i32.eq (i32.and (local.get $low) (i32.const 0xfc00)) (i32.const 0xdc00))
 *             (then
 *               (local.set $cp (i32.add (i32.or (i32.shl (i32.and (local.get $cp) (i32.const 0x3ff)) (i32.const 10))
 *                                               (i32.and (local.get $low) (i32.const 0x3ff)))
 *                                       (i32.const 0x10000)))
 *               (local.set $src (i32.add (local.get $src) (i32.const 2)))))))
 *       (local.set $letter (i32.const LETTER))
 *       (if (local.get $lettersOnly)
 *         (then
 *           (local.set $letter (i32.const UNKNOWN))
 *           (if (i32.lt_u (local.get $cp) (i32.const 0x10000))
 *             (then (local.set $letter (i32.load8_u offset=LETTER_TABLE (local.get $cp)))))
 *           (if (i32.eqz (local.get $letter))
 *             (then
 *               (local.set $letter (call $letterOf (local.get $cp)))
 *               (if (i32.lt_u (local.get $cp) (i32.const 0x10000))
 *                 (then (i32.store8 offset=LETTER_TABLE (local.get $cp) (local.get $letter))))))))
 *       ;; Every code point is stored; the output moves past letters only (LETTER is odd, NOT_LETTER even).
 *       (i32.store (local.get $out) (local.get $cp))
 *       (local.set $out (i32.add (local.get $out) (i32.shl (i32.and (local.get $letter) (i32.const 1)) (i32.const 2))))
 *       (br $next)))
 *     (i32.shr_u (i32.sub (local.get $out) (local.get $dst)) (i32.const 2)))
 *
 *   ;; FNV-1a over SHINGLE code points from each of $points[0 .. $count), to $hashes[0 .. $count),
 *   ;; four shingles a vector (up to three hashes past $count are written, from points past the end).
 *   (func (export "shingles") (param $points i32) (param $count i32) (param $hashes i32)
 *     (local $at i32) (local $end i32) (local $h v128) (local $prime v128)
 *     (local.set $end (i32.shl (local.get $count) (i32.const 2)))
 *     (local.set $prime (i32x4.splat (i32.const FNV_PRIME)))
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
 *       (local.set $h (i32x4.splat (i32.const FNV_OFFSET)))
 *       ;; for each k < SHINGLE:
 *       (local.set $h (i32x4.mul (v128.xor (local.get $h) (v128.load offset=4k (i32.add (local.get $points) (local.get $at))))
 *                                (local.get $prime)))
 *       (v128.store (i32.add (local.get $hashes) (local.get $at)) (local.get $h))
 *       (local.set $at (i32.add (local.get $at) (i32.const 16)))
 *       (br $next))))
 *
 *   ;; The minima of fmix32(hash ^ seed) over $hashes[0 .. $count) for each of the 64 seeds at SEEDS, to SIGNATURE.
 *   (func (export "minima") (param $hashes i32) (param $count i32)
 *     (local $pass i32) (local $at i32) (local $end i32) (local $x v128) (local $v v128) (local $c1 v128) (local $c2 v128)
 *     (local $seedK v128) … (local $minK v128) …
 *     (local.set $c1 (i32x4.splat (i32.const 0x85ebca6b)))
 *     (local.set $c2 (i32x4.splat (i32.const 0xc2b2ae35)))
 *     (local.set $end (i32.add (local.get $hashes) (i32.shl (local.get $count) (i32.const 2))))
 *     (loop $passes
 *       ;; fmix32's first step, v ^= v >>> 16, is linear over xor: for v = hash ^ seed it is the step on each, xored.
 *       (local.set $seedK (v128.load offset=SEEDS+16K (local.get $pass)))   ;; for each K
 *       (local.set $seedK (v128.xor (local.get $seedK) (i32x4.shr_u (local.get $seedK) (i32.const 16))))
 *       (local.set $minK (i32x4.splat (i32.const -1)))                    ;; for each K
 *       (local.set $at (local.get $hashes))
 *       (block $done (loop $next
 *         (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
 *         (local.set $x (v128.load32_splat (local.get $at)))
 *         (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))
 *         ;; for each K: $minK = min_u($minK, fmix32($hash ^ $seed)), its first step already taken
 *         (local.set $v (i32x4.mul (v128.xor (local.get $x) (local.get $seedK)) (local.get $c1)))
 *         (local.set $v (i32x4.mul (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 13))) (local.get $c2)))
 *         (local.set $minK (i32x4.min_u (local.get $minK) (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 16)))))
 *         (local.set $at (i32.add (local.get $at) (i32.const 4)))
 *         (br $next)))
 *       (v128.store offset=SIGNATURE+16K (local.get $pass) (local.get $minK))  ;; for each K
 *       (local.set $pass (i32.add (local.get $pass) (i32.const SEEDS_PER_PASS × 4)))
 *       (br_if $passes (i32.lt_u (local.get $pass) (i32.const 256)))))
 */
import { Code, I32, op, simd, V128, wasmModule, type WasmFunction } from './wasm-binary.ts';

/** Byte offsets in the kernel's memory: the signature out, the seeds in, one byte per BMP code point (what is known of it), then the work area. */
export const SIGNATURE = 0;
export const SEEDS = 256;
export const LETTER_TABLE = 512;
export const WORK = LETTER_TABLE + 0x10000;
/** The letter table's bytes: a BMP code point not asked about yet, one that is a letter (\p{L}), one that is not. */
export const UNKNOWN = 0;
export const LETTER = 1;
export const NOT_LETTER = 2;
const SIGNATURE_BYTES = 64 * 4;
/** Seeds per pass over the hashes in `minima`, four per vector: 16 measured fastest (fewer passes, no spilled locals). */
export const SEEDS_PER_PASS = 16;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Pages of 64 KiB to start with: the fixed areas, then a work area for texts of up to about 13,000 UTF-16 units (10 bytes each). */
const PAGES = Math.ceil(WORK / 0x10000) + 1;
/** The imported function letterOf's index. */
const LETTER_OF = 0;

/** Alignment hints (log2 of bytes): natural for each access. */
const ALIGN_BYTE = 0;
const ALIGN_16 = 1;
const ALIGN_32 = 2;
const ALIGN_128 = 4;

/** `local += step`. */
const addTo = (c: Code, local: number, step: number) => c.get(local).i32(step).op(op.i32_add).set(local);
/** `(block $done (loop $next (br_if $done (i32.ge_u $at $end)) …body… (br $next)))`. */
const whileBelow = (c: Code, at: number, end: number, body: (c: Code) => void) =>
  c.block((c) => c.loop((c) => {
    c.get(at).get(end).op(op.i32_ge_u).brIf(1);
    body(c);
    c.br(0);
  }));

function codePointsFunction(): WasmFunction {
  const [src, end, dst, lettersOnly, cp, low, letter, out] = [0, 1, 2, 3, 4, 5, 6, 7];
  /** `(i32.eq (i32.and local 0xfc00) tag)`: the unit is a surrogate of that half (0xd800 high, 0xdc00 low). */
  const isSurrogate = (c: Code, local: number, tag: number) => c.get(local).i32(0xfc00).op(op.i32_and).i32(tag).op(op.i32_eq);
  const inBmp = (c: Code) => c.get(cp).i32(0x10000).op(op.i32_lt_u);
  const body = new Code().get(dst).set(out);
  whileBelow(body, src, end, (c) => {
    c.get(src).memory(op.i32_load16_u, ALIGN_16).set(cp);
    addTo(c, src, 2);
    isSurrogate(c, cp, 0xd800).get(src).get(end).op(op.i32_lt_u).op(op.i32_and).ifElse((c) => {
      c.get(src).memory(op.i32_load16_u, ALIGN_16).set(low);
      isSurrogate(c, low, 0xdc00).ifElse((c) => {
        c.get(cp).i32(0x3ff).op(op.i32_and).i32(10).op(op.i32_shl).get(low).i32(0x3ff).op(op.i32_and).op(op.i32_or);
        c.i32(0x10000).op(op.i32_add).set(cp);
        addTo(c, src, 2);
      });
    });
    c.i32(LETTER).set(letter);
    c.get(lettersOnly).ifElse((c) => {
      c.i32(UNKNOWN).set(letter);
      inBmp(c).ifElse((c) => c.get(cp).memory(op.i32_load8_u, ALIGN_BYTE, LETTER_TABLE).set(letter));
      c.get(letter).op(op.i32_eqz).ifElse((c) => {
        c.get(cp).call(LETTER_OF).set(letter);
        inBmp(c).ifElse((c) => c.get(cp).get(letter).memory(op.i32_store8, ALIGN_BYTE, LETTER_TABLE));
      });
    });
    c.get(out).get(cp).memory(op.i32_store, ALIGN_32);
    c.get(out).get(letter).i32(1).op(op.i32_and).i32(2).op(op.i32_shl).op(op.i32_add).set(out);
  });
  body.get(out).get(dst).op(op.i32_sub).i32(2).op(op.i32_shr_u);
  return { name: 'codePoints', params: [I32, I32, I32, I32], results: [I32], locals: [I32, I32, I32, I32], body };
}

function shinglesFunction(shingle: number): WasmFunction {
  const [points, count, hashes, at, end, h, prime] = [0, 1, 2, 3, 4, 5, 6];
  const body = new Code();
  body.get(count).i32(2).op(op.i32_shl).set(end);
  body.i32(FNV_PRIME).simd(simd.i32x4_splat).set(prime);
  whileBelow(body, at, end, (c) => {
    c.i32(FNV_OFFSET).simd(simd.i32x4_splat).set(h);
    for (let k = 0; k < shingle; k++) {
      c.get(h).get(points).get(at).op(op.i32_add).simdMemory(simd.v128_load, ALIGN_128, 4 * k).simd(simd.v128_xor);
      c.get(prime).simd(simd.i32x4_mul).set(h);
    }
    c.get(hashes).get(at).op(op.i32_add).get(h).simdMemory(simd.v128_store, ALIGN_128);
    addTo(c, at, 16);
  });
  return { name: 'shingles', params: [I32, I32, I32], results: [], locals: [I32, I32, V128, V128], body };
}

function minimaFunction(): WasmFunction {
  const vectors = SEEDS_PER_PASS / 4;
  const [hashes, count, pass, at, end, x, v, c1, c2] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const seed = (k: number) => 9 + k;
  const min = (k: number) => 9 + vectors + k;
  const ks = Array.from({ length: vectors }, (_, k) => k);
  /** `local ^ (local >>> bits)`, on the stack. */
  const xorShift = (c: Code, local: number, bits: number) => c.get(local).get(local).i32(bits).simd(simd.i32x4_shr_u).simd(simd.v128_xor);
  const body = new Code();
  body.i32(0x85ebca6b).simd(simd.i32x4_splat).set(c1);
  body.i32(0xc2b2ae35).simd(simd.i32x4_splat).set(c2);
  body.get(hashes).get(count).i32(2).op(op.i32_shl).op(op.i32_add).set(end);
  body.loop((c) => {
    // fmix32's first step, v ^= v >>> 16, is linear over xor: for v = hash ^ seed it is the xor of the step on each,
    // taken once per seed ($seedK) and once per hash ($x), not once per pair.
    for (const k of ks) xorShift(c.get(pass).simdMemory(simd.v128_load, ALIGN_128, SEEDS + 16 * k).set(seed(k)), seed(k), 16).set(seed(k));
    for (const k of ks) c.i32(-1).simd(simd.i32x4_splat).set(min(k));
    c.get(hashes).set(at);
    whileBelow(c, at, end, (c) => {
      xorShift(c.get(at).simdMemory(simd.v128_load32_splat, ALIGN_32).set(x), x, 16).set(x);
      for (const k of ks) {
        c.get(x).get(seed(k)).simd(simd.v128_xor).get(c1).simd(simd.i32x4_mul).set(v);
        xorShift(c, v, 13).get(c2).simd(simd.i32x4_mul).set(v);
        xorShift(c, v, 16).get(min(k)).simd(simd.i32x4_min_u).set(min(k));
      }
      addTo(c, at, 4);
    });
    for (const k of ks) c.get(pass).get(min(k)).simdMemory(simd.v128_store, ALIGN_128, SIGNATURE + 16 * k);
    addTo(c, pass, SEEDS_PER_PASS * 4);
    c.get(pass).i32(SIGNATURE_BYTES).op(op.i32_lt_u).brIf(0);
  });
  const locals = [I32, I32, I32, V128, V128, V128, V128, ...ks.map(() => V128), ...ks.map(() => V128)];
  return { name: 'minima', params: [I32, I32], results: [], locals, body };
}

/** The kernel's binary, for shingles of `shingle` code points. */
export function kernelBinary(shingle: number): Uint8Array<ArrayBuffer> {
  const imports = [{ module: 'js', name: 'letterOf', params: [I32], results: [I32] }];
  return wasmModule(imports, PAGES, [codePointsFunction(), shinglesFunction(shingle), minimaFunction()]);
}
