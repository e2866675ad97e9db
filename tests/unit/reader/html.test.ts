/** html: hast-based conversion; tables as pipe rows with spans expanded; an HTML rendering of a report reads like its .txt. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText, htmlToTextFromTree } from '../../../src/pipeline/html.ts';
import { readPlainTable } from '../../../src/pipeline/html-simple-table.ts';
import { corpusBytes, FIXTURE_DIR, readStages } from './load.ts';

describe('htmlToText', () => {
  it('turns blocks into lines and drops scripts, styles and comments', () => {
    const text = htmlToText('<html><head><title>T</title><style>p{color:red}</style></head><body><!-- c --><div>一、总体情况</div><p>第一段<b>加粗</b>。<br>第二行</p><script>alert("x")</script></body></html>');
    expect(text).toBe('一、总体情况\n\n第一段加粗。\n第二行\n');
  });

  it('expands colspan and rowspan so every row has the same cells, with spanned positions empty', () => {
    const text = htmlToText(
      '<table><tr><td rowspan="2">三、本年度办理结果</td><td>(一)予以公开</td><td>5</td></tr>' +
        '<tr><td>(二)部分公开</td><td>1</td></tr><tr><td colspan="2">四、结转下年度继续办理</td><td>2</td></tr></table>',
    );
    expect(text).toBe('| 三、本年度办理结果 | (一)予以公开 | 5 |\n|  | (二)部分公开 | 1 |\n| 四、结转下年度继续办理 |  | 2 |\n');
  });

  it('keeps the line breaks of plain text that only carries table fragments', () => {
    const text = htmlToText('一、总体情况\n正文第一段。\n二、主动公开政府信息情况\n<table><tr><td>规章</td><td>0</td></tr></table>\n三、收到和处理政府信息公开申请情况\n');
    expect(text).toBe('一、总体情况\n正文第一段。\n二、主动公开政府信息情况\n\n| 规章 | 0 |\n\n三、收到和处理政府信息公开申请情况\n');
  });

  it('keeps a pipe inside a cell from splitting it', () => {
    expect(htmlToText('<table><tr><td>a|b</td><td>1</td></tr></table>')).toBe('| a｜b | 1 |\n');
  });
});

describe('an HTML rendering of 004 gives the same parts as the .txt', () => {
  const html = readStages('html-rowspan-tables/input.html', new Uint8Array(readFileSync(join(FIXTURE_DIR, 'html-rowspan-tables', 'input.html'))));
  const txt = readStages('004_e90c2bdef7009ef2.txt', corpusBytes('004_e90c2bdef7009ef2.txt'));
  const squash = (s: string) => s.replace(/\s+/gu, '');
  const numbers = (s: string) => s.match(/\d+(?:\.\d+)?/g) ?? [];

  it('same metadata', () => {
    expect(html.metadata).toEqual(txt.metadata);
  });

  it('same headings and narrative parts, character for character apart from line breaks', () => {
    expect(html.sections.map((s) => s.title_found)).toEqual(txt.sections.map((s) => s.title_found));
    for (const code of ['general', 'problems', 'other_matters']) {
      const a = html.sections.find((s) => s.code === code)!.text;
      const b = txt.sections.find((s) => s.code === code)!.text;
      expect(squash(a), code).toBe(squash(b));
    }
  });

  it('same numbers, in the same order, in the table parts 二–四', () => {
    for (const code of ['proactive_disclosure', 'applications', 'review_litigation']) {
      const a = numbers(html.sections.find((s) => s.code === code)!.text);
      expect(a, code).toEqual(numbers(txt.sections.find((s) => s.code === code)!.text));
    }
    expect(numbers(html.sections[1]!.text).filter((n) => n !== '0' && !/^[1-9]$/.test(n))).toEqual(['23', '55', '3949', '895', '7.522']);
  });

  it('every row of the applications table has 10 cells and the rowspan label appears once', () => {
    const rows = html.sections[2]!.text.split('\n').filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(3 + 2 + 22 + 1);
    for (const row of rows) expect(row.split('|').length - 2, row).toBe(10);
    expect(html.sections[2]!.text.split('三、本年度办理结果').length - 1).toBe(1);
  });

  it('the page chrome is removed and recorded', () => {
    expect(html.removed_chrome).toEqual(expect.arrayContaining(['首页 > 信息公开 > 政府信息公开年报', '扫一扫在手机打开当前页', '鄂ICP备05003312号']));
    expect(html.text).not.toContain('版权所有');
  });
});

describe('htmlToText: plain tables read whole give the text the tree gives', () => {
  const PAGE = (body: string) => `<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>标题</title></head>\n<body>\n${body}\n</body>\n</html>\n`;
  const tables = [
    '<table>\n<tr>\n<td rowspan="2">甲</td><td colspan="2">乙</td>\n</tr>\n<tr><th>丙</th><td> 1 </td></tr>\n</table>',
    '<table><thead><tr><td>a</td></tr></thead><tbody><tr><td>1</td></tr></table>',
    '<table><tr><td>a</td></tr></tbody><tr><td>b</td></tr></table>',
    '<table><tbody><tr><td>a</td></tbody></table>',
    '<TABLE border="1"><TR><TD ROWSPAN="3" colspan="x">a &amp; b &lt;c&gt; &#20013;</TD><td colspan="0">|p|</td><td rowspan="1000"></td></TR></TABLE>',
    '<table><tr><td>a\n\tb  c</td><td>&nbsp;x&nbsp;</td><td>\u200b零宽</td><td>\u200e方向</td></tr></table>',
    '<table><tr></tr><tr><td/>x</td></tr></table>',
    '<table><tr><td>a</th></tr></table>',
    '<table><tr><td>a<br>b</td></tr></table>',
    '<table><tr><td>1 < 2</td></tr></table>',
    '<table><!-- c --><tr><td>a</td></tr></table>',
    '<table><tr><td>a</td>x</tr></table>',
    '<table><tr><td>a</td><tr><td>b</td></tr></table>',
    '<table><caption>t</caption><tr><td>a</td></tr></table>',
    '<table><tr><td>a</td></tr><thead><tr><td>b</td></tr></thead></table>',
    '<table><tr><td rowspan="&#50;">a</td></tr></table>',
    '<table><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table>',
    '<table><tr><td>a</td></tr>',
    '<table><tr><td>&copy;</td></tr></table>',
    '<table><tr><td nowrap>a</td></tr></table>',
    '<table><tr><td>a</td></tr></table >',
  ];
  const pages = [
    ...tables.map(PAGE),
    ...tables.map((t) => `一、总体情况\n正文。\n${t}\n三、收到\n`),
    ...tables.map((t) => PAGE(`<p>段落</p><div><span>x</span>${t}</div>`)),
    ...tables.map((t) => PAGE(`<p>段落${t}</p>`)),
    PAGE('<table><tr><td><table><tr><td>a</td></tr></table></td></tr></table>'),
  ];

  it.each(pages.map((p) => [p]))('%s', (page) => {
    expect(htmlToText(page)).toBe(htmlToTextFromTree(page));
  });

  it('on every HTML fixture and corpus page', () => {
    const root = join(FIXTURE_DIR, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.html?$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const page = readFileSync(join(root, f), 'utf8');
      expect(htmlToText(page), f).toBe(htmlToTextFromTree(page));
    }
  });
});

describe('readPlainTable', () => {
  it('reads a plain table whole, with its cells as printed', () => {
    const html = '<table>\n<tr><td rowspan="2">甲 &amp; 乙</td><th colspan="2"></th></tr>\n</table>后';
    const read = readPlainTable(html, '<table>'.length);
    expect(read).toEqual({ rows: [[{ text: '甲 & 乙', rowSpan: '2', colSpan: undefined }, { text: '', rowSpan: undefined, colSpan: '2' }]], next: html.length - 1 });
  });

  it.each([['<table><tr><td>a<br>b</td></tr></table>'], ['<table><!-- c --><tr><td>a</td></tr></table>'], ['<table><tr><td>a</th></tr></table>'], ['<table><tr><td>a</td><tr></table>'], ['<table>x<tr></tr></table>']])(
    'leaves %s to the tree',
    (html) => expect(readPlainTable(html, '<table>'.length)).toBeNull(),
  );
});
