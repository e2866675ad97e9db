/**
 * The lexical part of html-simple.ts: tags and character references as that
 * reader takes them (anything else gives null and the page goes to
 * rehype-parse). Names and whitespace are read by character codes, not by
 * regular expressions over slices of the page.
 */

/** Attributes that change no text: anything else (hidden, nowrap, wrap …) sends the page to rehype-parse. */
const ATTRIBUTES = new Set(['class', 'id', 'style', 'lang', 'charset', 'name', 'content', 'http-equiv', 'href', 'src', 'alt', 'title', 'target', 'rel', 'type', 'width', 'height', 'align', 'valign', 'border', 'cellspacing', 'cellpadding', 'bgcolor', 'color', 'face', 'size', 'dir', 'rowspan', 'colspan']);

/** Longest tag name and attribute name read, and most whitespace read at once: longer runs are left to rehype-parse. */
const MAX_TAG_NAME = 32;
const MAX_ATTRIBUTE_NAME = 64;
const MAX_SPACE_RUN = 256;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** A numeric reference's character when the standard reads it unchanged (no control, surrogate or remapped C1 code). */
function numericChar(code: number): string | null {
  const ok = code === 9 || code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfdcf) || (code >= 0xfdf0 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff && (code & 0xfffe) !== 0xfffe);
  return ok ? String.fromCodePoint(code) : null;
}

/** Character references decoded; null when one is not a form this reader knows. */
export function decodeText(raw: string): string | null {
  if (raw.includes('\u0000')) return null;
  if (!raw.includes('&')) return raw;
  let out = '';
  let from = 0;
  for (let at = raw.indexOf('&'); at >= 0; at = raw.indexOf('&', from)) {
    out += raw.slice(from, at);
    // A reference: &name; or &#123; or &#x1F; — anything else starting with a letter, digit or # may be one the standard knows.
    const m = /^&(?:([a-z]+)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/.exec(raw.slice(at, at + 12));
    if (m) {
      const ch = m[1] !== undefined ? (ENTITIES[m[1]] ?? null) : numericChar(m[2] !== undefined ? Number(m[2]) : parseInt(m[3]!, 16));
      if (ch === null) return null;
      out += ch;
      from = at + m[0].length;
    } else {
      if (/^&[a-zA-Z0-9#]/.test(raw.slice(at, at + 2))) return null;
      out += '&';
      from = at + 1;
    }
  }
  return out + raw.slice(from);
}

export interface Tag {
  name: string;
  end: boolean;
  attributes: ReadonlyMap<string, string>;
  /** Index just past the tag's `>`. */
  next: number;
}

/** An ASCII letter: what a name starts with. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** A letter, digit or hyphen: what a name goes on with. */
function isNameChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/** HTML's whitespace (not JavaScript's \s): tab, line feed, form feed, carriage return, space. */
export function isHtmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

/** End of the name starting at `i` (a letter, then letters, digits, hyphens; at most `max` of them), or i when none. */
function nameEnd(html: string, i: number, max: number): number {
  if (!isAsciiLetter(html.charCodeAt(i))) return i;
  let j = i + 1;
  while (j < i + max && isNameChar(html.charCodeAt(j))) j++;
  return j;
}

/** The attributes of a tag that has none. */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

/** The tag at `at` (which holds `<` and a letter or `/`), or null when it is not one this reader takes. */
export function readTag(html: string, at: number): Tag | null {
  const end = html.charCodeAt(at + 1) === 0x2f;
  let i = at + (end ? 2 : 1);
  const nameTo = nameEnd(html, i, MAX_TAG_NAME);
  if (nameTo === i) return null;
  const name = html.slice(i, nameTo).toLowerCase();
  i = nameTo;
  // Made at the first attribute: most tags have none, and share NO_ATTRIBUTES (never written to).
  let attributes: Map<string, string> | null = null;
  for (;;) {
    const spaceFrom = i;
    while (i < spaceFrom + MAX_SPACE_RUN && isHtmlSpace(html.charCodeAt(i))) i++;
    const space = i - spaceFrom;
    const c = html.charCodeAt(i);
    if (c === 0x3e) return { name, end, attributes: attributes ?? NO_ATTRIBUTES, next: i + 1 };
    if (c === 0x2f && html.charCodeAt(i + 1) === 0x3e && !end) return { name, end, attributes: attributes ?? NO_ATTRIBUTES, next: i + 2 };
    // An end tag with attributes, or an attribute not after whitespace: left to rehype-parse.
    if (end || space === 0) return null;
    const attrTo = nameEnd(html, i, MAX_ATTRIBUTE_NAME);
    if (attrTo === i) return null;
    const key = html.slice(i, attrTo).toLowerCase();
    if (!ATTRIBUTES.has(key)) return null;
    i = attrTo;
    let value = '';
    if (html.charCodeAt(i) === 0x3d) {
      const q = html[i + 1];
      if (q !== '"' && q !== "'") return null;
      const close = html.indexOf(q, i + 2);
      if (close < 0) return null;
      value = html.slice(i + 2, close);
      i = close + 1;
      // The next attribute or the tag's end must follow (after whitespace), as in the loop above.
      const next = html.charCodeAt(i);
      if (!(isHtmlSpace(next) || next === 0x2f || next === 0x3e)) return null;
    }
    // A repeated attribute: the standard keeps the first.
    attributes ??= new Map<string, string>();
    if (!attributes.has(key)) attributes.set(key, value);
  }
}
