/**
 * Any table layout → one stream of tokens: text (labels), numbers, not-applicable
 * marks and blank cells. Layout differences end here: one cell per line, `|`
 * cells and filler rows, tab-separated rows, GFM pipe rows, HTML cells, space-
 * separated PDF text and digits glued to labels all give the same stream.
 */
import { spaceSeparated } from '../chars.ts';
import { normaliseForMatch } from '../normalize.ts';

export type Token =
  | { kind: 'text'; text: string; norm: string }
  | { kind: 'num'; raw: string }
  | { kind: 'na'; raw: string }
  | { kind: 'blank' };

// A page number line from PDF text: "- 4 -", "— 4 —", "第 4 页", "第4页 共9页".
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$/;
// A GFM delimiter row: | --- | :---: |
const GFM_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
// A number as printed: optional sign, digits (ASCII thousands separators allowed), optional decimals, optional money unit.
const NUMBER_PIECE = /[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元)?/g;
// Marks that stand for "not applicable" when they are the whole cell.
const NOT_APPLICABLE = /^(?:[/\\]|[-—–―]{1,2}|无|不适用|暂无|\*)$/;
const PLAIN_NUMBER = /^\d+$/;
// Count words that may follow a number in a cell: 件, 个, 项, 条, 次, 家, 人.
const COUNT_WORD = /^[件个项条次家人]$/;
const HAS_DIGIT = /\d/;
const HAS_SPACE = /\s/;
// What follows a list number: "1.属于国家秘密", "2、重复申请" (a dot then a non-digit).
const LIST_NUMBER_AFTER = /^[.．、](?=[^\d\s])/;

/**
 * Kept by tokenise while it runs: where the current line's tokens start, and
 * whether a unit or count word at a line's start was joined to (or dropped
 * after) the token before the line. Only then can blank tokens at line starts
 * (which depend on the blank-line runs) change a label or value token.
 */
interface LineState {
  lineStart: number;
  leansOnPreviousLine: boolean;
}

/** Tokens of one piece of text that has no cell separators left in it. */
export function tokeniseCell(cell: string, out: Token[], state?: LineState): void {
  const piece = cell.trim();
  if (piece === '') return;
  if (NOT_APPLICABLE.test(piece)) {
    out.push({ kind: 'na', raw: piece });
    return;
  }
  // Fast paths for the usual cells: a bare number, or text without digits.
  if (PLAIN_NUMBER.test(piece)) {
    out.push({ kind: 'num', raw: piece });
    return;
  }
  if (!HAS_DIGIT.test(piece)) {
    pushText(piece, out, state);
    return;
  }
  let last = 0;
  NUMBER_PIECE.lastIndex = 0;
  for (let m = NUMBER_PIECE.exec(piece); m !== null; m = NUMBER_PIECE.exec(piece)) {
    const start = m.index;
    let raw = m[0];
    // "2." right before a label is the label's list number, not a value; "00000002.其他" keeps "0000000".
    if (LIST_NUMBER_AFTER.test(piece.slice(start + raw.length)) && /^[+-]?\d+$/.test(raw)) {
      if (raw.replace(/^[+-]/, '').length === 1) continue;
      raw = raw.slice(0, -1);
    }
    pushText(piece.slice(last, start), out, state);
    out.push({ kind: 'num', raw });
    last = start + raw.length;
  }
  pushText(piece.slice(last), out, state);
}

function pushText(text: string, out: Token[], state?: LineState): void {
  const t = text.trim();
  if (t === '') return;
  if (state && out.length === state.lineStart && (t === '元' || t === '万元' || COUNT_WORD.test(t))) state.leansOnPreviousLine = true;
  // A money unit printed apart from its number ("7.522 万元") belongs to it.
  const prev = out[out.length - 1];
  if ((t === '元' || t === '万元') && prev?.kind === 'num' && !/元$/.test(prev.raw)) {
    prev.raw += t;
    return;
  }
  // A count word printed after a number ("6件") says nothing the template does not.
  if (COUNT_WORD.test(t) && prev?.kind === 'num') return;
  // The region is NFKC already: the rest of normaliseForMatch (quotes, commas, spaces) is enough.
  const norm = /[\s"'“”‘’「」『』,，、\u200b-\u200d\ufeff]/.test(t) ? normaliseForMatch(t) : t;
  if (norm === '') return;
  if (NOT_APPLICABLE.test(t)) {
    out.push({ kind: 'na', raw: t });
    return;
  }
  out.push({ kind: 'text', text: t, norm });
}

/** Cells of one line: tab- or pipe-separated when it has those, else one cell (spaces split later). */
function cellsOfLine(line: string): { cells: string[]; separated: boolean } {
  if (line.includes('\t')) return { cells: line.split('\t'), separated: true };
  if (line.includes('|')) {
    const parts = line.split('|');
    // Leading and trailing pipes are delimiters, not empty cells.
    if (parts.length > 0 && parts[0]!.trim() === '') parts.shift();
    if (parts.length > 0 && parts[parts.length - 1]!.trim() === '') parts.pop();
    return { cells: parts, separated: true };
  }
  return { cells: [line], separated: false };
}

// A line holding only a cell separator `|` (no leading space: " |" is an empty cell of the pipe-filler layout).
const BARE_SEPARATOR = /^\|[ \t]*$/;

/**
 * Empty cells before a row's label on its line (a rowspan group column, a
 * colspan filler in front of the label) hold no value of this row, and are
 * not the previous row's either: values follow their label. Dropped, so they
 * cannot shift the previous row's cells.
 */
function withoutLabelFillers(cells: string[]): string[] {
  const first = cells.findIndex((c) => c.trim() !== '');
  if (first <= 0) return cells;
  const probe: Token[] = [];
  tokeniseCell(cells[first]!.trim().split(/\s+/)[0]!, probe);
  return probe[0]?.kind === 'text' ? cells.slice(first) : cells;
}

/** HTML cell markup (when the html stage has not run) → `|` rows. */
function htmlCellsToPipes(text: string): string {
  if (!/<t[dh][\s>]/i.test(text)) return text;
  // A row opens a line with a leading pipe, so an empty first cell stays a cell; a cell end is a pipe.
  return text
    .replace(/<tr(?:\s[^>]{0,500})?>/gi, '\n|')
    .replace(/<\/t[dh]\s*>/gi, '|')
    .replace(/<\/tr\s*>|<br\s*\/?>/gi, '\n')
    // Any other tag, attributes included, carries no cell content.
    .replace(/<[^>]{0,500}>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The modal number of blank lines between two non-empty lines in a
 * one-cell-per-line layout; a longer gap means empty cells.
 */
function cellPitch(lines: string[]): number {
  const counts = new Map<number, number>();
  let blanks = -1;
  for (const line of lines) {
    if (line.trim() === '') {
      if (blanks >= 0) blanks += 1;
      continue;
    }
    if (blanks >= 0) counts.set(blanks, (counts.get(blanks) ?? 0) + 1);
    blanks = 0;
  }
  let best = 0;
  let bestCount = 0;
  for (const [gap, count] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
    if (count > bestCount) {
      best = gap;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Lines that continue a tab-separated row cut by a page break: after one or
 * more blank (or page-number) lines, a line that starts with a tab, when the
 * line before the break and this one, joined, have exactly the width of the
 * table's rows around them. The break fell on a cell boundary, so the empty
 * piece before the leading tab is the joint, not an empty cell.
 */
function pageBreakJoints(lines: string[]): Set<number> {
  const joints = new Set<number>();
  const pieces = (i: number) => lines[i]!.split('\t').length;
  const skipped = (line: string) => line.trim() === '' || PAGE_NUMBER.test(line);
  const tabLine = (from: number, step: number): number => {
    let i = from;
    while (i >= 0 && i < lines.length && skipped(lines[i]!)) i += step;
    return i >= 0 && i < lines.length && lines[i]!.includes('\t') ? i : -1;
  };
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]![0] !== '\t' || !skipped(lines[i - 1]!)) continue;
    const before = tabLine(i - 1, -1);
    if (before < 0) continue;
    const joined = pieces(before) + pieces(i) - 1;
    const widths = [tabLine(before - 1, -1), tabLine(i + 1, 1)].filter((j) => j >= 0).map(pieces);
    if (widths.includes(joined)) joints.add(i);
  }
  return joints;
}

export function tokenise(region: string, partBreak = Infinity): Token[] {
  return tokeniseRegion(region, partBreak).tokens;
}

/** Blank lines after a region's last line with text (its final line break ends that line). */
export function trailingGap(region: string): number {
  const text = region.replace(/\r\n?/g, '\n');
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end -= 1;
  const breaks = text.slice(end).split('\n').length - 1;
  return Math.max(0, breaks - 1);
}

/**
 * tokenise, and whether a token at a line's start leant on the token before
 * the line (see LineState): when it did not, two texts whose lines with text
 * are the same give the same labels and values, whatever their blank lines.
 */
export function tokeniseRegion(region: string, partBreak = Infinity): { tokens: Token[]; leansOnPreviousLine: boolean } {
  const state: LineState = { lineStart: 0, leansOnPreviousLine: false };
  const piped = htmlCellsToPipes(region.normalize('NFKC'));
  const text = piped.includes('\r') ? piped.replace(/\r\n?/g, '\n') : piped;
  const lines = text.split('\n');
  const pitch = cellPitch(lines);
  const joints = text.includes('\t') ? pageBreakJoints(lines) : null;
  const out: Token[] = [];
  let blanks = -1;
  let afterBareSeparator = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') {
      if (blanks >= 0) blanks += 1;
      continue;
    }
    // Cells between `\n|\n` separators: nothing but blank lines between two bare `|` lines is an empty cell.
    const bare = BARE_SEPARATOR.test(line);
    if (bare && afterBareSeparator && blanks > 0 && pitch === 0) out.push({ kind: 'blank' });
    afterBareSeparator = bare;
    if ((line.includes('-') || line.includes('页') || line.includes('—')) && (PAGE_NUMBER.test(line) || GFM_DELIMITER.test(line))) continue;
    // Empty cells in a one-cell-per-line layout show as a longer run of blank lines.
    if (pitch > 0 && blanks > pitch) {
      const empty = Math.floor((blanks - pitch) / (pitch + 1));
      for (let i = 0; i < empty; i++) out.push({ kind: 'blank' });
    }
    blanks = 0;
    state.lineStart = out.length;
    // A cell terminator with nothing before it (" |") is an empty cell in the one-cell-per-line pipe layout.
    if (/^[ \t]+\|\s*$/.test(line)) {
      out.push({ kind: 'blank' });
      continue;
    }
    // Filler rows of pipes only: "|||".
    if (/^[\s|]+$/.test(line)) continue;
    const { cells: lineCells, separated } = cellsOfLine(line);
    const cells = joints?.has(index) ? lineCells.slice(1) : lineCells;
    for (const cell of separated ? withoutLabelFillers(cells) : cells) {
      if (separated && cell.trim() === '') {
        out.push({ kind: 'blank' });
        continue;
      }
      // Spaces (including U+3000 after NFKC) separate numbers; labels keep theirs for matching.
      if (!HAS_SPACE.test(cell)) tokeniseCell(cell, out, state);
      else for (const part of spaceSeparated(cell)) tokeniseCell(part, out, state);
    }
  }
  // After the region's last cell, the gap before the next part is the document's part break
  // (`partBreak`, its shortest such gap); each empty cell the last row printed lengthens it.
  const trailing = trailingGap(text);
  if (pitch > 0 && trailing > partBreak) {
    const empty = Math.floor((trailing - partBreak) / (pitch + 1));
    for (let i = 0; i < empty; i++) out.push({ kind: 'blank' });
  }
  return { tokens: out, leansOnPreviousLine: state.leansOnPreviousLine };
}
