/**
 * report.copied: narrative (parts 一, 五, 六) nearly identical to another
 * report's — the same agency's previous year or another agency's. Texts are
 * compared after dropping whitespace, punctuation and digits (a copied report
 * usually changes only its numbers and year), by MinHash + LSH (minhash.ts),
 * so the cost grows with the number of reports, not with its square.
 */
import { SECTIONS } from '../../schema/codes.ts';
import type { ReportRecord } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import { lettersOf } from './letters.ts';
import { candidatePairCodes, letterSignature, SIGNATURE_SIZE } from './minhash.ts';

/** Estimated Jaccard similarity of the 5-character shingles from which two narratives count as copies. */
export const COPY_THRESHOLD = 0.8;
/** Shorter narratives (after normalising) are too generic to call copied. */
export const MIN_CHARS = 200;
/** At most this many of the most similar other reports are named per report. */
export const MAX_MATCHES = 5;

const NARRATIVE = new Set<string>(SECTIONS.filter((s) => s.narrative).map((s) => s.code));

/** The narrative sections present, one line apart, NFKC-normalised (full-width letters as ASCII, compatibility ideographs unified). */
function narrativeText(record: ReportRecord): string {
  let text = '';
  let first = true;
  for (const s of record.sections) {
    if (!NARRATIVE.has(s.code) || s.status !== 'present') continue;
    text = first ? s.text : `${text}\n${s.text}`;
    first = false;
  }
  return text.normalize('NFKC');
}

/** The narrative as compared: its letters only (whitespace, punctuation, symbols and digits, \P{L}, carry no authorship). */
export function narrativeForComparison(record: ReportRecord): string {
  return lettersOf(narrativeText(record));
}


/**
 * The MinHash signature a report's narrative is compared by, or null when it is too short to call copied:
 * textSignature(narrativeForComparison(record)) when that has MIN_CHARS code points, its letters picked without the string.
 */
export function narrativeSignature(record: ReportRecord): Uint32Array | null {
  return letterSignature(narrativeText(record), MIN_CHARS);
}

/** Words of packed low bytes per signature (lowBytes). */
const LOW_WORDS = SIGNATURE_SIZE / 4;

/** The low byte of every minimum, four minima to an Int32 word, signature after signature. */
function lowBytes(flat: Int32Array, n: number): Int32Array {
  const low = new Int32Array(n * LOW_WORDS);
  for (let w = 0; w < low.length; w++) {
    const k = w * 4;
    low[w] = (flat[k]! & 255) | ((flat[k + 1]! & 255) << 8) | ((flat[k + 2]! & 255) << 16) | ((flat[k + 3]! & 255) << 24);
  }
  return low;
}

/**
 * Whether more than `maxDiffer` minima of two signatures surely differ: minima whose low bytes differ differ, so
 * counting the words' differing bytes never counts more than differ (a true answer is exact; false proves nothing).
 */
function tooManyDiffer(low: Int32Array, x: number, y: number, maxDiffer: number): boolean {
  let differ = 0;
  for (let w = 0; w < LOW_WORDS; w++) {
    // Each byte's bits ORed down into its lowest bit, then the four flags summed by one multiply into the top byte.
    let d = low[x + w]! ^ low[y + w]!;
    d |= d >>> 4;
    d |= d >>> 2;
    d |= d >>> 1;
    differ += Math.imul(d & 0x01010101, 0x01010101) >>> 24;
    if (differ > maxDiffer) return true;
  }
  return false;
}

/**
 * `signatureOf` gives each record's narrative signature; by default computed
 * from its sections, or looked up when records come without their text.
 */
export function checkCopied<T extends ReportRecord>(records: T[], signatureOf: (record: T) => Uint32Array | null = narrativeSignature): T[] {
  // In report_id order, so which neighbours a large bucket pairs does not depend on input order.
  const eligible = records
    .map((r, i) => ({ i, id: r.report_id, sig: signatureOf(r) }))
    .filter((e): e is { i: number; id: string; sig: Uint32Array } => e.sig !== null)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sigs = eligible.map((e) => e.sig);
  const n = sigs.length;
  // A pair is a copy when at least this many of the signature's minima agree (the share of equal minima estimates the Jaccard similarity; it must reach COPY_THRESHOLD).
  const needed = Math.ceil(COPY_THRESHOLD * SIGNATURE_SIZE - 1e-9);
  const matches = new Map<number, { other: number; similarity: number }[]>();
  const add = (self: number, other: number, similarity: number) => {
    const list = matches.get(self);
    if (list) list.push({ other, similarity });
    else matches.set(self, [{ other, similarity }]);
  };
  // Every signature in one array, as 32-bit integers (equal exactly when the minima are): hundreds of thousands
  // of pairs are compared, and one flat array of integers is read about twice as fast as thousands of small ones.
  const flat = new Int32Array(n * SIGNATURE_SIZE);
  sigs.forEach((sig, i) => flat.set(new Int32Array(sig.buffer, sig.byteOffset, SIGNATURE_SIZE), i * SIGNATURE_SIZE));
  const low = lowBytes(flat, n);
  const maxDiffer = SIGNATURE_SIZE - needed;
  const codes = candidatePairCodes(sigs, 2 * MAX_MATCHES);
  for (let p = 0; p < codes.length; p++) {
    const code = codes[p]!;
    const x = Math.floor(code / n);
    const y = code - x * n;
    // Nearly every candidate is far from a copy: ruled out by the low bytes of its minima, four at a time.
    if (tooManyDiffer(low, x * LOW_WORDS, y * LOW_WORDS, maxDiffer)) continue;
    const ox = x * SIGNATURE_SIZE;
    const oy = y * SIGNATURE_SIZE;
    // Stop once too many minima differ for the pair to reach the threshold.
    let same = 0;
    let differ = 0;
    for (let k = 0; k < SIGNATURE_SIZE && differ <= maxDiffer; k++) {
      if (flat[ox + k] === flat[oy + k]) same++;
      else differ++;
    }
    if (same < needed) continue;
    const similarity = same / SIGNATURE_SIZE;
    const a = eligible[x]!.i;
    const b = eligible[y]!.i;
    add(a, b, similarity);
    add(b, a, similarity);
  }
  return records.map((r, i) => {
    const found = matches.get(i);
    if (!found) return r;
    const top = found
      .map((m) => ({ ...m, id: records[m.other]!.report_id, file: records[m.other]!.source_file }))
      .sort((p, q) => q.similarity - p.similarity || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0))
      .slice(0, MAX_MATCHES);
    return {
      ...r,
      findings: [...r.findings, ...top.map((m) => makeFinding('report.copied', {
        location: `narrative/${m.id}`,
        expected: `< ${COPY_THRESHOLD}`,
        actual: m.similarity.toFixed(2),
        zh: `正文与 ${m.id}（${m.file}）几乎相同（相似度约 ${m.similarity.toFixed(2)}）`,
        en: `Narrative nearly identical to ${m.id} (${m.file}), similarity about ${m.similarity.toFixed(2)}`,
      }))],
    };
  });
}
