/**
 * Any table layout → one stream of tokens: text (labels), numbers, not-applicable
 * marks and blank cells. Layout differences end here: one cell per line, `|`
 * cells and filler rows, tab-separated rows, GFM pipe rows, HTML cells, space-
 * separated PDF text and digits glued to labels all give the same stream.
 *
 * Lines and cells are read as index ranges of the region's text (lines.ts,
 * cells.ts), so only the pieces that become tokens are cut out of it.
 */
import { tokeniseSeparatedLine } from './cells.ts';
import { cellPitch, pageBreakJoints, trailingGap } from './gaps.ts';
import { isBareSeparator, isEmptyCellTerminator, isPageOrDelimiter, isPipeFiller } from './line-kinds.ts';
import { BLANK_LINE, HAS_PIPE, HAS_TAB, PIPE, TAB, nfkcLinesOf, rewrittenLinesOf } from './lines.ts';
import { BLANK_TOKEN, tokeniseCell, type LineState } from './pieces.ts';
import { codeUnitsOf } from './scan.ts';
import { sinkRoom, sunkTokens, tokenSink } from './token-sink.ts';

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

/** The tokens of the region being read (see TokenSink). */
const regionTokens = tokenSink();

export function tokenise(region: string, partBreak = Infinity): Token[] {
  return tokeniseRegion(region, partBreak).tokens;
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
  const out = regionTokens;
  out.count = 0;
  // A token is cut from at least one unit, and each blank one stands for a line break or separator, as a rule.
  sinkRoom(out, text.length + 16, BLANK_TOKEN);
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
    if (bare && afterBareSeparator && blanks > 0 && pitch === 0) out.list[out.count++] = BLANK_TOKEN;
    afterBareSeparator = bare;
    if (isPageOrDelimiter(lines, index, true)) continue;
    // Empty cells in a one-cell-per-line layout show as a longer run of blank lines.
    if (pitch > 0 && blanks > pitch) {
      const empty = Math.floor((blanks - pitch) / (pitch + 1));
      for (let i = 0; i < empty; i++) out.list[out.count++] = BLANK_TOKEN;
    }
    blanks = 0;
    state.lineStart = out.count;
    // A cell terminator with nothing before it (" |") is an empty cell in the one-cell-per-line pipe layout.
    if (piped && isEmptyCellTerminator(codes, from, to)) {
      out.list[out.count++] = BLANK_TOKEN;
      continue;
    }
    // Filler rows of pipes only: "|||".
    if (piped && isPipeFiller(codes, from, to)) continue;
    // Tab- or pipe-separated cells when the line has those, else one cell (spaces split later).
    const separator = (marks & HAS_TAB) !== 0 ? TAB : piped ? PIPE : 0;
    if (separator === 0) tokeniseCell(text, codes, from, to, out, state);
    else tokeniseSeparatedLine(text, codes, from, to, separator, joints !== null && joints.has(index), out, state);
  }
  // After the region's last cell, the gap before the next part is the document's part break
  // (`partBreak`, its shortest such gap); each empty cell the last row printed lengthens it.
  const trailing = trailingGap(text);
  if (pitch > 0 && trailing > partBreak) {
    const empty = Math.floor((trailing - partBreak) / (pitch + 1));
    for (let i = 0; i < empty; i++) out.list[out.count++] = BLANK_TOKEN;
  }
  return { tokens: sunkTokens(out), leansOnPreviousLine: state.leansOnPreviousLine };
}
