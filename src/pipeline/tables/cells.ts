/**
 * A line with cell separators (tabs, else `|`) → its cells' tokens. Cells are
 * read as index ranges of the region's text, kept in buffers reused from one
 * line to the next; only the pieces that become tokens are cut out.
 */
import { BLANK_TOKEN, tokeniseCell, tokenisePiece, type LineState } from './pieces.ts';
import { CHAR_CLASS, DIGIT_BIT, NORMALISE_BIT, isSpaceCode } from './scan.ts';
import { isBlankRange } from './line-kinds.ts';
import { PIPE } from './lines.ts';
import { sinkRoom, tokenSink, type TokenSink } from './token-sink.ts';

/** The tokens labelFillers tells a cell by (reused). */
const probe = tokenSink();

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
  if (isPlainLabel(codes, a, b)) return first;
  probe.count = 0;
  sinkRoom(probe, b - a + 1, BLANK_TOKEN);
  tokenisePiece(text.slice(a, b), probe);
  return probe.count > 0 && probe.list[0]!.kind === 'text' ? first : from;
}

/**
 * Whether codes[a, b) (no whitespace in it) is a piece tokenisePiece makes one text token of,
 * told without cutting it out: over three units (no not-applicable mark is), no digit (no
 * number in it), nothing normaliseForMatch would change (its normalised form is itself, not
 * empty). Other pieces are tokenised to know.
 */
function isPlainLabel(codes: Uint16Array, a: number, b: number): boolean {
  if (b - a <= 3) return false;
  for (let i = a; i < b; i++) if ((CHAR_CLASS[codes[i]!]! & (DIGIT_BIT | NORMALISE_BIT)) !== 0) return false;
  return true;
}

/**
 * Tokens of the line text[from, to), whose cells `separator` (a tab or `|`) divides:
 * a blank token per empty cell, the pieces of the others. `joint`: the line continues
 * a row cut by a page break (see pageBreakJoints), so its first, empty piece is no cell.
 */
export function tokeniseSeparatedLine(text: string, codes: Uint16Array, from: number, to: number, separator: number, joint: boolean, out: TokenSink, state: LineState): void {
  const n = cellsOfLine(codes, from, to, separator);
  for (let c = labelFillers(text, codes, firstCell + (joint ? 1 : 0), n); c < n; c++) {
    const a = cellFrom[c]!;
    const b = cellTo[c]!;
    if (isBlankRange(codes, a, b)) out.list[out.count++] = BLANK_TOKEN;
    else tokeniseCell(text, codes, a, b, out, state);
  }
}
