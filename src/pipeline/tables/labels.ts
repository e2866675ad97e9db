/**
 * Row labels found in a token stream, and the value tokens that follow each.
 * Labels are matched on the normalised text of consecutive text tokens, so a
 * label broken over lines ("结果\n维持"), wrapped onto the next PDF line or
 * glued to the header before it is still found. Fragments that are also
 * column headers (总计, 其他) must be a whole cell, and count only after a
 * row has been found by a longer label.
 */
import type { Token } from './tokens.ts';
import { emptyList } from '../packed.ts';

export interface RowDef {
  code: string;
  match: readonly string[];
}

export interface FoundRow {
  code: string;
  /** Token index where the label starts and just after it ends. */
  start: number;
  end: number;
  /** The values after the label: tokens[from, to), none of them text (see valuesOf). */
  from: number;
  to: number;
  /** Token index where the previous row's label ended: from there to `end` is this row's context (see contextOf). */
  contextFrom: number;
}

/** Fragments that are also column headers or group words; they match a whole cell only. */
const WHOLE_CELL_ONLY = new Set(['总计', '其他', '合计']);
// Numbering in front of a label: 三、 (一) 1. 2、 and combinations such as 三、(一)
const NUMBERING = /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])+/;

/**
 * Label hits of the findRows call running, in buffers reused from one call to the next
 * (grown as needed): hit h names row hitCode[h], covers tokens [hitStart[h], hitEnd[h]),
 * matched hitLen[h] units, and is a whole-cell fragment when hitWhole[h] is 1.
 */
let hitCount = 0;
const hitCode: string[] = [];
let hitStart = new Int32Array(256);
let hitEnd = new Int32Array(256);
let hitLen = new Int32Array(256);
let hitWhole = new Uint8Array(256);
/** Hit indexes in hit order (sortHits), then the picked ones (pickHits). */
let hitOrder = new Int32Array(256);

function addHit(code: string, start: number, end: number, len: number, whole: boolean): void {
  if (hitCount === hitStart.length) {
    const size = hitCount * 2;
    const grow = <A extends Int32Array | Uint8Array>(a: A, b: A): A => (b.set(a), b);
    hitStart = grow(hitStart, new Int32Array(size));
    hitEnd = grow(hitEnd, new Int32Array(size));
    hitLen = grow(hitLen, new Int32Array(size));
    hitWhole = grow(hitWhole, new Uint8Array(size));
    hitOrder = new Int32Array(size);
  }
  hitCode[hitCount] = code;
  hitStart[hitCount] = start;
  hitEnd[hitCount] = end;
  hitLen[hitCount] = len;
  hitWhole[hitCount] = whole ? 1 : 0;
  hitCount++;
}

export function coreOf(norm: string): string {
  return norm.replace(NUMBERING, '');
}

/** The whole-cell fragment (总计, 其他, 合计) a text is, numbering aside, or null: only a text ending in one can be. */
function wholeCellCore(norm: string): string | null {
  if (norm.length > 8 || norm.length < 2) return null;
  if (!endsWholeCellOnly(norm)) return null;
  const core = norm.length === 2 ? norm : coreOf(norm);
  return WHOLE_CELL_ONLY.has(core) ? core : null;
}

/** Whether a text ends in 总计, 其他 or 合计 (WHOLE_CELL_ONLY), tested on its last two char codes. */
function endsWholeCellOnly(norm: string): boolean {
  const a = norm.charCodeAt(norm.length - 2);
  const b = norm.charCodeAt(norm.length - 1);
  // 总计 合计 | 其他
  return b === 0x8ba1 ? a === 0x603b || a === 0x5408 : b === 0x4ed6 && a === 0x5176;
}

/** A run's joined text as code units, and the token index of each (grown as needed, reused). */
let runUnits = new Uint16Array(1024);
let owner = new Int32Array(1024);

function growRun(size: number): void {
  const units = new Uint16Array(Math.max(runUnits.length * 2, size));
  units.set(runUnits);
  runUnits = units;
  const grown = new Int32Array(units.length);
  grown.set(owner);
  owner = grown;
}

export function findRows(tokens: Token[], defs: readonly RowDef[]): FoundRow[] {
  const fragments = fragmentsOf(defs);
  const { wholeCodes } = fragments;
  hitCount = 0;
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]!.kind !== 'text') {
      i += 1;
      continue;
    }
    // A label alone (the next token that is not blank is no text): its fragments, found once per text.
    let next = i + 1;
    while (next < tokens.length && tokens[next]!.kind === 'blank') next++;
    if (next === tokens.length || tokens[next]!.kind !== 'text') {
      const norm = (tokens[i] as Extract<Token, { kind: 'text' }>).norm;
      const core = wholeCellCore(norm);
      if (core !== null) for (const code of wholeCodes.get(core) ?? []) addHit(code, i, i + 1, core.length, true);
      for (const m of fragmentsIn(norm, fragments)) addHit(m.code, i, i + 1, m.len, false);
      i = next;
      continue;
    }
    // A run of text tokens (blank cells inside it do not break it), its normalised texts joined.
    let length = 0;
    let j = i;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.kind === 'blank') continue;
      if (t.kind !== 'text') break;
      const norm = t.norm;
      if (length + norm.length > runUnits.length) growRun(length + norm.length);
      for (let k = 0; k < norm.length; k++) {
        runUnits[length] = norm.charCodeAt(k);
        owner[length] = j;
        length++;
      }
      const core = wholeCellCore(norm);
      if (core !== null) for (const code of wholeCodes.get(core) ?? []) addHit(code, j, j + 1, core.length, true);
    }
    runHits(length, fragments);
    i = j;
  }
  return rowsFrom(pickHits(), tokens);
}

interface Fragments {
  /** Fragments by their first UTF-16 unit, each list longest first (then in code-unit order). */
  byFirst: Map<number, Fragment[]>;
  /** 1 for a unit some fragment starts with. */
  starts: Uint8Array;
  /** Codes of the rows whose labels list a whole-cell fragment, in row order. */
  wholeCodes: Map<string, string[]>;
  /** Fragments found in a label alone, by its text (see fragmentsIn). */
  single: Map<string, readonly { code: string; len: number }[]>;
}

/** A label fragment and the row it names. */
interface Fragment {
  text: string;
  code: string;
}

/** Per row list, every fragment that may match inside a label, longest first, by first character. */
const FRAGMENTS = new WeakMap<readonly RowDef[], Fragments>();
function fragmentsOf(defs: readonly RowDef[]): Fragments {
  let cached = FRAGMENTS.get(defs);
  if (!cached) {
    const codeOf = new Map<string, string>();
    for (const def of defs) for (const f of def.match) if (!WHOLE_CELL_ONLY.has(f) && !codeOf.has(f)) codeOf.set(f, def.code);
    const byFirst = new Map<number, Fragment[]>();
    for (const f of [...codeOf.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
      const c = f.charCodeAt(0);
      const fragment = { text: f, code: codeOf.get(f)! };
      const list = byFirst.get(c);
      if (list) list.push(fragment);
      else byFirst.set(c, [fragment]);
    }
    const starts = new Uint8Array(0x10000);
    for (const c of byFirst.keys()) starts[c] = 1;
    const wholeCodes = new Map<string, string[]>();
    for (const w of WHOLE_CELL_ONLY) wholeCodes.set(w, defs.filter((d) => d.match.includes(w)).map((d) => d.code));
    cached = { byFirst, starts, wholeCodes, single: new Map() };
    FRAGMENTS.set(defs, cached);
  }
  return cached;
}

/** The fragments runHits finds in one label's text, by text (bounded): labels come back report after report. */
function fragmentsIn(norm: string, fragments: Fragments): readonly { code: string; len: number }[] {
  let found = fragments.single.get(norm);
  if (found === undefined) {
    if (norm.length > runUnits.length) growRun(norm.length);
    for (let k = 0; k < norm.length; k++) {
      runUnits[k] = norm.charCodeAt(k);
      owner[k] = 0;
    }
    // Found as hits after the call's own, then taken back out of the buffers.
    const first = hitCount;
    runHits(norm.length, fragments);
    const list: { code: string; len: number }[] = emptyList();
    for (let h = first; h < hitCount; h++) list.push({ code: hitCode[h]!, len: hitLen[h]! });
    hitCount = first;
    found = list;
    if (fragments.single.size < 20_000) fragments.single.set(norm, found);
  }
  return found;
}

/** Whether `f` is in runUnits at p (p + f.length ≤ length). */
function fragmentAt(f: string, p: number, length: number): boolean {
  if (p + f.length > length) return false;
  for (let k = 1; k < f.length; k++) if (runUnits[p + k] !== f.charCodeAt(k)) return false;
  return true;
}

/**
 * Leftmost-longest label fragments in a run's joined text (runUnits[0, length)): at
 * each position the longest fragment that starts there, then on after it (what one
 * regular expression of all fragments, longest first, finds with the g flag).
 */
function runHits(length: number, { byFirst, starts }: Fragments): void {
  let p = 0;
  while (p < length) {
    const c = runUnits[p]!;
    let matched = 0;
    if (starts[c] === 1) {
      for (const f of byFirst.get(c)!) {
        if (fragmentAt(f.text, p, length)) {
          const len = f.text.length;
          addHit(f.code, owner[p]!, owner[p + len - 1]! + 1, len, false);
          matched = len;
          break;
        }
      }
    }
    p += matched > 0 ? matched : 1;
  }
}

/**
 * The hits that make rows, in order: their indexes, hitOrder[0, count returned). Sorts the
 * call's hits, and lengthens a picked hit (hitEnd) that a later fragment of its label joins.
 */
function pickHits(): number {
  sortHits();
  let picked = 0;
  let k = 0;
  while (k < hitCount && hitWhole[hitOrder[k]!] === 1) k++;
  for (; k < hitCount; k++) {
    const h = hitOrder[k]!;
    const prev = picked > 0 ? hitOrder[picked - 1]! : -1;
    // Two fragments of one label (缴纳费用 … 收费通知), or a whole-cell hit inside a longer label.
    if (prev >= 0 && hitCode[prev] === hitCode[h] && hitStart[h]! <= hitEnd[prev]!) {
      hitEnd[prev] = Math.max(hitEnd[prev]!, hitEnd[h]!);
      continue;
    }
    if (prev >= 0 && hitStart[h]! < hitEnd[prev]!) continue;
    // (picked ≤ k: the picked indexes overwrite sorted ones already read.)
    hitOrder[picked++] = h;
  }
  return picked;
}

/** Hit order: by start, then end, then the longer first. */
function hitBefore(a: number, b: number): boolean {
  return hitStart[a]! < hitStart[b]! || (hitStart[a] === hitStart[b] && (hitEnd[a]! < hitEnd[b]! || (hitEnd[a] === hitEnd[b] && hitLen[a]! > hitLen[b]!)));
}

/**
 * The call's hits in hit order, in hitOrder, keeping the order of equal hits (as a stable
 * sort does): by insertion, as they come nearly in order (a run's whole-cell hits before its
 * fragments), when they are few.
 */
function sortHits(): void {
  for (let h = 0; h < hitCount; h++) hitOrder[h] = h;
  // (Many hits, as a long text of labels may give: the library sort, which is stable too.)
  if (hitCount > 64) {
    const sorted = Array.from(hitOrder.subarray(0, hitCount)).sort((a, b) => hitStart[a]! - hitStart[b]! || hitEnd[a]! - hitEnd[b]! || hitLen[b]! - hitLen[a]!);
    hitOrder.set(sorted);
    return;
  }
  for (let i = 1; i < hitCount; i++) {
    const h = hitOrder[i]!;
    let j = i - 1;
    if (!hitBefore(h, hitOrder[j]!)) continue;
    while (j >= 0 && hitBefore(h, hitOrder[j]!)) {
      hitOrder[j + 1] = hitOrder[j]!;
      j--;
    }
    hitOrder[j + 1] = h;
  }
}

/** The rows of the picked hits (pickHits), each with the values after its label. */
function rowsFrom(picked: number, tokens: Token[]): FoundRow[] {
  const rows: FoundRow[] = [];
  let contextFrom = 0;
  for (let n = 0; n < picked; n++) {
    const h = hitOrder[n]!;
    const stop = n + 1 < picked ? hitStart[hitOrder[n + 1]!]! : tokens.length;
    // Text before the row's values (a label wrapped onto the next line) is skipped; text after
    // them (the next header, a wrapped label's tail, prose) ends the row.
    let from = hitEnd[h]!;
    while (from < stop && tokens[from]!.kind === 'text') from++;
    let to = from;
    while (to < stop && tokens[to]!.kind !== 'text') to++;
    rows.push({ code: hitCode[h]!, start: hitStart[h]!, end: hitEnd[h]!, from, to, contextFrom });
    contextFrom = hitEnd[h]!;
  }
  // One row per code: the one that printed most values (a table row beats a sentence
  // that names the row), the first among equals. Most tables name each row once.
  if (!hasRepeatedCode(rows)) return rows;
  // Each code's chosen row by index, and the values each row printed.
  const best = new Map<string, number>();
  const printed: number[] = new Array(rows.length);
  let repeated = false;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    printed[k] = printedCount(tokens, r.from, r.to);
    const seen = best.get(r.code);
    if (seen === undefined) best.set(r.code, k);
    else {
      repeated = true;
      if (printed[k]! > printed[seen]!) best.set(r.code, k);
    }
  }
  return repeated ? rows.filter((r, k) => best.get(r.code) === k) : rows;
}

/** Whether two rows have one code (a few rows: compared pairwise). */
function hasRepeatedCode(rows: FoundRow[]): boolean {
  for (let k = 1; k < rows.length; k++) {
    const code = rows[k]!.code;
    for (let j = 0; j < k; j++) if (rows[j]!.code === code) return true;
  }
  return false;
}

/** The tokens in [from, to) that are not blank. */
function printedCount(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (tokens[k]!.kind !== 'blank') n++;
  return n;
}

/** A row's values as a list of their own (findRows keeps them as a range of the tokens). */
export function valuesOf(tokens: Token[], row: FoundRow): Exclude<Token, { kind: 'text' }>[] {
  return tokens.slice(row.from, row.to) as Exclude<Token, { kind: 'text' }>[];
}

/** Text tokens from the previous row's end to this label's end (headers, units), normalised and joined. */
export function contextOf(tokens: Token[], row: FoundRow): string {
  let context = '';
  for (let k = row.contextFrom; k < row.end; k++) {
    const t = tokens[k]!;
    if (t.kind === 'text') context += t.norm;
  }
  return context;
}
