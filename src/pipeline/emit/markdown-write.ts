/**
 * The report's markdown blocks written straight to a string, byte for byte
 * what the reference (remark-stringify + remark-gfm, markdown-mdast.ts) writes.
 *
 * The reference escapes text with some sixty context patterns per text node,
 * which is most of its cost. Here a text is written as is only when it holds
 * none of the characters those patterns can act on in its place (the tests
 * check this against the reference on every short string of the characters
 * involved); any other text goes to the reference for its block or cell, and
 * the answer is kept, since the same cells (`12*`) recur across reports.
 */
import { stringifyBlock, stringifyCell, type Block, type FindingItem } from './markdown-mdast.ts';

// Characters the reference may escape anywhere in running text: attention and code markers, `[` (links,
// footnotes), `~` (strikethrough), `|` (tables), backslash, line ends, `&`/`<` (references, HTML);
// and the sequences of GFM autolink literals (`a@b`, `www.`, `http:/`) and of a link's `](`.
const ANYWHERE = /[*_`[~|\\\r\n&<@]|\]\(|[Ww]\.|:\//;
// What the reference escapes at the start of a line: block markers (`#`, `>`, `-`, `+`, `=`, `:`, `1.`, `1)` …)
// and leading white space.
const LINE_START = /^(?:[\t #*+\-.<=>[_`~|:)]|\d+[.)])/;
// White space before a line end is encoded by the reference.
const SPACE_END = /[\t ]$/;

/** A paragraph's line (a flow block: a line start before it, a line end after it). */
export const plainLine = (text: string): boolean => text !== '' && !ANYWHERE.test(text) && !LINE_START.test(text) && !SPACE_END.test(text);

/** An ATX heading's text: not at a line start, but a leading blank and a closing `#` are escaped. */
export const plainHeading = (text: string): boolean => text !== '' && !ANYWHERE.test(text) && !/^[\t ]|[\t #]$/.test(text);

/** A table cell's text: between pipes, so neither line start nor line end applies. */
export const plainCell = (text: string): boolean => !ANYWHERE.test(text);

/** The text after a finding's code: after a backtick, before a line end. */
export const plainAfterCode = (text: string): boolean => text !== '' && !ANYWHERE.test(text) && !SPACE_END.test(text);

// Rule codes such as `table.sum_mismatch`: no backtick, no blank at either end, so one backtick fences them.
const PLAIN_CODE = /^[\w.-]+$/;

const MEMO_LIMIT = 20_000;
const memo = new Map<string, string>();

function remembered(key: string, make: () => string): string {
  let out = memo.get(key);
  if (out === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    out = make();
    memo.set(key, out);
  }
  return out;
}

function cell(text: string): string {
  if (text === '') return '';
  return plainCell(text) ? text : remembered(`c\0${text}`, () => stringifyCell(text));
}

function tableRow(texts: string[]): string {
  if (texts.length === 0) return '| |';
  let line = '|';
  for (const text of texts) {
    const c = cell(text);
    line += c === '' ? ' |' : ` ${c} |`;
  }
  return line;
}

function writeTable(header: string[], rows: string[][]): string {
  let out = `${tableRow(header)}\n|${' - |'.repeat(header.length)}`;
  for (const row of rows) out += `\n${tableRow(row)}`;
  return out;
}

function writeItem(item: FindingItem): string {
  if (PLAIN_CODE.test(item.code) && plainAfterCode(item.text)) return `- \`${item.code}\`${item.text}`;
  return remembered(`i\0${item.code}\0${item.text}`, () => stringifyBlock({ kind: 'list', items: [item] }));
}

/** A list's items under `bullet` (items are made with `-`, the bullet they start with). */
function writeList(items: FindingItem[], bullet: string): string {
  const lines = items.map(writeItem);
  return (bullet === '-' ? lines : lines.map((item) => bullet + item.slice(1))).join('\n');
}

function writeBlock(block: Block, bullet: string): string {
  switch (block.kind) {
    case 'heading': return plainHeading(block.text) ? `${'#'.repeat(block.depth)} ${block.text}` : remembered(`h${block.depth}\0${block.text}`, () => stringifyBlock(block));
    case 'paragraph': return plainLine(block.text) ? block.text : remembered(`p\0${block.text}`, () => stringifyBlock(block));
    case 'table': return block.header.length ? writeTable(block.header, block.rows) : stringifyBlock(block);
    case 'list': return block.items.length ? writeList(block.items, bullet) : '';
  }
}

/**
 * The blocks as one document: blank lines between blocks, a final line end;
 * a list right after a list takes the other bullet (as the reference).
 */
export function writeMarkdown(blocks: Block[]): string {
  let out = '';
  let lastBullet: string | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const bullet = block.kind === 'list' && lastBullet === '-' ? '*' : '-';
    out += (i ? '\n\n' : '') + writeBlock(block, bullet);
    lastBullet = block.kind === 'list' ? bullet : undefined;
  }
  const last = out.charCodeAt(out.length - 1);
  return out !== '' && last !== 10 && last !== 13 ? `${out}\n` : out;
}
