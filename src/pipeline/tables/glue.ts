/**
 * Digits glued across cells: every split of a row's printed number tokens into
 * exactly the template row's cells (sign on a token's first piece, money unit
 * on its last, no leading zeros within a split), bounded, pruned by the row's
 * own identities when there are too many to list. readRow (split.ts) asks for
 * these readings when a row printed fewer values than it has cells.
 */
import { isDigitCode } from './scan.ts';
import type { ColumnRules, RowIdentity, Slot, SourcedPiece, ValueToken } from './split.ts';
import { BLANK_PIECE, MAX_DIGITS, pieceOf, sourcedPiece, type Piece } from './values.ts';
import { mapList } from '../packed.ts';

/** Readings listed at most for one row: a row with more is not guessed at. */
export const MAX_READINGS = 20_000;
/** Partial splits visited at most when the row's identities prune them. */
const MAX_VISITS = 400_000;

/** A printed value token as a cell piece (as printed: no split). */
export function tokenPiece(t: ValueToken): Piece {
  if (t.kind === 'blank') return BLANK_PIECE;
  if (t.kind === 'na') return { raw: t.raw, kind: 'na', value: null, unit: null };
  return pieceOf(t.raw);
}

/** A printed number with a sign: it stands only in a signed column (本年增/减). */
const isSignedRaw = (raw: string): boolean => raw[0] === '-' || raw[0] === '+';
/** A printed number with decimals or a money unit: it stands only in an amount column. */
const isAmountRaw = (raw: string): boolean => raw.includes('.') || raw.endsWith('元');

/** Whether a piece may stand in this column: a sign only where signed, decimals or a unit only in amounts. */
export function fits(piece: Piece, col: number, rules: ColumnRules): boolean {
  if (piece.kind !== 'num') return true;
  const raw = piece.raw;
  if (isSignedRaw(raw) && !rules.signed(col)) return false;
  if (isAmountRaw(raw) && !rules.decimal(col)) return false;
  return true;
}

/** Whether fits(piece, …) can be false in some column: a number printed with a sign, decimals or a unit. */
function mayNotFit(piece: Piece): boolean {
  return piece.kind === 'num' && (isSignedRaw(piece.raw) || isAmountRaw(piece.raw));
}

// A whole number token of two or more digits with a leading zero ("00", "012").
const ZERO_LED = /^0\d+$/;

// One cell's digits: 0, or no leading zero; a decimal point only between digits.
export function validPiece(p: string): boolean {
  // /^(?:0|[1-9]\d*)(?:\.\d+)?$/ spelled out: it runs on every split tried.
  const n = p.length;
  if (n === 0) return false;
  let i = 0;
  const c = p.charCodeAt(0);
  if (c === 48) i = 1;
  else if (c >= 49 && c <= 57) {
    i = 1;
    while (i < n && isDigitCode(p.charCodeAt(i))) i++;
  } else return false;
  if (i === n) return true;
  if (p.charCodeAt(i) !== 46 || i + 1 === n) return false;
  for (i++; i < n; i++) if (!isDigitCode(p.charCodeAt(i))) return false;
  return true;
}

/** False when a row identity completed by the cells from `from` on does not hold (cells without a number aside). */
function holdsSoFar(acc: Slot[], from: number, identities: readonly RowIdentity[]): boolean {
  for (const id of identities) {
    const last = lastColumn(id);
    if (last < from || last >= acc.length) continue;
    let sum = 0;
    let usable = true;
    for (const c of id.left) {
      const slot = acc[c];
      if (!slot || slot.kind !== 'num' || slot.value === null) usable = false;
      else sum += slot.value;
    }
    for (const c of id.right) {
      const slot = acc[c];
      if (!slot || slot.kind !== 'num' || slot.value === null) usable = false;
      else sum -= slot.value;
    }
    if (usable && Math.abs(sum) > 1e-9) return false;
  }
  return true;
}

/** The last column an identity names (worked out once per identity). */
const LAST_COLUMN = new WeakMap<RowIdentity, number>();
function lastColumn(id: RowIdentity): number {
  let last = LAST_COLUMN.get(id);
  if (last === undefined) {
    last = Math.max(...id.left, ...id.right);
    LAST_COLUMN.set(id, last);
  }
  return last;
}

/** Digits in a text (what `s.replace(/\D/g, '').length` counts). */
function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** A number token's parts for splitting: sign, digits (decimal point kept, thousands commas dropped), money unit. */
interface GluedNumber {
  sign: string;
  body: string;
  unit: string;
  /** A whole token of digits with a leading zero ("00"), when such a token may also be one cell. */
  zeroLed: boolean;
  /** Where the token's slots start in the cut-piece cache (see pieceSlots). */
  slots: number;
}

/** Slots per start position of a token's digits: one per cut length, 1 to MAX_DIGITS + 1 (see cut). */
const CUT_STRIDE = MAX_DIGITS + 2;

/**
 * The pieces cut from glued tokens, by slot (token's `slots` + from × CUT_STRIDE + length), and
 * whether each may not fit some column (mayNotFit): made once per glueReadings call (its `cutCall`,
 * kept in the slot's stamp), in buffers reused from one call to the next instead of a Map per token.
 */
let cutStamp = new Int32Array(1024);
let cutPiece: (SourcedPiece | null)[] = new Array<SourcedPiece | null>(1024).fill(null);
let cutMayNotFit = new Uint8Array(1024);
let cutCall = 0;

/**
 * Slots in the buffers at most: a longer digit run's pieces (as a huge run of digits may
 * give: bounded by MAX_VISITS, not by its length) are kept in a Map of the slots met.
 */
const KEPT_SLOTS = 1 << 16;

/** A new call's stamp, with room for `size` slots (older calls' slots are then stale); false when `size` is over KEPT_SLOTS. */
function pieceSlots(size: number): boolean {
  if (size > KEPT_SLOTS) return false;
  if (cutStamp.length < size) {
    const grown = Math.min(KEPT_SLOTS, Math.max(size, cutStamp.length * 2));
    cutStamp = new Int32Array(grown);
    cutPiece = new Array<SourcedPiece | null>(grown).fill(null);
    cutMayNotFit = new Uint8Array(grown);
    cutCall = 0;
  }
  if (cutCall === 0x7fffffff) {
    cutStamp.fill(0);
    cutCall = 0;
  }
  cutCall += 1;
  return true;
}

// sign, digits (with a decimal point or thousands commas), money unit
const GLUED_NUMBER = /^([+-]?)([\d.,]+)(万元|元)?$/;

/**
 * Every split of the glued tokens into exactly n cells, one cell at a time
 * (sign on a token's first piece, money unit on its last, no leading zeros
 * within a split; with `zeroWhole`, a whole token printed with a leading
 * zero, "00", is also read as one cell).
 * When there are too many to list and the rules give row identities, a partial
 * split that breaks one is dropped at once (then `pruned`). Not `complete`
 * when there are still too many to weigh.
 */
export function glueReadings(
  values: ValueToken[],
  n: number,
  rules: ColumnRules,
  out: Slot[][],
  zeroWhole = false,
): { complete: boolean; pruned: boolean } {
  // Upper bound on the splits before enumerating any: n − tokens more cuts among the digits' inner gaps.
  const gaps = values.reduce((g, t) => g + (t.kind === 'num' ? Math.max(digitCount(t.raw) - 1, 0) : 0), 0);
  // The row's identities prune only a run with too many splits to list them all; a shorter one lists every split.
  const identities = binomialAtMost(gaps, n - values.length, MAX_READINGS) > MAX_READINGS ? (rules.identities ?? []) : [];
  if (identities.length === 0 && binomialAtMost(gaps, n - values.length, MAX_READINGS) > MAX_READINGS) return { complete: false, pruned: false };
  const { glued, whole, slots } = gluedTokens(values, zeroWhole);
  const buffered = pieceSlots(slots);
  const stamp = cutCall;
  // Pieces by slot when the buffers cannot hold them all.
  const unbuffered = buffered ? null : new Map<number, SourcedPiece | null>();
  /** The piece cut from token ti's digits [from, end), or null when no cell may be printed so; each made once. */
  const cutOf = (ti: number, g: GluedNumber, from: number, end: number): SourcedPiece | null => {
    const last = end === g.body.length;
    const part = g.body.slice(from, end);
    return !validPiece(part) && !(g.zeroLed && from === 0 && last) ? null : sourcedPiece(pieceOf(`${from === 0 ? g.sign : ''}${part}${last ? g.unit : ''}`), ti);
  };
  // Whether the piece pieceAt gave last may not fit some column (mayNotFit).
  let lastMayNotFit = false;
  const pieceAt = (ti: number, g: GluedNumber, from: number, end: number): SourcedPiece | null => {
    const slot = g.slots + from * CUT_STRIDE + (end - from);
    if (unbuffered !== null) {
      let piece = unbuffered.get(slot);
      if (piece === undefined) unbuffered.set(slot, (piece = cutOf(ti, g, from, end)));
      lastMayNotFit = piece !== null && mayNotFit(piece);
      return piece;
    }
    if (cutStamp[slot] !== stamp) {
      const piece = cutOf(ti, g, from, end);
      cutStamp[slot] = stamp;
      cutPiece[slot] = piece;
      cutMayNotFit[slot] = piece !== null && mayNotFit(piece) ? 1 : 0;
    }
    lastMayNotFit = cutMayNotFit[slot] === 1;
    return cutPiece[slot]!;
  };
  let visits = 0;
  let pruned = false;
  // Whether partial splits are checked against the row's identities (read once: the list's array kind varies).
  const pruning = identities.length > 0;
  // The split being built, one cell per entry; a complete one is copied out.
  const acc: Slot[] = [];
  /** Adds one cell, then goes on with `ti` (cells cut from token ti's digits from `from`, `left` allowed, or the next token when from < 0); false when the enumeration must stop. */
  const place = (piece: SourcedPiece, checkFit: boolean, ti: number, from: number, left: number): boolean => {
    visits += 1;
    if (visits > MAX_VISITS) return false;
    const col = acc.length;
    // (fits holds in every column for a piece that mayNotFit says cannot fail it.)
    if (checkFit && !fits(piece, col, rules)) return true;
    acc.push(piece);
    if (pruning && !holdsSoFar(acc, col, identities)) {
      pruned = true;
      acc.pop();
      return true;
    }
    const going = from < 0 ? walk(ti + 1) : cut(ti, from, left);
    acc.pop();
    return going;
  };
  const walk = (ti: number): boolean => {
    if (ti === values.length) {
      if (acc.length === n) out.push(acc.slice());
      return out.length <= MAX_READINGS;
    }
    const cellsLeft = n - acc.length - (values.length - ti - 1);
    if (cellsLeft < 1) return true;
    const g = glued[ti];
    if (!g) return place(whole[ti]!, true, ti, -1, 0);
    return cut(ti, 0, cellsLeft);
  };
  /** Cells cut from token ti, from position `from` of its digits, with `left` cells still allowed. */
  const cut = (ti: number, from: number, left: number): boolean => {
    const g = glued[ti]!;
    const body = g.body;
    // No cell has more than MAX_DIGITS digits (and a decimal point): this bounds the loop on a huge digit run.
    const maxEnd = Math.min(body.length, from + MAX_DIGITS + 1);
    for (let end = from + 1; end <= maxEnd; end++) {
      const last = end === body.length;
      if (!last && left === 1) continue;
      const piece = pieceAt(ti, g, from, end);
      if (piece === null) continue;
      if (!place(piece, lastMayNotFit, ti, last ? -1 : end, left - 1)) return false;
    }
    return true;
  };
  const complete = walk(0);
  return { complete, pruned };
}

/**
 * Each token read once: its parts when it is a number to split (glued), else the one piece
 * it is (whole); the other list holds null there.
 */
function gluedTokens(values: ValueToken[], zeroWhole: boolean): { glued: (GluedNumber | null)[]; whole: (SourcedPiece | null)[]; slots: number } {
  const glued: (GluedNumber | null)[] = [];
  const whole: (SourcedPiece | null)[] = [];
  let slots = 0;
  for (let ti = 0; ti < values.length; ti++) {
    const t = values[ti]!;
    const m = t.kind === 'num' ? GLUED_NUMBER.exec(t.raw) : null;
    if (m) {
      const body = m[2]!.replace(/,/g, '');
      glued.push({ sign: m[1]!, body, unit: m[3] ?? '', zeroLed: zeroWhole && ZERO_LED.test(body), slots });
      // A cut starts before the body's end and is 1 to MAX_DIGITS + 1 long.
      slots += body.length * CUT_STRIDE;
      whole.push(null);
    } else {
      glued.push(null);
      whole.push(sourcedPiece(tokenPiece(t), ti));
    }
  }
  return { glued, whole, slots };
}

function valueKey(reading: Slot[]): string {
  return mapList(reading, (s) => (s === null ? '?' : s.kind === 'num' ? String(s.value) : '-')).join(',');
}

/**
 * A token printed with a leading zero ("00") is evidence of gluing, but not of
 * how much: it may be several cells, or one cell's digits printed twice. The
 * readings that take it as one cell are added when the row's identities do
 * not already single out one reading among the usual splits (none survives, or
 * one of these survives with other values): the arithmetic then chooses, or,
 * with none or several left, the cells are unreadable. When they add nothing
 * the row's own total accepts, they are left out, so they cannot unsettle a
 * row the usual splits decide.
 */
export function zeroLedReadings(values: ValueToken[], n: number, rules: ColumnRules, out: Slot[][]): void {
  const identities = rules.identities ?? [];
  if (identities.length === 0 || !values.some((t) => t.kind === 'num' && ZERO_LED.test(t.raw))) return;
  const all: Slot[][] = [];
  if (!glueReadings(values, n, rules, all, true).complete) return;
  const extra = all.filter((r) => r.some((s) => s !== null && ZERO_LED.test(s.raw)));
  if (extra.length === 0) return;
  const holds = (r: Slot[]): boolean => holdsSoFar(r, 0, identities);
  const accepted = new Set(out.filter(holds).map(valueKey));
  const adds = extra.filter(holds).some((r) => !accepted.has(valueKey(r)));
  if (accepted.size === 0 || adds) out.push(...extra);
}

/** C(n, k), or a number above cap as soon as it exceeds cap. */
function binomialAtMost(n: number, k: number, cap: number): number {
  if (k < 0 || k > n) return 0;
  // C(n, k) = C(n, m) with m the smaller of k and n − k: the product of (n − m + i) / i for i = 1…m.
  const m = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= m; i++) {
    c = (c * (n - m + i)) / i;
    if (c > cap) return cap + 1;
  }
  return Math.round(c);
}
