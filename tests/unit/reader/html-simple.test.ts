/**
 * html-simple: the fast reader gives exactly rehype-parse's tree, or null (and
 * rehype-parse reads the page). Checked on the HTML fixtures, on pages built
 * around each quirk it must get right, and on pages it must refuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { readSimpleHtml } from '../../../src/pipeline/html-simple.ts';

const REHYPE = unified().use(rehypeParse).freeze();

/** A tree without positions, and with only the properties the html stage reads. */
function shape(node: Nodes): unknown {
  const out: Record<string, unknown> = { type: node.type };
  if (node.type === 'element') {
    out.tagName = node.tagName;
    out.spans = [node.properties.rowSpan, node.properties.colSpan].map((v) => (v === undefined ? null : Number(v)));
  }
  if ('value' in node) out.value = node.value;
  if ('children' in node) out.children = node.children.map(shape);
  return out;
}

function expectSameTree(html: string): void {
  const mine = readSimpleHtml(html);
  expect(mine, html).not.toBeNull();
  expect(shape(mine!)).toEqual(shape(REHYPE.parse(html)));
}

const PAGE = (body: string) => `<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>标题</title></head>\n<body>\n${body}\n</body>\n</html>\n`;

describe('readSimpleHtml', () => {
  it('builds rehype-parse’s tree for every HTML fixture', () => {
    const root = join(import.meta.dirname, '../../fixtures');
    const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.html?$/.test(f));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expectSameTree(readFileSync(join(root, page), 'utf8'));
  });

  it.each([
    ['a page with blocks, inline elements, entities and comments', PAGE('<div class="crumb">首页 &gt; 政务公开</div>\n<h3>一、总体情况</h3>\n<p>第一段<b>加粗</b> &amp; <span>行内</span>。<br>第二行&nbsp;&#20013;&#x6587;</p><!-- 注释 -->')],
    ['a table without tbody (the parser adds one) and whitespace between its parts', PAGE('<table>\n<tr>\n<td rowspan="2">甲</td><td colspan="2">乙</td>\n</tr>\n<tr><th>丙</th><td> 1 </td></tr>\n</table>')],
    ['a table with explicit sections and optional end tags left out', PAGE('<table><thead><tr><td>a</td></tr></thead><tbody><tr><td>1</td></tr></table>')],
    ['a fragment: text with tables and no html, head or body', '一、总体情况\n正文。\n<table><tr><td>规章</td><td>0</td></tr></table>\n三、收到\n'],
    ['whitespace and comments around html, head and body', '<!-- a -->\n<!DOCTYPE html>\n<!-- b -->\n<html>\n<!-- c -->\n<head>\n<title>t &amp; u</title>\n</head>\n<!-- d -->\n<body>\n<p>x</p>\n</body>\n<!-- e -->\n</html>\n<!-- f -->\n'],
    ['scripts and styles in head and body', PAGE('<script>var s = "<td>";</script><style>p { color: red }</style><p>x</p>')],
    ['an ampersand that starts no reference, and a lone <', PAGE('<p>A & B, 1 < 2, a&amp;b</p>')],
    ['a self-closing void element and a cell with markup', PAGE('<table><tr><td>a<br/>b <i>c</i></td><td></td></tr></table>')],
  ])('builds rehype-parse’s tree for %s', (_name, html) => expectSameTree(html));

  it.each([
    ['an unclosed element', PAGE('<div><span>x</div>')],
    ['a block inside an open paragraph', PAGE('<p>x<div>y</div></p>')],
    ['text directly in a table (moved out of it by the parser)', PAGE('<table><tr>12<td>1</td></tr></table>')],
    ['a named entity it does not know', PAGE('<p>&copy; 2024</p>')],
    ['a legacy entity without its semicolon', PAGE('<p>a &amp b</p>')],
    ['a nested table', PAGE('<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>')],
    ['a list', PAGE('<ul><li>a<li>b</ul>')],
    ['an attribute that changes the text (hidden, nowrap)', PAGE('<p hidden>x</p><table><tr><td nowrap>1</td></tr></table>')],
    ['an unquoted attribute value', PAGE('<td class=x>1</td>')],
    ['a numeric reference the parser remaps', PAGE('<p>&#128;</p>')],
    ['a cell without its row', PAGE('<table><td>1</td></table>')],
    ['a carriage return (the decode stage leaves none)', PAGE('<p>a\r\nb</p>')],
  ])('refuses %s', (_name, html) => expect(readSimpleHtml(html)).toBeNull());
});
