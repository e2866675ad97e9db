/**
 * What runs of blank lines tell about cells: the pitch of a one-cell-per-line
 * layout (a longer gap holds empty cells), tab-separated rows cut by a page
 * break, and the gap after a region's last line.
 */
import { isSpaceCode } from './scan.ts';
import { isPageOrDelimiter } from './line-kinds.ts';
import { BLANK_LINE, HAS_TAB, TAB, type Lines } from './lines.ts';

/** Gap counts for cellPitch, reused (grown as needed). */
let gapCounts = new Int32Array(512);

/**
 * The modal number of blank lines between two non-empty lines in a
 * one-cell-per-line layout (the smallest among equals); a longer gap means empty cells.
 */
export function cellPitch(flags: Uint8Array, lines: number): number {
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
export function pageBreakJoints(lines: Lines): Set<number> {
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
