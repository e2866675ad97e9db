/**
 * Fast paths of the decode stage's strict readings, each giving exactly what
 * the plain path gives (tests/unit/reader/decode-fast.test.ts compares them).
 *
 * UTF-8: ICU's transcoder turns valid UTF-8 into UTF-16 several times faster
 * than V8's decoder (Chinese text is three bytes a character), and valid
 * UTF-8 has one reading, so the text is the same.
 *
 * GB18030: nearly every GBK/GB18030 report is ASCII and two-byte characters.
 * iconv-lite reads a two-byte character the same wherever it stands (its
 * decoder starts afresh after each complete character, and its encoder maps
 * each character on its own), so a text made only of such characters is read,
 * and round-trips, exactly when each of them does on its own: which is worked
 * out once per character with iconv-lite itself and kept in a table. A file
 * with any other byte sequence (four-byte characters, a stray byte, 0x80)
 * gets null here and takes the plain path.
 */
import { transcode } from 'node:buffer';
import iconv from 'iconv-lite';

// One decoder for texts transcoding cannot take (see strictUtf8Text).
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The text of bytes already known to be valid UTF-8 (isUtf8), BOM kept as U+FEFF. */
export function validUtf8Text(bytes: Uint8Array): string {
  try {
    return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return UTF8.decode(bytes);
  }
}

/**
 * UTF-16 bytes of even length read as iconv-lite reads them, without its set-up per call: iconv-lite reads UTF-16LE
 * with Node's own decoder (a StringDecoder, whose held-back last surrogate comes out at its end), UTF-16BE by
 * swapping each pair of bytes first, and drops one byte order mark at the start. Odd lengths are left to iconv-lite.
 */
export function utf16Text(bytes: Uint8Array, littleEndian: boolean): string {
  if (bytes.length % 2 !== 0) return iconv.decode(Buffer.from(bytes), littleEndian ? 'utf-16le' : 'utf-16be');
  const le = littleEndian ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : Buffer.from(bytes).swap16();
  const text = le.toString('utf16le');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Per two-byte sequence (lead << 8 | trail): its UTF-16 unit, or NOT_FAST, or UNKNOWN before it is first met. The two
 * marks are surrogates, which no unit kept here is: 16 bits a sequence, half the table a wider type needs.
 */
const UNKNOWN = 0xd800;
const NOT_FAST = 0xd801;
const PAIR = new Uint16Array(0x10000).fill(UNKNOWN);

/** The UTF-16 unit iconv-lite reads `lead trail` as, when it is one character that encodes back to the same two bytes. */
function classifyPair(lead: number, trail: number): number {
  const bytes = Buffer.of(lead, trail);
  const text = iconv.decode(bytes, 'gb18030');
  const ok = text.length === 1 && text !== '\ufffd' && !(text >= '\ud800' && text <= '\udfff') && Buffer.compare(iconv.encode(text, 'gb18030'), bytes) === 0;
  const unit = ok ? text.charCodeAt(0) : NOT_FAST;
  PAIR[(lead << 8) | trail] = unit;
  return unit;
}

/** Whether iconv-lite reads (and writes) every ASCII byte as itself in GB18030: worked out once. */
const ASCII_IS_ITSELF = (() => {
  const ascii = Buffer.from(Array.from({ length: 0x80 }, (_, b) => b));
  const text = iconv.decode(ascii, 'gb18030');
  return text === String.fromCharCode(...ascii) && Buffer.compare(iconv.encode(text, 'gb18030'), ascii) === 0;
})();

/** The text is written as UTF-16 units in the machine's order, read back as UTF-16LE: only where that order is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Scratch space for the UTF-16 units, grown as needed. */
let scratch = new Uint16Array(1 << 15);

/**
 * The strict GB18030 reading of `bytes` (iconv-lite's, accepted only when it
 * round-trips and has no U+FFFD) when they are ASCII and two-byte characters
 * only; null when this path cannot tell (the plain path decides).
 */
export function fastStrictGb18030(bytes: Uint8Array): string | null {
  if (!ASCII_IS_ITSELF || !LITTLE_ENDIAN) return null;
  const n = bytes.length;
  if (scratch.length < n) scratch = new Uint16Array(n);
  const out = scratch;
  let i = 0;
  let j = 0;
  while (i < n) {
    // The known characters, without a call in the loop (V8 compiles it tighter); it stops at anything else.
    while (i < n) {
      const b = bytes[i]!;
      if (b < 0x80) {
        out[j++] = b;
        i++;
        continue;
      }
      if (i + 1 >= n) break;
      const unit = PAIR[(b << 8) | bytes[i + 1]!]!;
      if (unit === UNKNOWN || unit === NOT_FAST) break;
      out[j++] = unit;
      i += 2;
    }
    if (i >= n) break;
    // A lead byte at the end, or a pair not yet met or not fast.
    if (i + 1 >= n) return null;
    let unit = PAIR[(bytes[i]! << 8) | bytes[i + 1]!]!;
    if (unit === UNKNOWN) unit = classifyPair(bytes[i]!, bytes[i + 1]!);
    if (unit === NOT_FAST) return null;
    out[j++] = unit;
    i += 2;
  }
  const text = Buffer.from(out.buffer, out.byteOffset, j * 2).toString('utf16le');
  // iconv-lite drops a byte order mark at the start of what it decodes.
  return text.charCodeAt(0) === 0xfeff ? null : text;
}
