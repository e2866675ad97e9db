/**
 * A fast reader for the plain, well-formed HTML most report pages are: it
 * builds exactly the hast tree rehype-parse (parse5, the HTML standard's
 * parser) builds, or returns null, and html.ts then parses with rehype-parse.
 * parse5 was most of the html stage's time and, being a large program, slow
 * to warm up.
 *
 * Exact by refusal: it reads only what has one reading in the standard's
 * tree construction without error recovery — elements closed in order by
 * their own end tags, tables of tbody/thead/tfoot/tr/td/th with only
 * whitespace between the parts, a known set of elements and attributes, the
 * five common entities and numeric ones. Anything else (an unclosed or
 * misnested element, a block inside <p>, text directly in a table, a named
 * entity it does not know, nested tables, forms, lists, noscript …) gives
 * null. tests/unit/reader/html-simple.test.ts compares its trees with
 * rehype-parse's. Tags and character references are read by
 * html-simple-tags.ts; this module builds the tree.
 */
import type { Comment, Doctype, Element, ElementContent, Root, RootContent, Text } from 'hast';
import { decodeText, isAsciiLetter, readTag, type Tag } from './html-simple-tags.ts';
import { readPlainTable, type PlainCell } from './html-simple-table.ts';

type Parent = Root | Element;
type Mode = 'initial' | 'beforeHead' | 'inHead' | 'afterHead' | 'inBody' | 'afterBody' | 'afterAfterBody';

/** Elements read as an ordinary container in <body> and in table cells. */
const CONTAINERS = new Set(['span', 'label', 'abbr', 'sub', 'sup', 'cite', 'q', 'time', 'mark', 'var', 'samp', 'kbd', 'dfn', 'ins', 'del', 'bdi']);
/** Formatting elements: ordinary too when closed in order (and <a> never inside <a>). */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Blocks that close an open <p> (so refused while one is open). */
const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'details', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'section', 'summary', 'p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const VOIDS = new Set(['br', 'img', 'wbr', 'meta', 'link', 'base']);
/** Elements whose text runs to their end tag: script and style unparsed, title with entities. */
const RAW_TEXT = new Set(['script', 'style', 'title']);
const HEAD_ONLY = new Set(['meta', 'link', 'base', 'title', 'script', 'style']);
const TABLE_SECTIONS = new Set(['tbody', 'thead', 'tfoot']);

// HTML's whitespace (not JavaScript's \s): tab, line feed, form feed, carriage return, space.
const HTML_SPACE = /^[\t\n\f\r ]*$/;
const LEADING_SPACE = /^[\t\n\f\r ]*/;
// A doctype of the standard's documents: <!DOCTYPE html>.
const DOCTYPE = /^<!doctype[\t\n\f ]+html[\t\n\f ]*>/i;
function element(name: string, attributes: ReadonlyMap<string, string>): Element | null {
  const properties: Element['properties'] = {};
  for (const [key, value] of attributes) {
    if (key !== 'rowspan' && key !== 'colspan') continue;
    // Spans are read as numbers (html.ts spanOf): a reference in one is left to rehype-parse.
    if (value.includes('&')) return null;
    properties[key === 'rowspan' ? 'rowSpan' : 'colSpan'] = value;
  }
  return { type: 'element', tagName: name, properties, children: [] };
}

// Where the text of a raw-text element ends: its end tag, name then whitespace, `/` or `>`.
const RAW_TEXT_END: Record<string, RegExp> = { script: /<\/script[\t\n\f\r />]/i, style: /<\/style[\t\n\f\r />]/i, title: /<\/title[\t\n\f\r />]/i };
const TABLE_CONTEXT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr']);
const CELLS = new Set(['td', 'th']);

/** The tree as the standard's tree construction builds it, for the inputs it accepts (see the header). */
class Builder {
  readonly root: Root = { type: 'root', children: [] };
  private readonly stack: Element[] = [];
  private mode: Mode = 'initial';
  private html: Element | null = null;
  private head: Element | null = null;
  private body: Element | null = null;

  private current(): Parent {
    return this.stack[this.stack.length - 1] ?? this.root;
  }

  private open(name: string): boolean {
    return this.stack.some((e) => e.tagName === name);
  }

  private insertText(parent: Parent, value: string): void {
    if (value === '') return;
    const last = parent.children[parent.children.length - 1];
    // The parser adds characters to the text node just before them.
    if (last?.type === 'text') last.value += value;
    else (parent.children as (ElementContent | RootContent)[]).push({ type: 'text', value } satisfies Text);
  }

  private append(parent: Parent, node: Element, push: boolean): void {
    (parent.children as ElementContent[]).push(node);
    if (push) this.stack.push(node);
  }

  private ensureHtml(): void {
    if (this.mode !== 'initial') return;
    this.html = { type: 'element', tagName: 'html', properties: {}, children: [] };
    this.root.children.push(this.html);
    this.stack.push(this.html);
    this.mode = 'beforeHead';
  }

  private ensureHead(): void {
    this.ensureHtml();
    if (this.mode !== 'beforeHead') return;
    this.head = { type: 'element', tagName: 'head', properties: {}, children: [] };
    this.append(this.html!, this.head, true);
    this.mode = 'inHead';
  }

  private ensureBody(): void {
    this.ensureHead();
    if (this.mode === 'inHead') {
      this.stack.pop();
      this.mode = 'afterHead';
    }
    if (this.mode !== 'afterHead') return;
    this.body = { type: 'element', tagName: 'body', properties: {}, children: [] };
    this.append(this.html!, this.body, true);
    this.mode = 'inBody';
  }

  private inTableContext(): boolean {
    const cur = this.current();
    return cur.type === 'element' && TABLE_CONTEXT.has(cur.tagName);
  }

  doctype(): boolean {
    if (this.mode !== 'initial' || this.root.children.some((c) => c.type !== 'comment')) return false;
    this.root.children.push({ type: 'doctype' } satisfies Doctype);
    return true;
  }

  comment(value: string): boolean {
    const node: Comment = { type: 'comment', value };
    if (this.mode === 'initial' || this.mode === 'afterAfterBody') this.root.children.push(node);
    else if (this.mode === 'afterBody') this.html!.children.push(node);
    else (this.current().children as ElementContent[]).push(node);
    return true;
  }

  text(value: string): boolean {
    if (this.mode === 'inBody') {
      // Text directly in a table is moved out of it by the standard: left to rehype-parse.
      if (this.inTableContext() && !HTML_SPACE.test(value)) return false;
      this.insertText(this.current(), value);
      return true;
    }
    const space = LEADING_SPACE.exec(value)![0];
    const rest = value.slice(space.length);
    switch (this.mode) {
      case 'initial':
      case 'beforeHead':
        // Whitespace before <html> and <head> is not in the tree.
        if (rest === '') return true;
        this.ensureBody();
        this.insertText(this.current(), rest);
        return true;
      case 'inHead':
      case 'afterHead':
        this.insertText(this.current(), space);
        if (rest === '') return true;
        this.ensureBody();
        this.insertText(this.current(), rest);
        return true;
      default:
        // After </body>: whitespace goes to the body, anything else is an error the standard recovers from.
        if (rest !== '') return false;
        this.insertText(this.body!, value);
        return true;
    }
  }

  /** <title>, <script> or <style> with its text. */
  rawText(tag: Tag, text: string): boolean {
    const node = element(tag.name, tag.attributes);
    if (!node) return false;
    if (text !== '') node.children.push({ type: 'text', value: text });
    if (this.mode === 'initial' || this.mode === 'beforeHead') this.ensureHead();
    if (this.mode === 'inHead' || (this.mode === 'inBody' && !this.inTableContext())) {
      this.append(this.current(), node, false);
      return true;
    }
    return false;
  }

  startTag(tag: Tag): boolean {
    const name = tag.name;
    if (name === 'html') {
      if (this.mode !== 'initial') return false;
      this.ensureHtml();
      return true;
    }
    if (name === 'head') {
      if (this.mode !== 'initial' && this.mode !== 'beforeHead') return false;
      this.ensureHead();
      return true;
    }
    if (name === 'body') {
      if (this.mode !== 'initial' && this.mode !== 'beforeHead' && this.mode !== 'inHead' && this.mode !== 'afterHead') return false;
      this.ensureBody();
      return true;
    }
    const node = element(name, tag.attributes);
    if (!node || this.mode === 'afterBody' || this.mode === 'afterAfterBody') return false;
    if (HEAD_ONLY.has(name)) {
      if (this.mode === 'initial' || this.mode === 'beforeHead') this.ensureHead();
      if (this.mode === 'afterHead' || (this.mode === 'inBody' && this.inTableContext())) return false;
      this.append(this.current(), node, false);
      return true;
    }
    this.ensureBody();
    const cur = this.current() as Element;
    if (this.inTableContext()) {
      if (TABLE_SECTIONS.has(name) && cur.tagName === 'table') this.append(cur, node, true);
      else if (name === 'tr' && cur.tagName === 'table') {
        const tbody: Element = { type: 'element', tagName: 'tbody', properties: {}, children: [] };
        this.append(cur, tbody, true);
        this.append(tbody, node, true);
      } else if (name === 'tr' && TABLE_SECTIONS.has(cur.tagName)) this.append(cur, node, true);
      else if (CELLS.has(name) && cur.tagName === 'tr') this.append(cur, node, true);
      else return false;
      return true;
    }
    if (name === 'table') {
      // Nested tables, and a table in an open <p> (which quirks mode leaves open), are left to rehype-parse.
      if (this.open('table') || this.open('p')) return false;
      this.append(cur, node, true);
      return true;
    }
    if (BLOCKS.has(name) || HEADINGS.has(name)) {
      if (this.open('p') || (HEADINGS.has(name) && HEADINGS.has(cur.tagName))) return false;
      this.append(cur, node, true);
      return true;
    }
    if (FORMATTING.has(name) || CONTAINERS.has(name)) {
      if (name === 'a' && this.open('a')) return false;
      this.append(cur, node, true);
      return true;
    }
    if (VOIDS.has(name)) {
      this.append(cur, node, false);
      return true;
    }
    return false;
  }

  endTag(name: string): boolean {
    if (this.mode === 'inHead') {
      if (name !== 'head') return false;
      this.stack.pop();
      this.mode = 'afterHead';
      return true;
    }
    if (this.mode === 'afterBody') {
      if (name !== 'html') return false;
      this.mode = 'afterAfterBody';
      return true;
    }
    if (this.mode !== 'inBody') return false;
    const cur = this.current() as Element;
    if (name === 'body' || name === 'html') {
      if (cur !== this.body) return false;
      this.mode = name === 'body' ? 'afterBody' : 'afterAfterBody';
      return true;
    }
    if (name === 'table' && TABLE_CONTEXT.has(cur.tagName)) {
      // </table> closes the rows and sections still open (their end tags are optional), then the table.
      while ((this.current() as Element).tagName !== 'table') this.stack.pop();
      this.stack.pop();
      return true;
    }
    if (cur.tagName !== name || VOIDS.has(name)) return false;
    this.stack.pop();
    return true;
  }

  /** A table read whole (html-simple-table.ts), as the <pre> of its rows the html stage makes of it; false where startTag refuses a table. */
  textTable(tag: Tag, rows: string): boolean {
    if (!element(tag.name, tag.attributes) || this.mode === 'afterBody' || this.mode === 'afterAfterBody') return false;
    this.ensureBody();
    if (this.inTableContext() || this.open('table') || this.open('p')) return false;
    this.append(this.current(), { type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'text', value: rows }] }, false);
    return true;
  }

  finish(): Root {
    this.ensureBody();
    return this.root;
  }
}

/**
 * The hast tree of `html` as rehype-parse would give it (positions aside), or null when the page is not one this reader takes.
 * With `tableText` (the html stage's), each plain table (html-simple-table.ts) is read whole and stands in the tree as the
 * <pre> element tableText makes of its rows (null: the table is read tag by tag).
 */
export function readSimpleHtml(html: string, tableText?: (rows: PlainCell[][]) => string | null): Root | null {
  // The parser turns carriage returns into line feeds and skips a byte order mark; the decode stage has done both already.
  if (html.includes('\r') || html.startsWith('\ufeff')) return null;
  const b = new Builder();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i) {
      const text = decodeText(html.slice(i, textEnd));
      if (text === null || !b.text(text)) return null;
    }
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      if (close < 0) return null;
      const value = html.slice(lt + 4, close);
      // Comments the standard ends early or reads otherwise.
      if (value.startsWith('>') || value.startsWith('->') || value.includes('--!>') || value.includes('<!--')) return null;
      b.comment(value);
      i = close + 3;
    } else if (next === '!') {
      const m = DOCTYPE.exec(html.slice(lt, lt + 64));
      if (!m || !b.doctype()) return null;
      i = lt + m[0].length;
    } else if (isAsciiLetter(next.charCodeAt(0)) || next === '/') {
      const tag = readTag(html, lt);
      if (!tag) return null;
      i = tag.next;
      if (tableText !== undefined && !tag.end && tag.name === 'table') {
        const plain = readPlainTable(html, i);
        const rows = plain === null ? null : tableText(plain.rows);
        if (rows !== null) {
          if (!b.textTable(tag, rows)) return null;
          i = plain!.next;
          continue;
        }
      }
      if (!tag.end && RAW_TEXT.has(tag.name)) {
        const end = RAW_TEXT_END[tag.name]!.exec(html.slice(i));
        if (!end) return null;
        const raw = html.slice(i, i + end.index);
        const text = tag.name === 'title' ? decodeText(raw) : raw.includes('<!--') || raw.includes('\u0000') ? null : raw;
        const endTag = readTag(html, i + end.index);
        if (text === null || !endTag?.end || !b.rawText(tag, text)) return null;
        i = endTag.next;
      } else if (!(tag.end ? b.endTag(tag.name) : b.startTag(tag))) return null;
    } else {
      // A `<` that starts no tag is text; `<?` is a bogus comment.
      if (next === '?' || !b.text('<')) return null;
      i = lt + 1;
    }
  }
  return b.finish();
}
