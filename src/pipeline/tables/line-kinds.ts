/**
 * Lines (and cell ranges) told apart by what they hold: page numbers and GFM
 * delimiter rows, which hold no cells; bare `|` separators, empty-cell
 * terminators (" |") and filler rows of pipes in the pipe layouts. Char-code
 * scans over the region's units; only a line that may be a page number or a
 * delimiter is cut out and tested with the expressions.
 */
import { isSpaceCode } from './scan.ts';
import { PIPE, SPACE, TAB, type Lines } from './lines.ts';

// A page number line from PDF text: "- 4 -", "— 4 —", "第 4 页", "第4页 共9页".
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$/;
// A GFM delimiter row: | --- | :---: |
const GFM_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** codes[from, to) is whitespace only. */
export function isBlankRange(codes: Uint16Array, from: number, to: number): boolean {
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
export function isPageOrDelimiter(lines: Lines, line: number, delimiters: boolean): boolean {
  const from = lines.starts[line]!;
  const to = lines.starts[line + 1]! - 1;
  if (!mayBePageOrDelimiter(lines.codes, from, to)) return false;
  const s = lines.text.slice(from, to);
  if (!delimiters) return PAGE_NUMBER.test(s);
  return (s.includes('-') || s.includes('页') || s.includes('—')) && (PAGE_NUMBER.test(s) || GFM_DELIMITER.test(s));
}

/** /^\|[ \t]*$/: a line holding only a cell separator `|` (no leading space: " |" is an empty cell of the pipe-filler layout). */
export function isBareSeparator(codes: Uint16Array, from: number, to: number): boolean {
  if (from >= to || codes[from] !== PIPE) return false;
  for (let i = from + 1; i < to; i++) {
    const c = codes[i]!;
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** /^[ \t]+\|\s*$/: a cell terminator with nothing before it (" |"). */
export function isEmptyCellTerminator(codes: Uint16Array, from: number, to: number): boolean {
  let i = from;
  while (i < to && (codes[i] === SPACE || codes[i] === TAB)) i++;
  if (i === from || i === to || codes[i] !== PIPE) return false;
  return isBlankRange(codes, i + 1, to);
}

/** /^[\s|]+$/: a filler row of pipes only ("|||"). */
export function isPipeFiller(codes: Uint16Array, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    if (c !== PIPE && !isSpaceCode(c)) return false;
  }
  return true;
}
