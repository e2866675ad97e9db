/**
 * One cell's text → tokens: numbers (a sign, thousands commas, decimals and a
 * money unit kept with them), not-applicable marks, and labels with their
 * normalised form for matching. Char-code scans: this runs on every cell.
 */
import { normaliseForMatch } from '../normalize.ts';
import { CHAR_CLASS, DIGIT_BIT, NORMALISE_BIT, SPACE_BIT, endsWithYuan, hasDigit, isAllDigits, isCountWord, isDigitCode, isNotApplicable, isSpaceCode, needsMatchNormalising } from './scan.ts';
import type { Token } from './tokens.ts';
import type { TokenSink } from './token-sink.ts';

/**
 * Kept by tokenise while it runs: where the current line's tokens start, and
 * whether a unit or count word at a line's start was joined to (or dropped
 * after) the token before the line. Only then can blank tokens at line starts
 * (which depend on the blank-line runs) change a label or value token.
 */
export interface LineState {
  lineStart: number;
  leansOnPreviousLine: boolean;
}

/** Tokens of one piece of text that has no whitespace (and no cell separators) left in it. */
export function tokenisePiece(piece: string, out: TokenSink, state?: LineState): void {
  if (piece === '') return;
  if (isNotApplicable(piece)) {
    out.list[out.count++] = makeToken('na', piece, undefined, undefined);
    return;
  }
  // Fast paths for the usual cells: a bare number, or text without digits.
  if (isAllDigits(piece)) {
    out.list[out.count++] = makeToken('num', piece, undefined, undefined);
    return;
  }
  if (!hasDigit(piece)) {
    pushText(piece, out, state);
    return;
  }
  let last = 0;
  for (let end = nextNumber(piece, 0); end >= 0; end = nextNumber(piece, end)) {
    const start = matchStart;
    let rawEnd = end;
    // "2." right before a label is the label's list number, not a value; "00000002.其他" keeps "0000000".
    if (listNumberAfter(piece, end) && isSignedInteger(piece, start, end)) {
      const c = piece.charCodeAt(start);
      if (end - start - (c === 43 || c === 45 ? 1 : 0) === 1) continue;
      rawEnd = end - 1;
    }
    if (start > last) pushText(piece.slice(last, start), out, state);
    out.list[out.count++] = makeToken('num', piece.slice(start, rawEnd), undefined, undefined);
    last = rawEnd;
  }
  if (last < piece.length) pushText(last === 0 ? piece : piece.slice(last), out, state);
}

/** A token, with all four fields in one order whatever its kind (see Token, tokens.ts). */
export function makeToken(kind: Token['kind'], raw: string | undefined, text: string | undefined, norm: string | undefined): Token {
  return { kind, raw, text, norm } as Token;
}

/** The one blank-cell token: it has nothing that could differ, and nothing changes it. */
export const BLANK_TOKEN: Token = makeToken('blank', undefined, undefined, undefined);

/** Where the last match nextNumber found starts. */
let matchStart = 0;

/** `,ddd` at p: a thousands group. */
function isGroupAt(s: string, p: number): boolean {
  // (Bounds checked first: a read past the end would make V8 deoptimise the scan once more.)
  return p + 3 < s.length && s.charCodeAt(p) === 44 && isDigitCode(s.charCodeAt(p + 1)) && isDigitCode(s.charCodeAt(p + 2)) && isDigitCode(s.charCodeAt(p + 3));
}

/**
 * The next match of NUMBER_PIECE, /[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元)?/, in s from
 * `from`: its end (its start in matchStart), or -1. A scan of char codes: most cells are short
 * and this runs on every cell with a digit in it.
 */
function nextNumber(s: string, from: number): number {
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    let d = i;
    if (c === 43 || c === 45) {
      if (i + 1 >= n || !isDigitCode(s.charCodeAt(i + 1))) continue;
      d = i + 1;
    } else if (c < 48 || c > 57) continue;
    matchStart = i;
    let p = d;
    while (p < n && isDigitCode(s.charCodeAt(p))) p++;
    // Thousands groups only after one to three digits (the regex's first alternative).
    if (p - d <= 3 && isGroupAt(s, p)) {
      p += 4;
      while (isGroupAt(s, p)) p += 4;
    }
    if (p + 1 < n && s.charCodeAt(p) === 46 && isDigitCode(s.charCodeAt(p + 1))) {
      p += 2;
      while (p < n && isDigitCode(s.charCodeAt(p))) p++;
    }
    if (p + 1 < n && s.charCodeAt(p) === 0x4e07 && s.charCodeAt(p + 1) === 0x5143) p += 2; // 万元
    else if (p < n && s.charCodeAt(p) === 0x5143) p += 1; // 元
    return p;
  }
  return -1;
}

/** LIST_NUMBER_AFTER, /^[.．、](?=[^\d\s])/, at position p of s: what follows a list number. */
function listNumberAfter(s: string, p: number): boolean {
  // (At the end nothing follows: said first, as a read past the end makes V8 deoptimise the scan.)
  if (p >= s.length) return false;
  const c = s.charCodeAt(p);
  if (c !== 46 && c !== 0xff0e && c !== 0x3001) return false;
  if (p + 1 >= s.length) return false;
  const d = s.charCodeAt(p + 1);
  return !isDigitCode(d) && !isSpaceCode(d);
}

/** /^[+-]?\d+$/ on s.slice(start, end). */
function isSignedInteger(s: string, start: number, end: number): boolean {
  let i = start;
  const c = s.charCodeAt(i);
  if (c === 43 || c === 45) i++;
  if (i >= end) return false;
  for (; i < end; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}

type TextToken = Extract<Token, { kind: 'text' }>;

/**
 * A label or unit piece (no whitespace in it); `normalise`: whether needsMatchNormalising(t), when
 * the caller knows. The text token pushed, when it is one whatever comes before it (not a unit or
 * count word); else null.
 */
function pushText(t: string, out: TokenSink, state?: LineState, normalise?: boolean): TextToken | null {
  if (t === '') return null;
  const unit = t === '元' || t === '万元';
  const count = !unit && isCountWord(t);
  if (state && out.count === state.lineStart && (unit || count)) state.leansOnPreviousLine = true;
  // A money unit printed apart from its number ("7.522 万元") belongs to it.
  const prev = out.count > 0 ? out.list[out.count - 1] : undefined;
  if (unit && prev?.kind === 'num' && !endsWithYuan(prev.raw)) {
    // A new token: number tokens are shared (see numberToken), never changed.
    out.list[out.count - 1] = makeToken('num', prev.raw + t, undefined, undefined);
    return null;
  }
  // A count word printed after a number ("6件") says nothing the template does not.
  if (count && prev?.kind === 'num') return null;
  // The region is NFKC already: the rest of normaliseForMatch (quotes, commas, spaces) is enough.
  const norm = (normalise ?? needsMatchNormalising(t)) ? normaliseForMatch(t) : t;
  if (norm === '') return null;
  if (isNotApplicable(t)) {
    out.list[out.count++] = makeToken('na', t, undefined, undefined);
    return null;
  }
  const token = makeToken('text', undefined, t, norm) as TextToken;
  out.list[out.count++] = token;
  return unit || count ? null : token;
}

/**
 * Tokens of one cell, text[from, to) (`codes`: the text's code units): its whitespace-separated pieces (spaces, U+3000 after NFKC,
 * separate numbers; labels keep theirs for matching). One scan splits the pieces and learns, for
 * each, whether it is all digits, has any, and has a character normaliseForMatch would change.
 */
export function tokeniseCell(text: string, codes: Uint16Array, from: number, to: number, out: TokenSink, state?: LineState): void {
  let start = -1;
  let any = 0;
  let all = 0;
  let hash = 0;
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    const f = CHAR_CLASS[c]!;
    if ((f & SPACE_BIT) !== 0) {
      if (start >= 0) tokeniseRange(text, codes, start, i, any, all, hash, out, state);
      start = -1;
    } else if (start < 0) {
      start = i;
      any = f;
      all = f;
      hash = c;
    } else {
      any |= f;
      all &= f;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
  }
  if (start >= 0) tokeniseRange(text, codes, start, to, any, all, hash, out, state);
}

/**
 * Text tokens met before, by a hash of their code units: labels come back report after report,
 * and a piece found here is pushed without being cut out of the text again. One token per slot
 * (the latest), so the table stays this size. Only tokens pushText makes whatever came before
 * them are kept (labels with digits in them too, when the whole piece is one such token): the
 * same piece then always gives the same token.
 */
const INTERN_SLOTS = 1 << 13;
const interned: (TextToken | undefined)[] = new Array(INTERN_SLOTS).fill(undefined);

function internSlot(hash: number): number {
  return (hash ^ (hash >>> 13)) & (INTERN_SLOTS - 1);
}

/** Whether s is codes[from, to). */
function isUnits(s: string, codes: Uint16Array, from: number, to: number): boolean {
  if (s.length !== to - from) return false;
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) !== codes[from + k]) return false;
  return true;
}

/**
 * tokenisePiece of text[from, to) (no whitespace in it), given its CHAR_CLASS bits: `any` of
 * its characters have, and `all` of them have, and the hash of its code units (see interned).
 * A bare number (no mark is digits) and a text met before are pushed at once.
 */
function tokeniseRange(text: string, codes: Uint16Array, from: number, to: number, any: number, all: number, hash: number, out: TokenSink, state?: LineState): void {
  if ((all & DIGIT_BIT) !== 0) {
    out.list[out.count++] = numberToken(text, codes, from, to);
    return;
  }
  const slot = internSlot(hash);
  const known = interned[slot];
  if (known !== undefined && isUnits(known.text, codes, from, to)) {
    out.list[out.count++] = known;
    return;
  }
  const piece = from === 0 && to === text.length ? text : text.slice(from, to);
  if ((any & DIGIT_BIT) !== 0) {
    const before = out.count;
    tokenisePiece(piece, out, state);
    // A label that keeps its digits ("1.属于国家秘密"): one text token, the whole piece (no unit or
    // count word has a digit), which tokenisePiece makes so whatever came before it.
    if (out.count === before + 1) {
      const t = out.list[before]!;
      if (t.kind === 'text' && t.text === piece) interned[slot] = t;
    }
    return;
  }
  if (isNotApplicable(piece)) out.list[out.count++] = makeToken('na', piece, undefined, undefined);
  else {
    const token = pushText(piece, out, state, (any & NORMALISE_BIT) !== 0);
    if (token !== null) interned[slot] = token;
  }
}

/** Tokens of the numbers 0–9999 as printed without a leading zero, made once: most cells print one. */
const SMALL_NUMBERS: (Token | undefined)[] = new Array(10_000).fill(undefined);

/** The token of the digits text[from, to): a small number's shared token, else a new one. */
function numberToken(text: string, codes: Uint16Array, from: number, to: number): Token {
  const n = to - from;
  if (n > 4 || (n > 1 && codes[from] === 48)) return makeToken('num', text.slice(from, to), undefined, undefined);
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + codes[i]! - 48;
  let token = SMALL_NUMBERS[v];
  if (token === undefined) {
    token = makeToken('num', text.slice(from, to), undefined, undefined);
    SMALL_NUMBERS[v] = token;
  }
  return token;
}
