/**
 * Row labels found in a token stream, and the value tokens that follow each.
 * Labels are matched on the normalised text of consecutive text tokens, so a
 * label broken over lines ("结果\n维持"), wrapped onto the next PDF line or
 * glued to the header before it is still found. Fragments that are also
 * column headers (总计, 其他) must be a whole cell, and count only after a
 * row has been found by a longer label.
 */
import type { Token } from './tokens.ts';

export interface RowDef {
  code: string;
  match: readonly string[];
}

export interface FoundRow {
  code: string;
  /** Token index where the label starts and just after it ends. */
  start: number;
  end: number;
  values: Exclude<Token, { kind: 'text' }>[];
  /** Text tokens from the previous row's end to this label's end (headers, units). */
  context: string;
}

/** Fragments that are also column headers or group words; they match a whole cell only. */
const WHOLE_CELL_ONLY = new Set(['总计', '其他', '合计']);
// Numbering in front of a label: 三、 (一) 1. 2、 and combinations such as 三、(一)
const NUMBERING = /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])+/;

interface Hit {
  code: string;
  start: number;
  end: number;
  len: number;
  whole: boolean;
}

export function coreOf(norm: string): string {
  return norm.replace(NUMBERING, '');
}

export function findRows(tokens: Token[], defs: readonly RowDef[]): FoundRow[] {
  const hits: Hit[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]!.kind !== 'text') {
      i += 1;
      continue;
    }
    // A run of text tokens (blank cells inside it do not break it).
    const owner: number[] = [];
    let joined = '';
    let j = i;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.kind === 'blank') continue;
      if (t.kind !== 'text') break;
      joined += t.norm;
      for (let k = 0; k < t.norm.length; k++) owner.push(j);
      if (t.norm.length <= 8) {
        const core = coreOf(t.norm);
        if (WHOLE_CELL_ONLY.has(core)) {
          for (const def of defs) if (def.match.includes(core)) hits.push({ code: def.code, start: j, end: j + 1, len: core.length, whole: true });
        }
      }
    }
    hits.push(...runHits(joined, owner, defs));
    i = j;
  }
  return rowsFrom(pickHits(hits), tokens);
}

/** One regex per row list: every fragment that may match inside a label, longest first. */
const FRAGMENTS = new WeakMap<readonly RowDef[], { re: RegExp; codeOf: Map<string, string> }>();
function fragmentsOf(defs: readonly RowDef[]) {
  let cached = FRAGMENTS.get(defs);
  if (!cached) {
    const codeOf = new Map<string, string>();
    for (const def of defs) for (const f of def.match) if (!WHOLE_CELL_ONLY.has(f) && !codeOf.has(f)) codeOf.set(f, def.code);
    // Fragments are literal text: escape regex metacharacters.
    const alternatives = [...codeOf.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((f) => f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    cached = { re: new RegExp(alternatives.join('|'), 'g'), codeOf };
    FRAGMENTS.set(defs, cached);
  }
  return cached;
}

/** Leftmost-longest label fragments in a run's joined text. */
function runHits(joined: string, owner: number[], defs: readonly RowDef[]): Hit[] {
  const { re, codeOf } = fragmentsOf(defs);
  const out: Hit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(joined); m !== null; m = re.exec(joined)) {
    const f = m[0];
    out.push({ code: codeOf.get(f)!, start: owner[m.index]!, end: owner[m.index + f.length - 1]! + 1, len: f.length, whole: false });
  }
  return out;
}

function pickHits(hits: Hit[]): Hit[] {
  const sorted = hits.slice().sort((a, b) => a.start - b.start || a.end - b.end || b.len - a.len);
  const firstLong = sorted.findIndex((h) => !h.whole);
  const out: Hit[] = [];
  for (const h of sorted.slice(Math.max(firstLong, 0))) {
    if (firstLong < 0) break;
    const prev = out[out.length - 1];
    // Two fragments of one label (缴纳费用 … 收费通知), or a whole-cell hit inside a longer label.
    if (prev && prev.code === h.code && h.start <= prev.end) {
      prev.end = Math.max(prev.end, h.end);
      continue;
    }
    if (prev && h.start < prev.end) continue;
    out.push({ ...h });
  }
  return out;
}

function rowsFrom(hits: Hit[], tokens: Token[]): FoundRow[] {
  const rows: FoundRow[] = [];
  let contextFrom = 0;
  hits.forEach((h, n) => {
    const stop = n + 1 < hits.length ? hits[n + 1]!.start : tokens.length;
    const values: FoundRow['values'] = [];
    for (let k = h.end; k < stop; k++) {
      const t = tokens[k]!;
      if (t.kind === 'text') {
        // Text after the row's values (the next header, a wrapped label's tail, prose) ends the row;
        // text before them (a label wrapped onto the next line) is skipped.
        if (values.length > 0) break;
        continue;
      }
      values.push(t);
    }
    const context = tokens
      .slice(contextFrom, h.end)
      .map((t) => (t.kind === 'text' ? t.norm : ''))
      .join('');
    contextFrom = h.end;
    rows.push({ code: h.code, start: h.start, end: h.end, values, context });
  });
  // One row per code: the one that printed most values (a table row beats a sentence
  // that names the row), the first among equals.
  const byCode = new Map<string, FoundRow>();
  const printed = (x: FoundRow) => x.values.filter((v) => v.kind !== 'blank').length;
  for (const r of rows) {
    const seen = byCode.get(r.code);
    if (!seen || printed(r) > printed(seen)) byCode.set(r.code, r);
  }
  return rows.filter((r) => byCode.get(r.code) === r);
}
