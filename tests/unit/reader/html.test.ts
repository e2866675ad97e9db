/** html: hast-based conversion; tables as pipe rows with spans expanded; an HTML rendering of a report reads like its .txt. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/pipeline/html.ts';
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
