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

/** `/[\s"'“”‘’「」『』,，、\u200b-\u200d\ufeff]/.test(s)`: a character normaliseForMatch would drop or change in NFKC text. */
export function needsMatchNormalising(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (IS_SPACE[c] === 1) return true;
    if (c < 0x80) {
      if (c === 0x22 || c === 0x27 || c === 0x2c) return true;
    } else if (
      c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || // “ ” ‘ ’
      c === 0x300c || c === 0x300d || c === 0x300e || c === 0x300f || // 「 」 『 』
      c === 0xff0c || c === 0x3001 || // ， 、
      (c >= 0x200b && c <= 0x200d) || c === 0xfeff
    ) return true;
  }
  return false;
}

/** `s.endsWith('元')`. */
export function endsWithYuan(s: string): boolean {
  return s.length > 0 && s.charCodeAt(s.length - 1) === 0x5143;
}

/**
 * What NFKC makes of each code unit the tables stage's text is mostly made of, when
 * that is one code unit that composes with nothing (0: ask String.prototype.normalize):
 * ASCII, CJK unified ideographs (no decomposition), common Chinese punctuation as
 * they are; full-width ASCII forms and the ideographic space as their ASCII. A text
 * of only these has as its NFKC form the units' forms in order: all are starters,
 * and no two of them compose.
 */
const NFKC_UNIT = new Uint16Array(0x10000);
for (let c = 0x01; c < 0x80; c++) NFKC_UNIT[c] = c;
for (let c = 0x4e00; c <= 0x9fff; c++) NFKC_UNIT[c] = c;
for (const c of [0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x3001, 0x3002, 0x3008, 0x3009, 0x300a, 0x300b, 0x300c, 0x300d, 0x300e, 0x300f, 0x3010, 0x3011]) {
  if (String.fromCharCode(c).normalize('NFKC') === String.fromCharCode(c)) NFKC_UNIT[c] = c;
}
for (const c of [0x3000, ...Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, i) => 0xff01 + i)]) {
  const n = String.fromCharCode(c).normalize('NFKC');
  if (n.length === 1 && n.charCodeAt(0) < 0x80) NFKC_UNIT[c] = n.charCodeAt(0);
}

/** `s.normalize('NFKC')`, without the call for text of the units NFKC_UNIT knows. */
export function toNfkc(s: string): string {
  const n = s.length;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const u = NFKC_UNIT[c]!;
    if (u === 0) return s.normalize('NFKC');
    if (u !== c) changed = true;
  }
  if (!changed) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const u = NFKC_UNIT[c]!;
    if (u === c) continue;
    out += s.slice(last, i) + String.fromCharCode(u);
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}
