/**
 * How a report's text is laid out, as seen in the corpus: the same tables and
 * parts written as one cell per line, `|`-terminated cells with filler rows,
 * cells between `\n|\n`, tab-separated rows broken by a page break, GFM,
 * HTML with rowspan, space-separated PDF text with page numbers, or the
 * whole body on one line.
 */
import type { Rng } from './prng.ts';
import type { GridRow, TableGrid } from './grid.ts';

export const LAYOUTS = ['cell-per-line', 'pipe-filler', 'pipe-newline', 'tsv-page-break', 'gfm', 'html', 'pdf-text', 'one-line'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** A part of the document: a heading or paragraph (text) or a table. */
export type Block = { kind: 'heading' | 'paragraph'; text: string } | { kind: 'table'; grid: TableGrid };

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function tableLines(grid: TableGrid, layout: Layout, rng: Rng): string[] {
  const rows = grid.rows;
  switch (layout) {
    case 'cell-per-line':
      return rows.flatMap((r) => r.cells.flatMap((c) => [c, '']));
    case 'pipe-filler':
      return rows.flatMap((r) => [...r.cells.map((c) => `${c} |`), ...(r.kind !== 'data' ? ['|'.repeat(rng.int(3, 9))] : [])]);
    case 'pipe-newline':
      return [rows.map((r) => r.cells.join('\n|\n')).join('\n|\n')];
    case 'tsv-page-break': {
      const broken = rng.int(0, rows.length - 1);
      return rows.flatMap((r, i) => {
        const line = r.cells.join('\t');
        if (i !== broken || r.cells.length < 3) return [line];
        // A page break inside the row: the rest of the row continues after a blank line.
        const cut = rng.int(1, r.cells.length - 1);
        return [r.cells.slice(0, cut).join('\t'), '', `\t${r.cells.slice(cut).join('\t')}`];
      });
    }
    case 'gfm': {
      const width = Math.max(...rows.map((r) => r.cells.length));
      const line = (r: GridRow) => `| ${[...r.cells, ...Array(width - r.cells.length).fill('')].join(' | ')} |`;
      return [line(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line), ''];
    }
    case 'html':
      return ['<table border="1">', ...rows.map(htmlRow), '</table>'];
    case 'pdf-text':
      return rows.flatMap((r) => pdfRow(r));
    case 'one-line':
      return [rows.map((r) => r.cells.join(' ')).join(' ')];
  }
}

function htmlRow(r: GridRow): string {
  const labels = r.labelCells ?? 0;
  const cells = r.cells.map((c, i) => {
    const attrs = [i === 0 && r.rowspan ? ` rowspan="${r.rowspan}"` : '', i === labels - 1 && (r.labelColspan ?? 1) > 1 ? ` colspan="${r.labelColspan}"` : ''].join('');
    return `<td${attrs}>${escapeHtml(c)}</td>`;
  });
  return `<tr>${cells.join('')}</tr>`;
}

/** PDF text: labels longer than a line wrap onto the next line, numbers follow the wrapped tail. */
function pdfRow(r: GridRow): string[] {
  const labels = r.kind === 'data' ? (r.labelCells ?? 1) : 0;
  const label = r.cells.slice(0, labels).join(' ');
  const values = r.cells.slice(labels).join(' ');
  if (r.kind !== 'data') return [r.cells.join(' ')];
  if ([...label].length <= 22) return [`${label} ${values}`.trim()];
  const chars = [...label];
  return [chars.slice(0, 18).join(''), `${chars.slice(18).join('')} ${values}`];
}

/** Long paragraphs of PDF text are cut at a fixed width, as pypdf prints them. */
function wrap(text: string, width: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}

/** Lays out the blocks; HTML comes back as a whole page body. */
export function layOut(blocks: Block[], layout: Layout, rng: Rng): string {
  if (layout === 'html') {
    return blocks.map((b) => (b.kind === 'table' ? tableLines(b.grid, layout, rng).join('\n') : b.kind === 'heading' ? `<h3>${escapeHtml(b.text)}</h3>` : `<p>${escapeHtml(b.text)}</p>`)).join('\n');
  }
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') lines.push(...tableLines(b.grid, layout, rng));
    else if (layout === 'pdf-text' && b.kind === 'paragraph') lines.push(...wrap(b.text, rng.int(28, 34)));
    else lines.push(b.text, ...(layout === 'cell-per-line' ? [''] : []));
  }
  if (layout === 'one-line') return lines.join('');
  if (layout === 'pdf-text') {
    // Page numbers between lines, every ~30 lines: `- 3 -`.
    const out: string[] = ['- 1 -'];
    for (const [i, line] of lines.entries()) {
      out.push(line);
      if (i > 0 && i % 30 === 0) out.push(`- ${i / 30 + 1} -`);
    }
    return out.join('\n');
  }
  return lines.join('\n');
}
