/**
 * Layouts of generated reports. Tables are written by the tables stage's own
 * renderer (renderTablesAs, src/pipeline/tables/render.ts); here only the
 * page-level quirks of the corpus are added on top of its output: cells
 * between `\n|\n`, a page break inside a TSV row, HTML group labels as
 * rowspan cells, PDF text with page numbers and wrapped labels, and the
 * whole body on one line.
 */
import { renderTablesAs, type Layout as TableLayout } from '../pipeline/tables/render.ts';
import type { ReportTables } from '../schema/types.ts';
import type { Rng } from './prng.ts';

export const LAYOUTS = ['cell-per-line', 'pipe-filler', 'pipe-newline', 'tsv-page-break', 'gfm', 'html', 'pdf-text', 'one-line'] as const;
export type Layout = (typeof LAYOUTS)[number];

const TABLE_LAYOUT: Record<Layout, TableLayout> = {
  'cell-per-line': 'one-cell-per-line',
  'pipe-filler': 'pipe-filler',
  'pipe-newline': 'tsv',
  'tsv-page-break': 'tsv',
  gfm: 'gfm',
  html: 'html',
  'pdf-text': 'space',
  'one-line': 'space',
};

/** Layouts where an empty cell leaves no trace, so a missing cell shortens its row. */
export function dropsEmptyCells(layout: Layout): boolean {
  return TABLE_LAYOUT[layout] === 'space';
}

/** TSV rows → cells separated by `\n|\n` (as copied from some portals). */
function pipeNewline(tsv: string): string {
  return tsv
    .split('\n')
    .map((line) => line.split('\t').join('\n|\n'))
    .join('\n|\n');
}

/** One data row (a line with digits and a tab) cut in two by a page break. */
function pageBreakInRow(tsv: string, rng: Rng): string {
  const lines = tsv.split('\n');
  const rows = lines.map((l, i) => [l, i] as const).filter(([l]) => /\t\d/.test(l) && l.split('\t').length > 3);
  if (rows.length === 0) return tsv;
  const [line, at] = rng.pick(rows);
  const cells = line.split('\t');
  const cut = rng.int(2, cells.length - 1);
  lines.splice(at, 1, cells.slice(0, cut).join('\t'), '', `\t${cells.slice(cut).join('\t')}`);
  return lines.join('\n');
}

/**
 * HTML group rows (`（三）不予公开` alone on a row) folded into the next row as a
 * rowspan cell over the numbered items below it, as portals print them.
 */
function rowspanGroups(html: string): string {
  const lines = html.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A row with a single cell that is a （N） group label.
    const group = /^<tr><td>(（[一二三四五六七]）[^<]*)<\/td><\/tr>$/.exec(lines[i]!);
    let span = 0;
    // Items of the group: rows whose first cell starts "1." "2." …
    while (group && i + 1 + span < lines.length && /^<tr><td>\d+\./.test(lines[i + 1 + span]!)) span++;
    if (!group || span === 0) {
      out.push(lines[i]!);
      continue;
    }
    out.push(lines[i + 1]!.replace('<tr>', `<tr><td rowspan="${span}">${group[1]}</td>`));
    i++;
  }
  return out.join('\n');
}

/** PDF text: labels longer than a line wrap, the numbers follow the wrapped tail. */
function wrapLabels(space: string): string {
  return space
    .split('\n')
    .map((line) => {
      const m = /^(\S+)((?: -?[\d.]+)+)$/.exec(line);
      if (!m || [...m[1]!].length <= 22) return line;
      const chars = [...m[1]!];
      return `${chars.slice(0, 18).join('')}\n${chars.slice(18).join('')}${m[2]}`;
    })
    .join('\n');
}

/** Tables 二–四 with their part headings (and the heading of part 五), in the layout. */
export function renderTables(tables: ReportTables, layout: Layout, rng: Rng): string {
  const text = renderTablesAs(tables, TABLE_LAYOUT[layout]);
  switch (layout) {
    case 'pipe-newline':
      return pipeNewline(text);
    case 'tsv-page-break':
      return pageBreakInRow(text, rng);
    case 'html':
      return rowspanGroups(text);
    case 'pdf-text':
      return wrapLabels(text);
    case 'one-line':
      return text.split('\n').join(' ');
    default:
      return text;
  }
}

/** Long paragraphs of PDF text are cut at a fixed width, as pypdf prints them. */
export function wrapParagraph(text: string, width: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}

/** Page numbers between lines, every ~30 lines: `- 3 -`. */
export function withPageNumbers(lines: string[]): string[] {
  const out: string[] = ['- 1 -'];
  for (const [i, line] of lines.entries()) {
    out.push(line);
    if (i > 0 && i % 30 === 0) out.push(`- ${i / 30 + 1} -`);
  }
  return out;
}
