/**
 * A table region's lines as index ranges of its text, found in one scan of its
 * code units, with flags for what each line holds (nothing but whitespace, a
 * tab, a `|`). Regions that are not NFKC unit by unit, or hold HTML cell markup
 * or \r line breaks, are rewritten first (rewrittenLinesOf).
 */
import { NFKC_UNIT, UNIT_UNKNOWN, codeUnitsOf, isSpaceCode, nfkcByUnits, textOfUnits, unitNfkc } from './scan.ts';

export const TAB = 9;
export const SPACE = 32;
export const PIPE = 124;

/** The lines of a text as ranges: line k is text[starts[k], starts[k + 1] − 1). */
export interface Lines {
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

export const BLANK_LINE = 1;
export const HAS_TAB = 2;
export const HAS_PIPE = 4;

/** Line starts and flags, reused from one region to the next (grown as needed). */
let lineStarts = new Int32Array(512);
let lineFlags = new Uint8Array(512);

/** Room for the lines of a text of n units (at most n + 1 lines, and one start more is kept); line 0 starts at 0. */
function makeLineRoom(n: number): void {
  if (lineStarts.length < n + 2) {
    lineStarts = new Int32Array((n + 2) * 2);
    lineFlags = new Uint8Array((n + 2) * 2);
  }
  lineStarts[0] = 0;
}

/** Line `count` ends with these flags and the next starts at `next`: the count of lines so far. */
function closeLine(count: number, flags: number, next: number): number {
  lineFlags[count] = flags;
  lineStarts[count + 1] = next;
  return count + 1;
}

/** A line's flags after one more unit c, not a line break: a tab, a `|`, or anything but whitespace ends BLANK_LINE. */
function lineFlagsAfter(flags: number, c: number): number {
  if (c === TAB) return flags | HAS_TAB;
  if (c === PIPE) return (flags & ~BLANK_LINE) | HAS_PIPE;
  if ((flags & BLANK_LINE) !== 0 && !isSpaceCode(c)) return flags & ~BLANK_LINE;
  return flags;
}

/** One scan of the text's char codes: where each line starts, and its flags. */
function linesOf(text: string, codes: Uint16Array): Lines {
  const n = text.length;
  makeLineRoom(n);
  let count = 0;
  let any = 0;
  let flags = BLANK_LINE;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? codes[i]! : 10;
    if (c === 10) {
      any |= flags;
      count = closeLine(count, flags, i + 1);
      flags = BLANK_LINE;
    } else flags = lineFlagsAfter(flags, c);
  }
  // starts[count] = text.length + 1: the line after the last, as if the text ended with a line break.
  return { text, codes, starts: lineStarts, count, flags: lineFlags, any };
}

/**
 * linesOf the region's NFKC, in one scan with nfkcByUnits (the region's units are mapped in
 * `codes` as they are met): null when its NFKC is not told unit by unit, or when it holds a `<`
 * or `\r` (HTML cell markup and \r line breaks are rewritten first: see rewrittenLinesOf); then
 * `codes` may be part mapped, and is read again.
 */
export function nfkcLinesOf(region: string, codes: Uint16Array): Lines | null {
  const n = region.length;
  makeLineRoom(n);
  let count = 0;
  let any = 0;
  let flags = BLANK_LINE;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const u = codes[i]!;
    // A CJK ideograph, most of a report's units: its own NFKC, not whitespace (no lookups).
    if (u >= 0x4e00 && u <= 0x9fff) {
      flags &= ~BLANK_LINE;
      continue;
    }
    // Printable ASCII but `<` and `|` (digits, most of the rest): its own NFKC, not whitespace, no flag of its own.
    if (u > SPACE && u < 0x80 && u !== PIPE && u !== 60) {
      flags &= ~BLANK_LINE;
      continue;
    }
    // The rest of ASCII is its own NFKC too.
    let c = u;
    if (u >= 0x80) {
      c = NFKC_UNIT[u]!;
      if (c === UNIT_UNKNOWN) c = unitNfkc(u);
      if (c !== u) {
        if (c === 0) return null;
        codes[i] = c;
        changed = true;
      }
    }
    if (c === 10) {
      any |= flags;
      count = closeLine(count, flags, i + 1);
      flags = BLANK_LINE;
    } else if (c === 60 || c === 13) return null;
    else flags = lineFlagsAfter(flags, c);
  }
  // The last line ends at the text's end, as if a line break followed it.
  any |= flags;
  count = closeLine(count, flags, n + 1);
  return { text: changed ? textOfUnits(n) : region, codes, starts: lineStarts, count, flags: lineFlags, any };
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

/** The lines of a region's NFKC with HTML cell markup turned into `|` rows and \r\n, \r into \n. */
export function rewrittenLinesOf(region: string): Lines {
  let codes = codeUnitsOf(region);
  const byUnits = nfkcByUnits(codes, region.length);
  const normalised = byUnits === 0 ? region : byUnits === 1 ? textOfUnits(region.length) : region.normalize('NFKC');
  const nfkc = htmlCellsToPipes(normalised);
  const text = nfkc.includes('\r') ? nfkc.replace(/\r\n?/g, '\n') : nfkc;
  // `codes` holds the region's units, mapped when nfkcByUnits mapped them: anything else changed, read again.
  if (text !== (byUnits === -1 ? region : normalised)) codes = codeUnitsOf(text);
  return linesOf(text, codes);
}
