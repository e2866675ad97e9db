/** Cell values: numbers as printed → numbers, money units → yuan. */

export interface Piece {
  /** What the report printed for this cell (one piece of a glued run when split). */
  raw: string;
  /** `unreadable`: digits printed that no cell can hold as printed (over MAX_DIGITS). */
  kind: 'num' | 'na' | 'blank' | 'unreadable';
  value: number | null;
  /** 元 / 万元 when printed in the cell. */
  unit: string | null;
}

// A whole number cell: sign, digits (thousands separators allowed), decimals, money unit.
const NUMBER = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万元|元)?$/;

/** Most digits a cell's number may have (2^53 ≈ 9.007e15). */
export const MAX_DIGITS = 15;

/** True when `raw` is 1 to MAX_DIGITS ASCII digits and nothing else: most cells, read without the regular expression. */
function isPlainDigits(raw: string): boolean {
  if (raw.length === 0 || raw.length > MAX_DIGITS) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function parseNumber(raw: string): { value: number; unit: string | null; signed: boolean; decimal: boolean } | null {
  if (isPlainDigits(raw)) return { value: Number(raw), unit: null, signed: false, decimal: false };
  const m = NUMBER.exec(raw);
  if (!m) return null;
  const digits = m[2]!.replace(/,/g, '');
  // A double holds at most 15 significant digits exactly: a longer run is not a number we could report as printed.
  if (digits.replace('.', '').length > MAX_DIGITS) return null;
  const value = Number(m[1] === '-' ? `-${digits}` : digits);
  if (!Number.isFinite(value)) return null;
  return { value, unit: m[3] ?? null, signed: m[1] !== '', decimal: digits.includes('.') };
}

/** Amount in a unit → yuan, shifting the decimal point in the string so 671.422 万元 is exactly 6714220. */
export function toYuan(value: number, unit: string | null): number {
  if (unit !== '万元') return value;
  // Most amounts have at most four decimals: n = |value| × 10⁴ rounded is then the shifted digits, and
  // n / 10⁴ giving |value| back proves it (below 10¹¹ an ulp is under 10⁻⁴, so no other decimal of four
  // places rounds to the same double, and n is exact), without a string made, split and parsed per amount.
  const abs = Math.abs(value);
  if (abs < 1e11) {
    const n = Math.round(abs * 10000);
    if (n / 10000 === abs) return value < 0 ? -n : n;
  }
  const s = String(abs);
  if (/e/i.test(s)) return value * 10000;
  const [int, frac = ''] = s.split('.');
  const padded = (frac + '0000').slice(0, 4);
  const rest = frac.slice(4);
  const yuan = Number(`${int}${padded}${rest ? `.${rest}` : ''}`);
  return value < 0 ? -yuan : yuan;
}

/** Yuan → the unit it was printed in, as a plain decimal string (inverse of toYuan). */
export function fromYuan(value: number, unit: string | null): string {
  if (unit !== '万元') return String(value);
  const neg = value < 0;
  const s = String(Math.abs(value));
  if (/e/i.test(s)) return String(value / 10000);
  const [int, frac = ''] = s.split('.');
  const whole = int!.padStart(5, '0');
  const head = whole.slice(0, -4).replace(/^0+(?=\d)/, '');
  const tail = (whole.slice(-4) + frac).replace(/0+$/, '');
  return `${neg ? '-' : ''}${head}${tail ? `.${tail}` : ''}`;
}

/**
 * Pieces of plain digits, made once per text: most cells print a few small numbers
 * again and again, and nothing changes a piece once made. Bounded. Numbers of at most
 * four digits without a leading zero are found by value (no string hashing); others by text.
 */
const SMALL_PIECES: (Piece | undefined)[] = new Array(10_000).fill(undefined);
const PLAIN_PIECES = new Map<string, Piece>();

/** The value of 1–4 ASCII digits without a leading zero (or "0"), else −1. */
function smallValue(raw: string): number {
  const n = raw.length;
  if (n === 0 || n > 4) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return n > 1 && raw.charCodeAt(0) === 48 ? -1 : v;
}

export function pieceOf(raw: string): Piece {
  const small = smallValue(raw);
  if (small >= 0) {
    let piece = SMALL_PIECES[small];
    if (piece === undefined) {
      piece = { raw, kind: 'num', value: small, unit: null };
      SMALL_PIECES[small] = piece;
    }
    return piece;
  }
  // Most other cells: plain digits, read without the regular expression.
  if (isPlainDigits(raw)) {
    let piece = PLAIN_PIECES.get(raw);
    if (piece === undefined) {
      piece = { raw, kind: 'num', value: Number(raw), unit: null };
      if (PLAIN_PIECES.size < 10_000) PLAIN_PIECES.set(raw, piece);
    }
    return piece;
  }
  const n = parseNumber(raw);
  if (!n) return { raw, kind: NUMBER.test(raw) ? 'unreadable' : 'na', value: null, unit: null };
  return { raw, kind: 'num', value: n.value, unit: n.unit };
}

/**
 * A piece with the index of the printed token it came from: its fields copied
 * one by one in one order (not spread), so every such object has one shape
 * whichever kind of piece it copies.
 */
export function sourcedPiece(p: Piece, source: number): Piece & { source: number } {
  return { raw: p.raw, kind: p.kind, value: p.value, unit: p.unit, source };
}

/*
 * Primed: made once with nulls, then with a fraction and a unit, at load. V8 types an object shape's
 * fields by the first values it sees: a shape first seen holding whole numbers is retyped when a later
 * report prints a decimal or leaves a cell empty, and the optimised code that read it is thrown away and
 * compiled again. Typed for any value from the start, the shape never changes. (Output is unchanged: the
 * same fields in the same order.)
 */
sourcedPiece({ raw: '', kind: 'na', value: null, unit: null }, 0);
sourcedPiece({ raw: '', kind: 'num', value: 0.5, unit: '元' }, 0);

export const BLANK_PIECE: Piece = { raw: '', kind: 'blank', value: null, unit: null };
// Primed at load, as sourcedPiece is above: after BLANK_PIECE's nulls, a fraction with a unit (nothing cached).
pieceOf('0.5万元');
