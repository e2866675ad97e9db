/**
 * Character tests the tokeniser runs on every line and cell, as table lookups
 * and charCode loops instead of regular expressions (each spelled-out test says
 * which expression it stands for).
 */

/** Which UTF-16 units JavaScript's \s (and String.prototype.trim) treats as whitespace, read from the engine itself. */
const IS_SPACE = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) IS_SPACE[c] = 1;

export function isSpaceCode(c: number): boolean {
  return IS_SPACE[c] === 1;
}

/** `s.trim() === ''`. */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (IS_SPACE[s.charCodeAt(i)] !== 1) return false;
  return true;
}

/** `/\s/.test(s)`. */
export function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (IS_SPACE[s.charCodeAt(i)] === 1) return true;
  return false;
}

/** An ASCII digit (what \d matches without the u flag). */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `/^\d+$/.test(s)`. */
export function isAllDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `/\d/.test(s)`. */
export function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** The dashes a not-applicable mark is made of: - — – ― */
function isDash(c: number): boolean {
  return c === 0x2d || c === 0x2014 || c === 0x2013 || c === 0x2015;
}

/** `/^(?:[/\\]|[-—–―]{1,2}|无|不适用|暂无|\*)$/.test(s)`: marks that stand for "not applicable" when they are the whole cell. */
export function isNotApplicable(s: string): boolean {
  const n = s.length;
  if (n === 1) {
    const c = s.charCodeAt(0);
    return c === 0x2f || c === 0x5c || c === 0x2a || c === 0x65e0 /* 无 */ || isDash(c);
  }
  if (n === 2) return (isDash(s.charCodeAt(0)) && isDash(s.charCodeAt(1))) || s === '暂无';
  return n === 3 && s === '不适用';
}

/** `/^[件个项条次家人]$/.test(s)`: count words that may follow a number in a cell. */
export function isCountWord(s: string): boolean {
  if (s.length !== 1) return false;
  const c = s.charCodeAt(0);
  // 件 个 项 条 次 家 人
  return c === 0x4ef6 || c === 0x4e2a || c === 0x9879 || c === 0x6761 || c === 0x6b21 || c === 0x5bb6 || c === 0x4eba;
}

/**
 * `/[\s"'“”‘’「」『』,，\u200b-\u200d\ufeff]/.test(s)`: a character normaliseForMatch would drop or
 * change in NFKC text (、 it keeps: commas become it).
 */
export function needsMatchNormalising(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (IS_SPACE[c] === 1) return true;
    if (c < 0x80) {
      if (c === 0x22 || c === 0x27 || c === 0x2c) return true;
    } else if (
      c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || // “ ” ‘ ’
      c === 0x300c || c === 0x300d || c === 0x300e || c === 0x300f || // 「 」 『 』
      c === 0xff0c || // ，
      (c >= 0x200b && c <= 0x200d) || c === 0xfeff
    ) return true;
  }
  return false;
}

/** `s.endsWith('元')`. */
export function endsWithYuan(s: string): boolean {
  return s.length > 0 && s.charCodeAt(s.length - 1) === 0x5143;
}


/** Bits of CHAR_CLASS: JavaScript whitespace, an ASCII digit, a character needsMatchNormalising looks for (besides whitespace). */
export const SPACE_BIT = 1;
export const DIGIT_BIT = 2;
export const NORMALISE_BIT = 4;

/** What a cell scan needs to know of each UTF-16 unit, in one lookup (see the bits above). */
export const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (IS_SPACE[c] === 1) CHAR_CLASS[c] = SPACE_BIT | NORMALISE_BIT;
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = DIGIT_BIT;
// " ' , “ ” ‘ ’ 「 」 『 』 ， and the zero-width characters (as in needsMatchNormalising)
for (const c of [0x22, 0x27, 0x2c, 0x201c, 0x201d, 0x2018, 0x2019, 0x300c, 0x300d, 0x300e, 0x300f, 0xff0c, 0x200b, 0x200c, 0x200d, 0xfeff]) CHAR_CLASS[c]! |= NORMALISE_BIT;

/** The code units of the text being scanned, reused from one text to the next (grown as needed). */
let unitBytes = Buffer.alloc(1 << 13);
let units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length >> 1);

/**
 * The UTF-16 code units of `text` (lone surrogates as they are), copied once by one native
 * write: reading a typed array costs less than charCodeAt in loops that visit every unit.
 * Two 0 units follow the text (where charCodeAt past its end gives NaN; no test here
 * takes either for anything). Valid until the next call.
 */
export function codeUnitsOf(text: string): Uint16Array {
  if (units.length < text.length + 2) {
    unitBytes = Buffer.alloc(Math.max(unitBytes.length * 2, (text.length + 2) * 4));
    units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length >> 1);
  }
  unitBytes.write(text, 0, 'utf16le');
  units[text.length] = 0;
  units[text.length + 1] = 0;
  return units;
}

/** Not classified yet (nfkcAsIs): filled in as units are met. */
const NFKC_UNKNOWN = 2;
const nfkcAsIs = new Uint8Array(0x10000).fill(NFKC_UNKNOWN);
// Units that are starters never joining the unit before them (ASCII, Latin-1, general
// punctuation, CJK punctuation without the tone marks 302A–302F, CJK ideographs).
const PLAIN_UNIT = /^[\u0000-\u00ff\u2000-\u206f\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff]$/;

/**
 * Whether NFKC leaves the first `length` units of `codes` as they are, told unit by unit:
 * true when each is a plain unit whose own NFKC is itself. Such a unit is a starter that
 * never composes with a neighbour, so the text's NFKC is its units' NFKC, one by one
 * (tests/unit/tables/scan.test.ts checks the table against String.prototype.normalize).
 * False means "normalize to know", not that the text changes.
 */
export function isNfkcAsIs(codes: Uint16Array, length: number): boolean {
  for (let i = 0; i < length; i++) {
    let a = nfkcAsIs[codes[i]!]!;
    if (a === NFKC_UNKNOWN) {
      const ch = String.fromCharCode(codes[i]!);
      a = PLAIN_UNIT.test(ch) && ch.normalize('NFKC') === ch ? 1 : 0;
      nfkcAsIs[codes[i]!] = a;
    }
    if (a === 0) return false;
  }
  return true;
}

/** Not classified yet (NFKC_UNIT): filled in as units are met. */
export const UNIT_UNKNOWN = 0xffff;
/**
 * Per unit: the one plain unit its NFKC is (itself for a plain unit whose NFKC is itself:
 * isNfkcAsIs), or 0 when its NFKC is anything else (several units, a unit that is not
 * plain, a lone surrogate); UNIT_UNKNOWN until met (see unitNfkc).
 */
export const NFKC_UNIT = new Uint16Array(0x10000).fill(UNIT_UNKNOWN);

/** NFKC_UNIT[c], worked out when not yet known. */
export function unitNfkc(c: number): number {
  let d = NFKC_UNIT[c]!;
  if (d === UNIT_UNKNOWN) {
    const n = String.fromCharCode(c).normalize('NFKC');
    d = n.length === 1 && isNfkcAsIs(Uint16Array.of(n.charCodeAt(0)), 1) ? n.charCodeAt(0) : 0;
    NFKC_UNIT[c] = d;
  }
  return d;
}

/**
 * The NFKC of the text whose first `length` units are in `codes`, told unit by unit, as
 * isNfkcAsIs does, when each unit's NFKC is one plain unit (（ → (, ： → :, U+3000 → space):
 * its decomposition is that plain unit's, so the text decomposes as the text of those plain
 * units does, and such a text is its own NFKC. Then `codes` is rewritten in place to those
 * units and 1 is returned (0 when none changed); else -1 (and `codes` is as it was):
 * normalize to know. (tests/unit/tables/scan.test.ts checks it against String.prototype.normalize.)
 */
export function nfkcByUnits(codes: Uint16Array, length: number): number {
  let first = -1;
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    let d = NFKC_UNIT[c]!;
    if (d === UNIT_UNKNOWN) d = unitNfkc(c);
    if (d === c) continue;
    if (d === 0) return -1;
    if (first < 0) first = i;
  }
  if (first < 0) return 0;
  for (let i = first; i < length; i++) codes[i] = NFKC_UNIT[codes[i]!]!;
  return 1;
}

/** The text of the first `length` units codeUnitsOf last gave (as nfkcByUnits may have rewritten them). */
export function textOfUnits(length: number): string {
  return unitBytes.toString('utf16le', 0, length * 2);
}
