import { describe, expect, it } from 'vitest';
import { isTableLine, narrativeParagraphs, proseParagraphs } from '../../../src/search/prose.ts';
import { corpusFiles, sectionText } from './corpus.ts';

const TABLE_PARTS = ['proactive_disclosure', 'applications', 'review_litigation'] as const;

describe('prose of parts 二–四 on the corpus', () => {
  it('keeps the sentences 16_hebei_kjt_2019 writes instead of tables 三 and 四', () => {
    expect(proseParagraphs(sectionText('16_hebei_kjt_2019.txt', 'applications'))).toEqual(['2019年未收到政府信息公开申请。']);
    expect(proseParagraphs(sectionText('16_hebei_kjt_2019.txt', 'review_litigation'))).toEqual(['2019年未发生涉及政府信息公开的行政复议、行政诉讼案件。']);
  });

  it('finds no prose in the tables of the other nine reports (one cell per line, pipes, tabs, spaces, glued)', () => {
    const files = corpusFiles().filter((f) => f !== '16_hebei_kjt_2019.txt');
    expect(files).toHaveLength(9);
    for (const file of files) {
      for (const code of TABLE_PARTS) {
        const text = sectionText(file, code);
        expect(proseParagraphs(text), `${file} ${code}`).toEqual([]);
      }
    }
  });

  it('the table parts hold the table label that search must not find, and the prose does not', () => {
    const label = '本年新收政府信息公开申请数量';
    const withLabel = corpusFiles().filter((f) => sectionText(f, 'applications').replace(/\s/g, '').includes(label));
    expect(withLabel.length).toBeGreaterThanOrEqual(8);
    for (const file of withLabel) expect(proseParagraphs(sectionText(file, 'applications')).join('')).not.toContain(label);
  });
});

describe('isTableLine', () => {
  it.each([
    ['一、本年新收政府信息公开申请数量 95 0 0 0 0 0 95', 'space-separated row (10_hongze)'],
    ['规章 | 0 | 0 | 0 |', 'pipe row (004)'],
    ['3.危及“三安全一稳定”', 'label, one cell per line (000)'],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'label with the template note (12_hebei_jyt)'],
    ['于第三项加第四项之和）', 'wrapped half of the template note (10_hongze)'],
    ['二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件1153', 'glued table (18_hebei_kjt)'],
    ['- 3 -', 'PDF page number'],
    ['0元', 'amount cell'],
  ])('%s is table (%s)', (line) => {
    expect(isTableLine(line)).toBe(true);
  });

  it.each([
    '2019年未收到政府信息公开申请。',
    '2024 年，区政府严格落实《政府信息公开信息处理费管理办',
    '全年主动公开政府信息4578条，其中发布新闻1269条。',
    '行政复议0件，行政诉讼0件。',
    '本年度共收到政府信息公开申请16件，予以公开9件，本机关不掌握相关政府信息3件，没有现成信息需要另行制作4件。',
  ])('%s is prose', (line) => {
    expect(isTableLine(line)).toBe(false);
  });
});

describe('prose after a table in the same part', () => {
  it('keeps the sentence, drops the cells (one cell per line, then a pipe row)', () => {
    const text = '第二十条第（一）项\n信息内容\n本年新制作数量\n规章\n0\n0\n0\n本年度我单位未收到行政复议申请。\n| 行政许可 | 0 |';
    expect(proseParagraphs(text)).toEqual(['本年度我单位未收到行政复议申请。']);
  });
});

describe('narrative paragraphs', () => {
  it('joins PDF-wrapped lines so a word broken over two lines is one word again (10_hongze)', () => {
    const raw = sectionText('10_hongze_2024_pypdf.txt', 'general');
    expect(raw.replace(/[ \t]/g, '')).toContain('政务新媒\n体日常管理');
    const joined = narrativeParagraphs(raw).join('\n');
    expect(joined).toContain('政务新媒体日常管理');
  });

  it('keeps every character of a web-copied narrative part (000 part 一)', () => {
    const raw = sectionText('000_bbae7e2c4812eba4.txt', 'general');
    expect(narrativeParagraphs(raw).join('').replace(/\s/g, '')).toBe(raw.replace(/\s/g, ''));
    expect(narrativeParagraphs(raw)[0]).toMatch(/^2020年,区政府办认真贯彻执行《条例》各项规定/);
  });
});
