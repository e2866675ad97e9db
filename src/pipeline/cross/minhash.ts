/**
 * MinHash signatures of texts and LSH banding, so near-identical texts are
 * found without comparing every pair: each text is hashed once into
 * SIGNATURE_SIZE minima; texts that agree on all rows of at least one band
 * become candidates, and a candidate pair is kept when the share of equal
 * minima (an estimate of the Jaccard similarity of the shingle sets) reaches
 * the threshold. Pure and deterministic (fixed seeds).
 */
import { lettersOf } from './letters.ts';
import { MinHashKernel } from './minhash-kernel.ts';

export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
export const SHINGLE = 5;

/** FNV-1a over `size` code points of `points` from `start`. */
function fnv1a(points: Uint32Array, start: number, size: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + size; i++) {
    h ^= points[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: a cheap, well-mixed 32-bit permutation. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => fmix32(0x9e3779b9 + i * 0x632be5ab));

/** Hashes of the `size`-code-point shingles of a text. */
export function shingleHashes(text: string, size = SHINGLE): Set<number> {
  const points = Uint32Array.from(text, (c) => c.codePointAt(0)!);
  const out = new Set<number>();
  for (let i = 0; i + size <= points.length; i++) out.add(fnv1a(points, i, size));
  return out;
}

export function signature(hashes: Iterable<number>): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const h of hashes) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** The WebAssembly kernel of this thread, made on first use; null where the engine has no WebAssembly SIMD. */
let kernel: MinHashKernel | null | undefined;

function theKernel(): MinHashKernel | null {
  if (kernel === undefined) kernel = MinHashKernel.create(SEEDS, SHINGLE);
  return kernel;
}

/**
 * signature(shingleHashes(text, size)), computed by the WebAssembly kernel
 * (minhash-kernel.ts): the same minima (a shingle met twice gives the same
 * hash, and a minimum taken twice is the same), without the set.
 */
export function textSignature(text: string, size = SHINGLE): Uint32Array {
  const k = size === SHINGLE ? theKernel() : null;
  return k ? k.codePointSignature(text) : signature(shingleHashes(text, size));
}

/**
 * textSignature of the text's letters (\p{L}) when they are at least
 * `minLetters` code points, else null; the letters are picked by the kernel
 * from the text's UTF-16, never made into a string.
 */
export function letterSignature(text: string, minLetters: number): Uint32Array | null {
  const k = theKernel();
  if (k) return k.letterSignature(text, minLetters);
  const letters = lettersOf(text);
  return [...letters].length >= minLetters ? signature(shingleHashes(letters)) : null;
}

/**
 * Index pairs (i < j) of signatures that share at least one band. Within a
 * bucket each member is paired with the next `window` members only, so a
 * template copied by thousands of agencies costs n × window, not n².
 */
export function candidatePairs(signatures: Uint32Array[], window = Infinity): [number, number][] {
  const n = signatures.length;
  return Array.from(candidatePairCodes(signatures, window), (code) => [Math.floor(code / n), code % n] as [number, number]);
}

/**
 * The same pairs as candidatePairs, each as the one number x·n + y (x < y < n),
 * sorted and distinct: no array per pair when there are hundreds of thousands.
 */
export function candidatePairCodes(signatures: Uint32Array[], window = Infinity): Float64Array {
  const n = signatures.length;
  // Pairs as (x, y) in two typed arrays grown by doubling: hundreds of thousands of them, no boxed numbers.
  let xs = new Int32Array(1024);
  let ys = new Int32Array(1024);
  let count = 0;
  const buckets = new BandBuckets(n);
  for (let b = 0; b < BANDS; b++) {
    buckets.fill(signatures, b * ROWS_PER_BAND);
    for (let k = 0; k < buckets.count; k++) {
      // Members in index order: each paired with the next `window` members of its bucket.
      for (let x = buckets.first[k]!; x !== -1; x = buckets.next[x]!) {
        let d = 1;
        for (let y = buckets.next[x]!; y !== -1 && d <= window; y = buckets.next[y]!, d++) {
          if (count === xs.length) {
            const gx = new Int32Array(xs.length * 2);
            const gy = new Int32Array(ys.length * 2);
            gx.set(xs);
            gy.set(ys);
            xs = gx;
            ys = gy;
          }
          xs[count] = x;
          ys[count++] = y;
        }
      }
    }
  }
  return sortedCodes(xs, ys, count, n);
}

/**
 * The pairs' codes x·n + y sorted and distinct, without sorting them all as numbers: the pairs are
 * counted out by x (a counting sort), then each x's few partners are sorted and their repeats dropped.
 */
function sortedCodes(xs: Int32Array, ys: Int32Array, count: number, n: number): Float64Array {
  const starts = new Int32Array(n + 1);
  for (let p = 0; p < count; p++) starts[xs[p]! + 1]!++;
  for (let x = 0; x < n; x++) starts[x + 1]! += starts[x]!;
  const fill = starts.slice(0, n);
  const partners = new Int32Array(count);
  for (let p = 0; p < count; p++) partners[fill[xs[p]!]!++] = ys[p]!;
  const codes = new Float64Array(count);
  let kept = 0;
  for (let x = 0; x < n; x++) {
    const own = partners.subarray(starts[x]!, starts[x + 1]!).sort();
    for (let k = 0; k < own.length; k++) if (k === 0 || own[k] !== own[k - 1]) codes[kept++] = x * n + own[k]!;
  }
  return codes.subarray(0, kept);
}

/**
 * The signatures grouped by one band's rows, exactly (equal rows, same bucket), by an open-addressing table
 * on a hash of the rows instead of a string key per signature. Each bucket's members are linked in index order.
 */
class BandBuckets {
  /** The first member of each bucket, in the order the buckets were met. */
  readonly first: Int32Array;
  /** The member after each signature in its bucket, or -1. */
  readonly next: Int32Array;
  count = 0;
  private readonly last: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(n: number) {
    this.first = new Int32Array(n);
    this.last = new Int32Array(n);
    this.next = new Int32Array(n);
    // At most half full, so a probe ends soon.
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  fill(signatures: Uint32Array[], start: number): void {
    this.slots.fill(0);
    this.count = 0;
    for (let i = 0; i < signatures.length; i++) {
      const sig = signatures[i]!;
      // The minima are already well-mixed hashes: a multiply-xor of the band's rows is enough to spread them.
      let h = 0;
      for (let r = start; r < start + ROWS_PER_BAND; r++) h = Math.imul(h ^ sig[r]!, 0x9e3779b1);
      for (let s = (h ^ (h >>> 16)) & this.mask; ; s = (s + 1) & this.mask) {
        const bucket = this.slots[s]! - 1;
        if (bucket < 0) {
          this.slots[s] = this.count + 1;
          this.first[this.count] = i;
          this.last[this.count++] = i;
          this.next[i] = -1;
          break;
        }
        if (sameRows(signatures[this.first[bucket]!]!, sig, start)) {
          this.next[this.last[bucket]!] = i;
          this.last[bucket] = i;
          this.next[i] = -1;
          break;
        }
      }
    }
  }
}

function sameRows(a: Uint32Array, b: Uint32Array, start: number): boolean {
  for (let r = start; r < start + ROWS_PER_BAND; r++) if (a[r] !== b[r]) return false;
  return true;
}
