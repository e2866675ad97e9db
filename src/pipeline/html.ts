/**
 * html stage: an HTML page → the plain text form of the .txt corpus. Parsed
 * with rehype-parse into a hast tree (never regular expressions over HTML);
 * block elements become lines, scripts and styles are dropped, and each
 * <table> becomes pipe rows `| a | b | c |`, one line per <tr>, with colspan
 * and rowspan expanded. A spanned position other than the top-left one is an
 * empty cell, so a number is never duplicated. A row with fewer cells than the
 * table is not padded: an empty cell is one the page printed (an empty <td>),
 * never a position the row does not have, so a row of one <td> holding glued
 * digits does not read as a value followed by empty cells.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { HtmlTable } from '../schema/types.ts';
import { IS_SPACE } from './chars.ts';
import { readSimpleHtml } from './html-simple.ts';
import type { PlainCell } from './html-simple-table.ts';
import { mapList } from './packed.ts';

/** Elements whose content is never report text. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'button', 'select', 'input']);

/** Largest span honoured: a bigger one is a page error, not a table shape. */
const MAX_SPAN = 100;

function isElement(node: RootContent | ElementContent | Root, tag?: string): node is Element {
  return node.type === 'element' && (tag === undefined || node.tagName === tag);
}

/** A span attribute's value as a number of rows or columns (1 when it is none). */
function spanValue(value: unknown): number {
  const raw = Number(value ?? 1);
  return Number.isInteger(raw) && raw >= 1 ? Math.min(raw, MAX_SPAN) : 1;
}

/** The <tr> rows of a table in document order, leaving nested tables to their own cells. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (node: Element) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (child.tagName !== 'table') walk(child);
    }
  };
  walk(table);
  return rows;
}

// What toText does to one text node beyond collapsing whitespace: it drops bidi controls, and joins lines without a space beside a zero-width space.
const BEYOND_WHITESPACE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Text of a cell on one line: whitespace collapsed, pipes made full-width so they cannot split a cell. */
function cellText(cell: Element): string {
  // Most cells hold one text node: toText would only collapse its whitespace, which the line below does anyway.
  const only = cell.children.length === 1 ? cell.children[0]! : null;
  const text = cell.children.length === 0 ? '' : only?.type === 'text' && !BEYOND_WHITESPACE.test(only.value) ? only.value : toText(cell, { whitespace: 'normal' });
  return oneLine(text);
}

/** A cell's text on one line. */
function oneLine(text: string): string {
  // Without whitespace or a pipe (most cells), there is nothing to collapse, replace or trim. (No flag u: no
  // character beyond the BMP is whitespace or a pipe, so these read every text as they would with it, faster.)
  return /[\s|]/.test(text) ? text.replace(/\s+/g, ' ').replace(/\|/g, '｜').trim() : text;
}

/** A cell for gridOf: its text on one line and its span attributes. */
interface GridCell {
  text: string;
  rowSpan: unknown;
  colSpan: unknown;
}

/** Rows of cells as a grid of cell texts, spans expanded; spanned positions (not the top-left) are ''; rows end at their last cell. */
function gridOf(rows: readonly (readonly GridCell[])[]): HtmlTable {
  const grid: (string | undefined)[][] = [];
  // (Plain loops, not a callback per row: a table's rows are read mostly before V8 optimises this.)
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r]!;
    const row = (grid[r] ??= []);
    let c = 0;
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[k]!;
      while (row[c] !== undefined) c++;
      const colspan = spanValue(cell.colSpan);
      const rowspan = spanValue(cell.rowSpan);
      for (let dr = 0; dr < rowspan; dr++) {
        const spanned = (grid[r + dr] ??= []);
        for (let dc = 0; dc < colspan; dc++) spanned[c + dc] = dr === 0 && dc === 0 ? cell.text : '';
      }
      c += colspan;
    }
  }
  // Holes (positions no cell reached) become ''.
  for (const row of grid) for (let i = 0; i < row.length; i++) row[i] ??= '';
  return grid as HtmlTable;
}

/** A table as a grid of cell texts, spans expanded; spanned positions (not the top-left) are ''; rows end at their last cell. */
export function tableToGrid(table: Element): HtmlTable {
  return gridOf(
    mapList(rowsOf(table), (tr) =>
      mapList(
        tr.children.filter((cell): cell is Element => isElement(cell) && (cell.tagName === 'td' || cell.tagName === 'th')),
        (cell) => ({ text: cellText(cell), rowSpan: cell.properties?.rowSpan, colSpan: cell.properties?.colSpan }),
      ),
    ),
  );
}

/**
 * The <pre> text prepare makes of a plain table (html-simple-table.ts), from its cells as printed; null for
 * a cell whose text toText reads otherwise than oneLine does (cellText), which the tree path then reads.
 */
function plainTableText(rows: PlainCell[][]): string | null {
  let spans = false;
  const texts: string[][] = [];
  for (const row of rows) {
    const line: string[] = [];
    for (const cell of row) {
      const text = plainCellText(cell.text);
      if (text === null) return null;
      line.push(text);
      if (cell.rowSpan !== undefined || cell.colSpan !== undefined) spans = true;
    }
    texts.push(line);
  }
  // Without span attributes each row of the grid is its cells' texts (gridOf), and is written at once.
  if (!spans) return `\n${mapList(texts, (line) => `| ${line.join(' | ')} |`).join('\n')}\n`;
  return `\n${gridToPipeRows(gridOf(mapList(rows, (row, r) => mapList(row, (cell, c) => ({ text: texts[r]![c]!, rowSpan: cell.rowSpan, colSpan: cell.colSpan })))))}\n`;
}

/** Per UTF-16 unit: 2 when BEYOND_WHITESPACE has it, 1 when oneLine changes it (\s, as IS_SPACE has it, or a pipe), else 0. */
const CELL_UNIT = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const ch = String.fromCharCode(c);
  CELL_UNIT[c] = BEYOND_WHITESPACE.test(ch) ? 2 : IS_SPACE[c] === 1 || ch === '|' ? 1 : 0;
}

/** oneLine of a printed cell's text in one scan (most cells are a few digits: a scan costs less than an expression), or null where cellText would call toText. */
function plainCellText(text: string): string | null {
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const v = CELL_UNIT[text.charCodeAt(i)];
    if (v === 2) return null;
    if (v === 1) changed = true;
  }
  return changed ? oneLine(text) : text;
}

export function gridToPipeRows(grid: HtmlTable): string {
  return mapList(grid, (row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Drops non-text elements and replaces each outermost table by a <pre> of pipe rows. */
function prepare(node: Root | Element): void {
  // (A loop appending what each child becomes, not flatMap with a callback and an array per child.)
  const kept: (RootContent | ElementContent)[] = [];
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (!isElement(child)) {
      if (child.type !== 'comment') kept.push(child);
    } else if (DROPPED.has(child.tagName)) continue;
    else if (child.tagName === 'table') {
      const rows = gridToPipeRows(tableToGrid(child));
      kept.push({ type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'text', value: `\n${rows}\n` }] });
    } else {
      prepare(child);
      kept.push(child);
    }
  }
  node.children = kept as typeof node.children;
}

/** Elements the parser adds around any input; not a sign that the input is a page. */
const IMPLIED = new Set(['html', 'head', 'body']);

/**
 * True when the input is plain text with tables in it (a Markdown or text
 * export carrying <table> fragments), not a page: no element outside the
 * tables but the ones the parser implies. Its own line breaks are the text's.
 */
function isTextWithTables(tree: Root): boolean {
  const other = (node: Root | Element): boolean =>
    node.children.some((c) => isElement(c) && c.tagName !== 'pre' && (!IMPLIED.has(c.tagName) || other(c)));
  return !other(tree);
}

// Spaces and tabs before a line feed or the end of the text.
const TRAILING_BLANKS = /[ \t]+(?=\n|$)/g;

/** One frozen parser for every page (a processor is set up once, then only parses). */
const HTML_PARSER = unified().use(rehypeParse).freeze();

export function htmlToText(html: string): string {
  // Plain well-formed pages are read by html-simple.ts (the same tree, faster; plain tables read whole); the rest by rehype-parse.
  return textOf(readSimpleHtml(html, plainTableText) ?? HTML_PARSER.parse(html));
}

/** For tests: htmlToText with every table read from the tree (the reference for plain tables read whole). */
export function htmlToTextFromTree(html: string): string {
  return textOf(readSimpleHtml(html) ?? HTML_PARSER.parse(html));
}

function textOf(tree: Root): string {
  prepare(tree);
  return tidied(toText(tree, { whitespace: isTextWithTables(tree) ? 'pre' : 'normal' }));
}

const isBlank = (unit: number): boolean => unit === 0x20 || unit === 0x09;

/**
 * A space or tab at a line's end or the text's: where TRAILING_BLANKS can match (a match ends with one of them
 * there). Looked up at each line feed: table rows hold many spaces, which the expression tries one by one.
 */
function hasTrailingBlank(text: string): boolean {
  if (isBlank(text.charCodeAt(text.length - 1))) return true;
  for (let at = text.indexOf('\n', 1); at >= 0; at = text.indexOf('\n', at + 1)) if (isBlank(text.charCodeAt(at - 1))) return true;
  return false;
}

/** The page's text tidied: each expression run only where a plain search finds something it would change. */
function tidied(text: string): string {
  // innerText keeps the spaces around inline elements; they are layout, not text (spaces and tabs at each line's end).
  const trimmed = hasTrailingBlank(text) ? text.replace(TRAILING_BLANKS, '') : text;
  const single = trimmed.includes('\n\n\n') ? trimmed.replace(/\n{3,}/g, '\n\n') : trimmed;
  return single.trim() + '\n';
}
