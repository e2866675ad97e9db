/**
 * Lenient decoding for the decode stage: a file that is UTF-8 (or GB18030)
 * except for a few invalid byte sequences — a stray byte, a short fragment
 * pasted in another encoding, a last character cut in half — is read with
 * U+FFFD for each invalid sequence (a cut last character is dropped), within
 * the bounds below. Only used after every strict decoding has failed.
 */
import iconv from 'iconv-lite';

/**
 * Bounds of a repair. A stray byte or a burst of noise damages one place; a short
 * paste from a GBK page damages one place of a few dozen bytes. A file in another
 * encoding, or a broken conversion, is invalid in nearly every Chinese character:
 * thousands of places and a third of its bytes. So:
 * - at most 8 damaged places: more is a systematic fault, not a stray byte;
 * - invalid bytes under 0.5% of the file: 100 bytes of a 20 KB report, a paste of
 *   about 50 characters; beyond that a reader would get more garbage than text.
 */
export const MAX_DAMAGED_PLACES = 8;
export const MAX_INVALID_SHARE = 0.005;
/** Invalid sequences closer than this many bytes belong to one damaged place (one burst, one paste). */
const PLACE_GAP_BYTES = 8;

/** One sequence of the scan: valid, invalid (a maximal invalid subpart), or incomplete at the end of the file. */
interface Step {
  kind: 'valid' | 'invalid' | 'truncated';
  length: number;
}

/** UTF-8 per the WHATWG/Unicode "maximal subpart" rule, so the text equals TextDecoder's non-fatal output. */
function utf8Step(bytes: Uint8Array, i: number): Step {
  const b = bytes[i]!;
  if (b < 0x80) return { kind: 'valid', length: 1 };
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    // E0 A0.. excludes overlong forms; ED ..9F excludes surrogates.
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    // F0 90.. excludes overlong forms; F4 ..8F stays at or below U+10FFFF.
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return { kind: 'invalid', length: 1 };
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined) return { kind: 'truncated', length: k };
    if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return { kind: 'invalid', length: k };
  }
  return { kind: 'valid', length: need + 1 };
}

const inRange = (c: number | undefined, lo: number, hi: number): boolean => c !== undefined && c >= lo && c <= hi;

/** GB18030 by its byte structure: ASCII; lead 81–FE + trail 40–7E/80–FE; or 81–FE 30–39 81–FE 30–39. */
function gb18030Step(bytes: Uint8Array, i: number): Step {
  const b = bytes[i]!;
  if (b < 0x80) return { kind: 'valid', length: 1 };
  if (b === 0x80 || b === 0xff) return { kind: 'invalid', length: 1 };
  const c = bytes[i + 1];
  if (c === undefined) return { kind: 'truncated', length: 1 };
  if (inRange(c, 0x40, 0x7e) || inRange(c, 0x80, 0xfe)) return { kind: 'valid', length: 2 };
  if (!inRange(c, 0x30, 0x39)) return { kind: 'invalid', length: 1 };
  const d = bytes[i + 2];
  const e = bytes[i + 3];
  if (d === undefined || (inRange(d, 0x81, 0xfe) && e === undefined)) return { kind: 'truncated', length: bytes.length - i };
  return inRange(d, 0x81, 0xfe) && inRange(e, 0x30, 0x39) ? { kind: 'valid', length: 4 } : { kind: 'invalid', length: 1 };
}

export interface Repair {
  text: string;
  encoding: 'utf-8' | 'gb18030';
  /** Invalid sequences replaced by U+FFFD. */
  replaced: number;
  /** Bytes in those sequences and in a dropped last character. */
  invalidBytes: number;
  /** Damaged places (invalid sequences fewer than PLACE_GAP_BYTES apart count once). */
  places: number;
  /** Byte offset of the first invalid byte. */
  firstByte: number;
  /** Offset in `text` of the first U+FFFD or of the dropped end. */
  firstChar: number;
  /** Bytes of an incomplete last character that was dropped (0 when none). */
  droppedTail: number;
  /** Offsets in `text` of the U+FFFD characters this repair put there. */
  replacementsAt: number[];
}

// One decoder for every chunk: a call without `stream` starts afresh.
const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const DECODERS = {
  'utf-8': (chunk: Uint8Array) => LENIENT_UTF8.decode(chunk),
  gb18030: (chunk: Uint8Array) => iconv.decode(Buffer.from(chunk), 'gb18030'),
} as const;

/** Reads `bytes` as `encoding`, replacing what is invalid; stops early once past the bounds (then returns null). */
export function lenientDecode(bytes: Uint8Array, encoding: 'utf-8' | 'gb18030', offset = 0): Repair | null {
  const step = encoding === 'utf-8' ? utf8Step : gb18030Step;
  const decode = DECODERS[encoding];
  const maxInvalid = bytes.length * MAX_INVALID_SHARE;
  let text = '';
  let chunkStart = 0;
  let replaced = 0;
  let invalidBytes = 0;
  let replacedBytes = 0;
  let places = 0;
  let lastInvalidEnd = -Infinity;
  let firstByte = -1;
  let firstChar = -1;
  let droppedTail = 0;
  const replacementsAt: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const s = step(bytes, i);
    if (s.kind === 'valid') {
      i += s.length;
      continue;
    }
    text += decode(bytes.subarray(chunkStart, i));
    if (firstByte < 0) [firstByte, firstChar] = [offset + i, text.length];
    if (i - lastInvalidEnd >= PLACE_GAP_BYTES) places++;
    invalidBytes += s.length;
    if (s.kind === 'truncated') droppedTail = s.length;
    else {
      replacedBytes += s.length;
      // A cut last character (at most 3 bytes) is always dropped; only replaced bytes count towards the share.
      if (places > MAX_DAMAGED_PLACES || replacedBytes >= maxInvalid) return null;
      replacementsAt.push(text.length);
      text += '\ufffd';
      replaced++;
    }
    i += s.length;
    lastInvalidEnd = i;
    chunkStart = i;
  }
  if (firstByte < 0) return null;
  text += decode(bytes.subarray(chunkStart));
  return { text, encoding, replaced, invalidBytes, places, firstByte, firstChar, droppedTail, replacementsAt };
}

// A digit (ASCII or full-width) right beside the replaced bytes, or one separator away (12,� or �.5).
const DIGIT_BEFORE = /[0-9０-９][.,．，]?$/;
const DIGIT_AFTER = /^[.,．，]?[0-9０-９]/;

/**
 * Offset of a U+FFFD, or of a dropped last character, that touches a number, or -1. Bad bytes beside
 * digits may have been a digit or what tells a list number from a value: "1�2" would read as 1 and 2,
 * and "6." cut from "6.其他" as the value 6 — numbers the report never printed — so such a file is refused.
 */
export function replacementInNumber(repair: Repair): number {
  const { text } = repair;
  const before = (at: number) => DIGIT_BEFORE.test(text.slice(Math.max(0, at - 2), at));
  for (const at of repair.replacementsAt) {
    if (before(at) || DIGIT_AFTER.test(text.slice(at + 1, at + 3))) return at;
  }
  return repair.droppedTail > 0 && before(text.length) ? text.length : -1;
}

// Words of money: an amount (金额), a unit statement (单位) or a currency unit (元, 万元).
const MONEY_WORD = /金额|单位|元/;
/** Characters either side of a U+FFFD, on its own line, searched for a money word. */
const MONEY_WINDOW = 12;

/**
 * Offset of a U+FFFD near a word of money on its line, or -1. Damage there may have taken the unit of a
 * table header ("（单位：万元）"), and an amount read without its 万元 is 10,000 times too small: refused.
 */
export function replacementNearMoney(repair: Repair): number {
  const { text } = repair;
  for (const at of repair.replacementsAt) {
    const window = text.slice(Math.max(0, at - MONEY_WINDOW), at + 1 + MONEY_WINDOW);
    const rel = at - Math.max(0, at - MONEY_WINDOW);
    // Only the part of the window on the U+FFFD's own line.
    const line = window.slice(Math.max(window.lastIndexOf('\n', rel), window.lastIndexOf('\r', rel)) + 1).split(/[\r\n]/)[0]!;
    if (MONEY_WORD.test(line)) return at;
  }
  return -1;
}

/** The repair with the fewest damaged places, then fewest invalid bytes (UTF-8 first on a tie); null when none is in bounds. */
export function bestRepair(bytes: Uint8Array): Repair | null {
  const candidates = [lenientDecode(bytes, 'utf-8'), lenientDecode(bytes, 'gb18030')].filter((r): r is Repair => r !== null);
  candidates.sort((a, b) => a.places - b.places || a.invalidBytes - b.invalidBytes);
  return candidates[0] ?? null;
}
