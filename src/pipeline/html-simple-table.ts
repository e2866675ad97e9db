/**
 * A plain table read whole by html-simple.ts, without a tree: rows of cells
 * that hold text only (character references allowed), with only whitespace
 * between the table's parts. It takes a table only when html-simple.ts's
 * tree construction would take it tag by tag, and the html stage then turns
 * the cells into the same pipe rows it makes from that tree (html.ts). Any
 * other table (markup, a comment or stray text in it, a cell without its end
 * tag, a misplaced part) gives null and is read tag by tag as before.
 * tests/unit/reader/html.test.ts compares both readings of each page.
 */
import { decodeText, isAsciiLetter, isHtmlSpace, readTag, type Tag } from './html-simple-tags.ts';

/** One cell as printed: its text (references decoded) and its span attributes (as the tree keeps them). */
export interface PlainCell {
  text: string;
  rowSpan: string | undefined;
  colSpan: string | undefined;
}

const SECTIONS = new Set(['tbody', 'thead', 'tfoot']);

/** The tags most pages' tables are made of, as readTag reads them (their `next` unused: the caller knows their length). */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
const PLAIN_TD: Tag = { name: 'td', end: false, attributes: NO_ATTRIBUTES, next: -1 };
const PLAIN_TR: Tag = { name: 'tr', end: false, attributes: NO_ATTRIBUTES, next: -1 };
const PLAIN_TR_END: Tag = { name: 'tr', end: true, attributes: NO_ATTRIBUTES, next: -1 };

/** The tree construction refuses a span with a reference in it (html-simple.ts `element`). */
function spansReadable(tag: Tag): boolean {
  if (tag.attributes.size === 0) return true;
  const row = tag.attributes.get('rowspan');
  const col = tag.attributes.get('colspan');
  return !(row?.includes('&') || col?.includes('&'));
}

/**
 * The rows of the table whose start tag ends just before `at`, and the offset after its end tag; null when
 * the table is not plain. As the tree construction reads a table: a row may stand in a section or (in the
 * tbody the parser implies) directly in the table; a cell must end with its own end tag; a row's end tag
 * and a section's may be left out before </table>, which closes them.
 */
export function readPlainTable(html: string, at: number): { rows: PlainCell[][]; next: number } | null {
  const rows: PlainCell[][] = [];
  // The open section ('tbody' for the one the parser implies) and row.
  let section: string | null = null;
  let row: PlainCell[] | null = null;
  let i = at;
  for (;;) {
    while (isHtmlSpace(html.charCodeAt(i))) i++;
    // Text in a table, a comment or the end of the page: left to the tree construction.
    if (html.charCodeAt(i) !== 0x3c) return null;
    const after = html.charCodeAt(i + 1);
    if (!isAsciiLetter(after) && after !== 0x2f) return null;
    // A plain <td>, <tr> or </tr> as most pages write them (what readTag reads them as), else the tag read.
    const tag = html.startsWith('<td>', i) ? PLAIN_TD : html.startsWith('<tr>', i) ? PLAIN_TR : html.startsWith('</tr>', i) ? PLAIN_TR_END : readTag(html, i);
    if (tag === null || !spansReadable(tag)) return null;
    i = tag === PLAIN_TD || tag === PLAIN_TR ? i + 4 : tag === PLAIN_TR_END ? i + 5 : tag.next;
    const name = tag.name;
    if (tag.end) {
      if (name === 'table') return { rows, next: i };
      if (row !== null) {
        if (name !== 'tr') return null;
        row = null;
      } else if (section !== null && name === section) section = null;
      else return null;
      continue;
    }
    if (row !== null) {
      if (name !== 'td' && name !== 'th') return null;
      // The cell's text runs to the next `<`, which must start the cell's own end tag.
      const lt = html.indexOf('<', i);
      if (lt < 0 || html.charCodeAt(lt + 1) !== 0x2f) return null;
      const text = lt === i ? '' : decodeText(html.slice(i, lt));
      if (text === null) return null;
      row.push({ text, rowSpan: tag.attributes.get('rowspan'), colSpan: tag.attributes.get('colspan') });
      // The end tag as most pages write it (what readTag reads it as), else read.
      if (html.startsWith(name === 'td' ? '</td>' : '</th>', lt)) i = lt + 5;
      else {
        const end = readTag(html, lt);
        if (end === null || end.name !== name) return null;
        i = end.next;
      }
    } else if (name === 'tr') {
      row = [];
      rows.push(row);
      section ??= 'tbody';
    } else if (section === null && SECTIONS.has(name)) section = name;
    else return null;
  }
}
