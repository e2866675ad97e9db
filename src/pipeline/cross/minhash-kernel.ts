/**
 * The MinHash kernel (code in minhash-kernel-code.ts) instantiated, with its
 * memory, for one thread. WebAssembly is compiled when instantiated, so it
 * runs at full speed from a thread's first report, where JavaScript needs
 * thousands of calls to be optimised.
 */
import { kernelBinary, LETTER_TABLE, SEEDS, SIGNATURE, WORK } from './minhash-kernel-code.ts';

const SIGNATURE_SIZE = 64;

interface KernelExports {
  memory: WebAssembly.Memory;
  codeUnits(dst: number): void;
  letters(src: number, end: number, dst: number): number;
  shingles(points: number, count: number, hashes: number): void;
  minima(hashes: number, count: number): void;
}

/** One code point that is a letter (\p{L}). */
const LETTER = /^\p{L}$/u;
/** Runs of letters (\p{L}), to mark them in the letter table. */
const LETTER_RUN = /\p{L}+/gu;

const align16 = (n: number) => (n + 15) & ~15;

/**
 * The instantiated kernel and its memory, for one thread. Each text is laid
 * out from WORK: its UTF-8 (up to 3 bytes per UTF-16 unit), its code points,
 * then its shingle hashes, each with room for the vector reads and writes
 * past its end. The seeds and code points are written, and the signature
 * read, through a Uint32Array: in WebAssembly's byte order (little-endian)
 * on little-endian hosts, which are all Node's but s390x.
 */
export class MinHashKernel {
  readonly #exports: KernelExports;
  #bytes: Uint8Array;
  #words: Uint32Array;
  readonly #encoder = new TextEncoder();
  readonly shingle: number;

  /** The kernel for these seeds and shingles of `shingle` code points, or null where the engine has no WebAssembly SIMD. */
  static create(seeds: readonly number[], shingle: number): MinHashKernel | null {
    const binary = kernelBinary(shingle);
    return WebAssembly.validate(binary) ? new MinHashKernel(binary, seeds, shingle) : null;
  }

  private constructor(binary: Uint8Array<ArrayBuffer>, seeds: readonly number[], shingle: number) {
    this.shingle = shingle;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), {
      js: { astralLetter: (cp: number) => (LETTER.test(String.fromCodePoint(cp)) ? 1 : 0) },
    });
    this.#exports = instance.exports as unknown as KernelExports;
    this.#bytes = new Uint8Array(this.#exports.memory.buffer);
    this.#words = new Uint32Array(this.#exports.memory.buffer);
    this.#words.set(seeds, SEEDS / 4);
    this.#markLetters();
  }

  /** LETTER_TABLE[c] = 1 for each BMP code point c that is a letter, from the runs of letters in a string of all the code units. */
  #markLetters(): void {
    this.#exports.codeUnits(WORK);
    // Lone surrogates decode to U+FFFD, and the one pair among them (U+DBFF U+DC00) to a private-use character: no letters,
    // and each still as many UTF-16 units, so a string index is its code unit.
    const all = new TextDecoder('utf-16le').decode(this.#bytes.subarray(WORK, WORK + 2 * 0x10000));
    for (const run of all.matchAll(LETTER_RUN)) this.#bytes.fill(1, LETTER_TABLE + run.index, LETTER_TABLE + run.index + run[0].length);
  }

  /** Room for a text of `units` UTF-16 units; the offsets of its UTF-8, code points and hashes. */
  #layout(units: number): { utf8: number; points: number; hashes: number } {
    const utf8 = WORK;
    const points = align16(utf8 + 3 * units);
    const hashes = align16(points + 4 * units + 32);
    const end = hashes + 4 * units + 32;
    const memory = this.#exports.memory;
    if (memory.buffer.byteLength < end) {
      memory.grow(Math.ceil((end - memory.buffer.byteLength) / 0x10000));
      this.#bytes = new Uint8Array(memory.buffer);
      this.#words = new Uint32Array(memory.buffer);
    }
    return { utf8, points, hashes };
  }

  /** The signature of the `count` code points at `points`. */
  #signature(points: number, count: number, hashes: number): Uint32Array {
    const shingles = Math.max(0, count - this.shingle + 1);
    this.#exports.shingles(points, shingles, hashes);
    this.#exports.minima(hashes, shingles);
    return this.#words.slice(SIGNATURE / 4, SIGNATURE / 4 + SIGNATURE_SIZE);
  }

  /** The signature of the text's code points (a lone surrogate is one, as codePointAt gives it). */
  codePointSignature(text: string): Uint32Array {
    const { points, hashes } = this.#layout(text.length);
    const words = this.#words;
    let n = points / 4;
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i)!;
      words[n++] = c;
      if (c > 0xffff) i++;
    }
    return this.#signature(points, n - points / 4, hashes);
  }

  /** The signature of the text's letters (\p{L}) when there are at least `minLetters` of them (code points), else null. */
  letterSignature(text: string, minLetters: number): Uint32Array | null {
    const { utf8, points, hashes } = this.#layout(text.length);
    // Well-formed UTF-8 from the encoder: a lone surrogate becomes U+FFFD, no letter, as the surrogate is none.
    const { written } = this.#encoder.encodeInto(text, this.#bytes.subarray(utf8, points));
    const letters = this.#exports.letters(utf8, utf8 + written, points);
    return letters >= minLetters ? this.#signature(points, letters, hashes) : null;
  }
}
