/**
 * The MinHash kernel (code in minhash-kernel-code.ts) instantiated, with its
 * memory, for one thread. WebAssembly is compiled when instantiated, so it
 * runs at full speed from a thread's first report, where JavaScript needs
 * thousands of calls to be optimised.
 */
import { ONE_LETTER } from './letters.ts';
import { kernelBinary, LETTER, LETTER_TABLE, NOT_LETTER, SEEDS, SIGNATURE, WORK } from './minhash-kernel-code.ts';

const SIGNATURE_SIZE = 64;

interface KernelExports {
  memory: WebAssembly.Memory;
  codePoints(src: number, end: number, dst: number, lettersOnly: number): number;
  shingles(points: number, count: number, hashes: number): void;
  minima(hashes: number, count: number): void;
}

/** The kernel's question about a code point it has not met (or one outside the BMP): a letter or not. */
const letterOf = (cp: number) => (ONE_LETTER.test(String.fromCodePoint(cp)) ? LETTER : NOT_LETTER);
/** CJK unified ideographs (U+4E00–U+9FFF), every one a letter: most of a report's letters, known from the start. */
const CJK_FIRST = 0x4e00;
const CJK_LAST = 0x9fff;

const align16 = (n: number) => (n + 15) & ~15;

/**
 * The instantiated kernel and its memory, for one thread. Each text is laid
 * out from WORK: its UTF-16, its code points, then its shingle hashes, each
 * with room for the vector reads and writes past its end. The seeds and code points are written, and the signature
 * read, through a Uint32Array: in WebAssembly's byte order (little-endian)
 * on little-endian hosts, which are all Node's but s390x.
 */
export class MinHashKernel {
  readonly #exports: KernelExports;
  #bytes: Buffer;
  #words: Uint32Array;
  readonly shingle: number;

  /** The kernel for these seeds and shingles of `shingle` code points, or null where the engine has no WebAssembly SIMD. */
  static create(seeds: readonly number[], shingle: number): MinHashKernel | null {
    const binary = kernelBinary(shingle);
    return WebAssembly.validate(binary) ? new MinHashKernel(binary, seeds, shingle) : null;
  }

  private constructor(binary: Uint8Array<ArrayBuffer>, seeds: readonly number[], shingle: number) {
    this.shingle = shingle;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), {
      js: { letterOf },
    });
    this.#exports = instance.exports as unknown as KernelExports;
    this.#bytes = Buffer.from(this.#exports.memory.buffer);
    this.#words = new Uint32Array(this.#exports.memory.buffer);
    this.#words.set(seeds, SEEDS / 4);
    this.#bytes.fill(LETTER, LETTER_TABLE + CJK_FIRST, LETTER_TABLE + CJK_LAST + 1);
  }

  /** Room for a text of `units` UTF-16 units, which is written there; the offsets of its end, code points and hashes. */
  #load(text: string): { end: number; points: number; hashes: number } {
    const units = text.length;
    const points = align16(WORK + 2 * units);
    const hashes = align16(points + 4 * units + 32);
    const end = hashes + 4 * units + 32;
    const memory = this.#exports.memory;
    if (memory.buffer.byteLength < end) {
      memory.grow(Math.ceil((end - memory.buffer.byteLength) / 0x10000));
      this.#bytes = Buffer.from(memory.buffer);
      this.#words = new Uint32Array(memory.buffer);
    }
    // The string's UTF-16 units as they are, lone surrogates too (Buffer's 'utf16le' copies them unchanged).
    return { end: WORK + this.#bytes.write(text, WORK, 'utf16le'), points, hashes };
  }

  /** The signature of the `count` code points at `points`. */
  #signature(points: number, count: number, hashes: number): Uint32Array {
    const shingles = Math.max(0, count - this.shingle + 1);
    this.#exports.shingles(points, shingles, hashes);
    this.#exports.minima(hashes, shingles);
    return this.#words.slice(SIGNATURE / 4, SIGNATURE / 4 + SIGNATURE_SIZE);
  }

  /** The signature of the text's code points, as codePointAt reads them (a lone surrogate is one). */
  codePointSignature(text: string): Uint32Array {
    const { end, points, hashes } = this.#load(text);
    return this.#signature(points, this.#exports.codePoints(WORK, end, points, 0), hashes);
  }

  /** The signature of the text's letters (\p{L}) when there are at least `minLetters` of them (code points), else null. */
  letterSignature(text: string, minLetters: number): Uint32Array | null {
    const { end, points, hashes } = this.#load(text);
    const letters = this.#exports.codePoints(WORK, end, points, 1);
    return letters >= minLetters ? this.#signature(points, letters, hashes) : null;
  }
}
