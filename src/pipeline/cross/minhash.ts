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
  // Pair codes collected in a typed array grown by doubling: hundreds of thousands of them, no boxed numbers.
  let found = new Float64Array(1024);
  let count = 0;
  for (let b = 0; b < BANDS; b++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((sig, i) => {
      const key = bandKey(sig, b * ROWS_PER_BAND);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    });
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length && y - x <= window; y++) {
          if (count === found.length) {
            const grown = new Float64Array(found.length * 2);
            grown.set(found);
            found = grown;
          }
          found[count++] = bucket[x]! * n + bucket[y]!;
        }
      }
    }
  }
  const sorted = found.subarray(0, count).sort();
  let kept = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[kept++] = sorted[k]!;
  return sorted.subarray(0, kept);
}

/** A band's rows as a string key: each 32-bit minimum as two UTF-16 code units, so equal keys mean equal rows. */
function bandKey(sig: Uint32Array, start: number): string {
  let key = '';
  for (let r = start; r < start + ROWS_PER_BAND; r++) key += String.fromCharCode(sig[r]! & 0xffff, sig[r]! >>> 16);
  return key;
}
