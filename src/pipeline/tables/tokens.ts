/**
 * Any table layout → one stream of tokens: text (labels), numbers, not-applicable
 * marks and blank cells. Layout differences end here: one cell per line, `|`
 * cells and filler rows, tab-separated rows, GFM pipe rows, HTML cells, space-
 * separated PDF text and digits glued to labels all give the same stream.
 *
 * Lines and cells are read as index ranges of the region's text, so only the
 * pieces that become tokens are cut out of it.
 */
import { makeToken, tokeniseCell, tokenisePiece, type LineState } from './pieces.ts';
import { NFKC_UNIT, UNIT_UNKNOWN, codeUnitsOf, isSpaceCode, nfkcByUnits, textOfUnits, unitNfkc } from './scan.ts';

/**
 * A cell's piece of text. Every token the tokenisers make has all four fields, in
 * this order, the ones its kind has not undefined (see makeToken, pieces.ts): one
 * object shape for V8, wherever tokens are read.
 */
export type Token =
  | { kind: 'text'; raw?: undefined; text: string; norm: string }
  | { kind: 'num'; raw: string; text?: undefined; norm?: undefined }
  | { kind: 'na'; raw: string; text?: undefined; norm?: undefined }
  | { kind: 'blank'; raw?: undefined; text?: undefined; norm?: undefined };

/** The one blank-cell token: it has nothing that could differ, and nothing changes it. */
const BLANK: Token = makeToken('blank', undefined, undefined, undefined);

// A page number line from PDF text: "- 4 -", "— 4 —", "第 4 页", "第4页 共9页".
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$/;
// A GFM delimiter row: | --- | :---: |
const GFM_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

const TAB = 9;
const SPACE = 32;
const PIPE = 124;

/** The lines of a text as ranges: line k is text[starts[k], starts[k + 1] − 1). */
interface Lines {
  text: string;
  /** The text's code units (codeUnitsOf). */
  codes: Uint16Array;
  starts: Int32Array;
  count: number;
  /** Per line: BLANK_LINE when it is whitespace only; HAS_TAB, HAS_PIPE when it holds a tab or a `|`. */
  flags: Uint8Array;
  /** The flags of all lines, or-ed. */
  any: number;
}

const BLANK_LINE = 1;
const HAS_TAB = 2;
const HAS_PIPE = 4;

/** Line starts and flags, reused from one region to the next (grown as needed). */
let lineStarts = new Int32Array(512);
let lineFlags = new Uint8Array(512);

/** Room for the lines of a text of n units: at most n + 1 lines, and one start more is kept. */
function makeLineRoom(n: number): void {
  if (lineStarts.length < n + 2) {
    lineStarts = new Int32Array((n + 2) * 2);
    lineFlags = new Uint8Array((n + 2) * 2);
  }
}

/** One scan of the text's char codes: where each line starts, and its flags. */
function linesOf(text: string, codes: Uint16Array): Lines {
  const n = text.length;
  makeLineRoom(n);
  const starts = lineStarts;
  const lineMarks = lineFlags;
  let count = 0;
  let any = 0;
  let flags = BLANK_LINE;
  starts[0] = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? codes[i]! : 10;
    if (c === 10) {
      lineMarks[count] = flags;
      any |= flags;
      count++;
      starts[count] = i + 1;
      flags = BLANK_LINE;
    } else if (c === TAB) flags |= HAS_TAB;
    else if (c === PIPE) flags = (flags & ~BLANK_LINE) | HAS_PIPE;
    else if ((flags & BLANK_LINE) !== 0 && !isSpaceCode(c)) flags &= ~BLANK_LINE;
  }
  // starts[count] = text.length + 1: the line after the last, as if the text ended with a line break.
  return { text, codes, starts, count, flags: lineMarks, any };
}

/**
 * linesOf the region's NFKC, in one scan with nfkcByUnits (the region's units are mapped in
 * `codes` as they are met): null when its NFKC is not told unit by unit, or when it holds a `<`
 * or `\r` (HTML cell markup and \r line breaks are rewritten first: see tokeniseRegion); then
 * `codes` may be part mapped, and is read again.
 */
function nfkcLinesOf(region: string, codes: Uint16Array): Lines | null {
  const n = region.length;
  makeLineRoom(n);
  const starts = lineStarts;
  const lineMarks = lineFlags;
  let count = 0;
  let any = 0;
  let flags = BLANK_LINE;
  let changed = false;
  starts[0] = 0;
  for (let i = 0; i <= n; i++) {
    let c = 10;
    if (i < n) {
      const u = codes[i]!;
      // A CJK ideograph, most of a report's units: its own NFKC, not whitespace (no lookups).
      if (u >= 0x4e00 && u <= 0x9fff) {
        flags &= ~BLANK_LINE;
        continue;
      }
      // ASCII is its own NFKC too.
      c = u < 0x80 ? u : NFKC_UNIT[u]!;
      if (c === UNIT_UNKNOWN) c = unitNfkc(u);
      if (c !== u) {
        if (c === 0) return null;
        codes[i] = c;
        changed = true;
      }
      if (c === 60 || c === 13) return null;
    }
    if (c === 10) {
      lineMarks[count] = flags;
      any |= flags;
      count++;
      starts[count] = i + 1;
      flags = BLANK_LINE;
    } else if (c === TAB) flags |= HAS_TAB;
    else if (c === PIPE) flags = (flags & ~BLANK_LINE) | HAS_PIPE;
    else if ((flags & BLANK_LINE) !== 0 && !isSpaceCode(c)) flags &= ~BLANK_LINE;
  }
  return { text: changed ? textOfUnits(n) : region, codes, starts, count, flags: lineMarks, any };
}

function isBlankRange(codes: Uint16Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpaceCode(codes[i]!)) return false;
  return true;
}

/**
 * Whether text[from, to) may be a page number or GFM delimiter line: what PAGE_NUMBER
 * and GFM_DELIMITER need at its start (a dash or 第; or `|`/`:` then a dash). Only such
 * lines are cut out and tested with the expressions.
 */
function mayBePageOrDelimiter(codes: Uint16Array, from: number, to: number): boolean {
  let i = from;
  while (i < to && isSpaceCode(codes[i]!)) i++;
  const c = codes[i]!;
  if (c === 0x2d || c === 0x2014 || c === 0x2013 || c === 0x7b2c /* 第 */ || c === 0x3a) return true;
  if (c !== PIPE) return false;
  for (i++; i < to && isSpaceCode(codes[i]!); i++);
  if (codes[i] === 0x3a) i++;
  return codes[i] === 0x2d;
}

/** A page number line, or (delimiters too) a GFM delimiter row: lines that hold no cells. */
function isPageOrDelimiter(lines: Lines, line: number, delimiters: boolean): boolean {
  const from = lines.starts[line]!;
  const to = lines.starts[line + 1]! - 1;
  if (!mayBePageOrDelimiter(lines.codes, from, to)) return false;
  const s = lines.text.slice(from, to);
  if (!delimiters) return PAGE_NUMBER.test(s);
  return (s.includes('-') || s.includes('页') || s.includes('—')) && (PAGE_NUMBER.test(s) || GFM_DELIMITER.test(s));
}

/** /^\|[ \t]*$/: a line holding only a cell separator `|` (no leading space: " |" is an empty cell of the pipe-filler layout). */
function isBareSeparator(codes: Uint16Array, from: number, to: number): boolean {
  if (from >= to || codes[from] !== PIPE) return false;
  for (let i = from + 1; i < to; i++) {
    const c = codes[i]!;
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** /^[ \t]+\|\s*$/: a cell terminator with nothing before it (" |"). */
function isEmptyCellTerminator(codes: Uint16Array, from: number, to: number): boolean {
  let i = from;
  while (i < to && (codes[i] === SPACE || codes[i] === TAB)) i++;
  if (i === from || i === to || codes[i] !== PIPE) return false;
  return isBlankRange(codes, i + 1, to);
}

/** /^[\s|]+$/: a filler row of pipes only ("|||"). */
function isPipeFiller(codes: Uint16Array, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    if (c !== PIPE && !isSpaceCode(c)) return false;
  }
  return true;
}

/** Cell ranges of the line being read (cellFrom[i], cellTo[i]); reused across lines, grown to fit a line. */
let cellFrom = new Int32Array(64);
let cellTo = new Int32Array(64);
/** Where the cells cellsOfLine found start in cellFrom/cellTo: 1 when a leading `|` left an empty piece before it. */
let firstCell = 0;

/**
 * Cells of a line with separators: tab-separated when it has a tab, else
 * pipe-separated, where leading and trailing pipes are delimiters, not empty
 * cells. The ranges are in cellFrom/cellTo, from firstCell to the index returned.
 */
function cellsOfLine(codes: Uint16Array, from: number, to: number, separator: number): number {
  // A line has at most one cell more than it has characters.
  if (cellFrom.length <= to - from + 1) {
    cellFrom = new Int32Array((to - from + 1) * 2);
    cellTo = new Int32Array((to - from + 1) * 2);
  }
  const starts = cellFrom;
  const ends = cellTo;
  let n = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    if (codes[i] !== separator) continue;
    starts[n] = start;
    ends[n] = i;
    n++;
    start = i + 1;
  }
  starts[n] = start;
  ends[n] = to;
  n++;
  firstCell = 0;
  if (separator === PIPE) {
    if (isBlankRange(codes, starts[0]!, ends[0]!)) firstCell = 1;
    if (n > firstCell && isBlankRange(codes, starts[n - 1]!, ends[n - 1]!)) n -= 1;
  }
  return n;
}

/**
 * Empty cells before a row's label on its line (a rowspan group column, a
 * colspan filler in front of the label) hold no value of this row, and are
 * not the previous row's either: values follow their label. Skipped (the
 * index of the first cell read is returned), so they cannot shift the
 * previous row's cells.
 */
function labelFillers(text: string, codes: Uint16Array, from: number, n: number): number {
  let first = from;
  while (first < n && isBlankRange(codes, cellFrom[first]!, cellTo[first]!)) first++;
  if (first === from || first === n) return from;
  // The cell's first whitespace-separated piece decides.
  let a = cellFrom[first]!;
  const to = cellTo[first]!;
  while (a < to && isSpaceCode(codes[a]!)) a++;
  let b = a;
  while (b < to && !isSpaceCode(codes[b]!)) b++;
  const probe: Token[] = [];
  tokenisePiece(text.slice(a, b), probe);
  return probe[0]?.kind === 'text' ? first : from;
}

/** HTML cell markup (when the html stage has not run) → `|` rows. */
function htmlCellsToPipes(text: string): string {
  if (!text.includes('<') || !/<t[dh][\s>]/i.test(text)) return text;
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
 * one-cell-per-line layout (the smallest among equals); a longer gap means empty cells.
 */
/** Gap counts for cellPitch, reused (grown as needed). */
let gapCounts = new Int32Array(512);

function cellPitch(flags: Uint8Array, lines: number): number {
  // counts[g]: how many times g blank lines separate two lines with text (g < lines).
  if (gapCounts.length < lines + 1) gapCounts = new Int32Array(lines * 2);
  const counts = gapCounts;
  counts.fill(0, 0, lines + 1);
  let blanks = -1;
  for (let i = 0; i < lines; i++) {
    if ((flags[i]! & BLANK_LINE) !== 0) {
      if (blanks >= 0) blanks += 1;
      continue;
    }
    if (blanks >= 0) counts[blanks]! += 1;
    blanks = 0;
  }
  let best = 0;
  let bestCount = 0;
  for (let gap = 0; gap <= lines; gap++) {
    if (counts[gap]! > bestCount) {
      best = gap;
      bestCount = counts[gap]!;
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
function pageBreakJoints(lines: Lines): Set<number> {
  const { codes, starts, count } = lines;
  const joints = new Set<number>();
  const end = (i: number) => starts[i + 1]! - 1;
  // Cells of a tab-separated line: its tabs and one.
  const pieces = (i: number) => {
    let n = 1;
    for (let k = starts[i]!; k < end(i); k++) if (codes[k] === TAB) n++;
    return n;
  };
  const skipped = (i: number) => (lines.flags[i]! & BLANK_LINE) !== 0 || isPageOrDelimiter(lines, i, false);
  const tabLine = (from: number, step: number): number => {
    let i = from;
    while (i >= 0 && i < count && skipped(i)) i += step;
    return i >= 0 && i < count && (lines.flags[i]! & HAS_TAB) !== 0 ? i : -1;
  };
  for (let i = 1; i < count; i++) {
    if (starts[i]! >= end(i) || codes[starts[i]!] !== TAB || !skipped(i - 1)) continue;
    const before = tabLine(i - 1, -1);
    if (before < 0) continue;
    const joined = pieces(before) + pieces(i) - 1;
    // The line before and the line after, when they are tab lines: either as wide as the two joined.
    const above = tabLine(before - 1, -1);
    const below = tabLine(i + 1, 1);
    if ((above >= 0 && pieces(above) === joined) || (below >= 0 && pieces(below) === joined)) joints.add(i);
  }
  return joints;
}

/** The lines of a region's NFKC with HTML cell markup turned into `|` rows and \r\n, \r into \n. */
function rewrittenLinesOf(region: string): Lines {
  let codes = codeUnitsOf(region);
  const byUnits = nfkcByUnits(codes, region.length);
  const normalised = byUnits === 0 ? region : byUnits === 1 ? textOfUnits(region.length) : region.normalize('NFKC');
  const nfkc = htmlCellsToPipes(normalised);
  const text = nfkc.includes('\r') ? nfkc.replace(/\r\n?/g, '\n') : nfkc;
  // `codes` holds the region's units, mapped when nfkcByUnits mapped them: anything else changed, read again.
  if (text !== (byUnits === -1 ? region : normalised)) codes = codeUnitsOf(text);
  return linesOf(text, codes);
}

export function tokenise(region: string, partBreak = Infinity): Token[] {
  return tokeniseRegion(region, partBreak).tokens;
}

/** Blank lines after a region's last line with text (its final line break ends that line; \r\n and \r are one break). */
export function trailingGap(region: string): number {
  let end = region.length;
  while (end > 0 && isSpaceCode(region.charCodeAt(end - 1))) end -= 1;
  let breaks = 0;
  for (let i = end; i < region.length; i++) {
    const c = region.charCodeAt(i);
    if (c === 13 || (c === 10 && (i === end || region.charCodeAt(i - 1) !== 13))) breaks += 1;
  }
  return Math.max(0, breaks - 1);
}

/**
 * tokenise, and whether a token at a line's start leant on the token before
 * the line (see LineState): when it did not, two texts whose lines with text
 * are the same give the same labels and values, whatever their blank lines.
 */
export function tokeniseRegion(region: string, partBreak = Infinity): { tokens: Token[]; leansOnPreviousLine: boolean } {
  const state: LineState = { lineStart: 0, leansOnPreviousLine: false };
  // Most regions are NFKC already, or unit by unit (full-width punctuation), and have no HTML or \r:
  // their lines are found in the scan that tells so.
  const lines = nfkcLinesOf(region, codeUnitsOf(region)) ?? rewrittenLinesOf(region);
  const { text, codes, starts, flags } = lines;
  const pitch = cellPitch(flags, lines.count);
  const joints = (lines.any & HAS_TAB) !== 0 ? pageBreakJoints(lines) : null;
  const out: Token[] = [];
  let blanks = -1;
  let afterBareSeparator = false;
  for (let index = 0; index < lines.count; index++) {
    const marks = flags[index]!;
    if ((marks & BLANK_LINE) !== 0) {
      if (blanks >= 0) blanks += 1;
      continue;
    }
    const from = starts[index]!;
    const to = starts[index + 1]! - 1;
    // Cells between `\n|\n` separators: nothing but blank lines between two bare `|` lines is an empty cell.
    // (This test and the two pipe tests below hold only on a line with a `|`.)
    const piped = (marks & HAS_PIPE) !== 0;
    const bare = piped && isBareSeparator(codes, from, to);
    if (bare && afterBareSeparator && blanks > 0 && pitch === 0) out.push(BLANK);
    afterBareSeparator = bare;
    if (isPageOrDelimiter(lines, index, true)) continue;
    // Empty cells in a one-cell-per-line layout show as a longer run of blank lines.
    if (pitch > 0 && blanks > pitch) {
      const empty = Math.floor((blanks - pitch) / (pitch + 1));
      for (let i = 0; i < empty; i++) out.push(BLANK);
    }
    blanks = 0;
    state.lineStart = out.length;
    // A cell terminator with nothing before it (" |") is an empty cell in the one-cell-per-line pipe layout.
    if (piped && isEmptyCellTerminator(codes, from, to)) {
      out.push(BLANK);
      continue;
    }
    // Filler rows of pipes only: "|||".
    if (piped && isPipeFiller(codes, from, to)) continue;
    // Tab- or pipe-separated cells when the line has those, else one cell (spaces split later).
    const separator = (marks & HAS_TAB) !== 0 ? TAB : piped ? PIPE : 0;
    if (separator === 0) {
      tokeniseCell(text, codes, from, to, out, state);
      continue;
    }
    const n = cellsOfLine(codes, from, to, separator);
    for (let c = labelFillers(text, codes, firstCell + (joints?.has(index) ? 1 : 0), n); c < n; c++) {
      const a = cellFrom[c]!;
      const b = cellTo[c]!;
      if (isBlankRange(codes, a, b)) out.push(BLANK);
      else tokeniseCell(text, codes, a, b, out, state);
    }
  }
  // After the region's last cell, the gap before the next part is the document's part break
  // (`partBreak`, its shortest such gap); each empty cell the last row printed lengthens it.
  const trailing = trailingGap(text);
  if (pitch > 0 && trailing > partBreak) {
    const empty = Math.floor((trailing - partBreak) / (pitch + 1));
    for (let i = 0; i < empty; i++) out.push(BLANK);
  }
  return { tokens: out, leansOnPreviousLine: state.leansOnPreviousLine };
}
