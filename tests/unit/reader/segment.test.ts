/** segment: the six parts by their numbered titles, in template order, never invented. */
import { describe, expect, it } from 'vitest';
import { findHeadingCandidates, givesTitleEnd, isSlowUnit, MAY_GIVE_TITLE_END, normalisedByCodePoint, NUMERAL, normalisedWithOffsets, NOT_SLOW_RUN, segmentReport, signOffStart } from '../../../src/pipeline/segment.ts';

const codes = (text: string) => segmentReport(text).value.map((s) => (s.status === 'present' ? s.title_found : null));

const FULL = [
  '一、总体情况', '正文一。', '二、主动公开政府信息情况', '表二', '三、收到和处理政府信息公开申请情况', '表三',
  '四、政府信息公开行政复议、行政诉讼情况', '表四', '五、存在的主要问题及改进情况', '正文五。', '六、其他需要报告的事项', '无。',
].join('\n');

describe('segmentReport', () => {
  it('finds the six parts and excludes each heading from its text', () => {
    const parts = segmentReport(FULL).value;
    expect(parts.map((p) => p.text)).toEqual(['正文一。', '表二', '表三', '表四', '正文五。', '无。']);
    expect(segmentReport(FULL).findings).toEqual([]);
  });

  it('accepts numbering and punctuation variants and Markdown marks', () => {
    const text = FULL.replace('一、', '## 一. ').replace('二、', '**二，').replace('主动公开政府信息情况', '主动公开政府信息情况**').replace('六、', '#### **六、').replace('报告的事项', '报告的事项**');
    const parts = segmentReport(text).value;
    expect(parts.every((p) => p.status === 'present')).toBe(true);
    expect(parts[0]!.title_found).toBe('## 一. 总体情况');
    expect(parts[1]!.title_found).toBe('**二，主动公开政府信息情况**');
    expect(parts[5]!.title_found).toBe('#### **六、其他需要报告的事项**');
    expect(parts[5]!.text).toBe('无。');
  });

  it('accepts 第一部分 numbering', () => {
    const text = FULL.replace('一、', '第一部分 ').replace('二、', '第二部分、');
    expect(codes(text).slice(0, 2)).toEqual(['第一部分 总体情况', '第二部分、主动公开政府信息情况']);
  });

  it('accepts the alternative titles of parts 四 and 五', () => {
    const text = FULL.replace('四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况').replace('五、存在的主要问题及改进情况', '五、存在问题及改进措施');
    expect(codes(text)[3]).toBe('四、因政府信息公开工作被申请行政复议、提起行政诉讼情况');
    expect(codes(text)[4]).toBe('五、存在问题及改进措施');
  });

  it('does not take sub-headings （一）… or table rows 一、本年新收… / 四、结转下年度继续办理 for parts', () => {
    const text = [
      '一、总体情况', '（二）主动公开政府信息情况', '说明。', '二、主动公开政府信息情况', '表二', '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量 | 5', '三、本年度办理结果 | 5', '四、结转下年度继续办理 | 0', '四、政府信息公开行政复议、行政诉讼情况', '表四',
    ].join('\n');
    const parts = segmentReport(text).value;
    expect(parts[0]!.text).toBe('（二）主动公开政府信息情况\n说明。');
    expect(parts[2]!.text).toBe('一、本年新收政府信息公开申请数量 | 5\n三、本年度办理结果 | 5\n四、结转下年度继续办理 | 0');
    expect(parts[3]!.text).toBe('表四');
  });

  it('finds headings inside a single line, and not the titles listed in the intro without numerals', () => {
    const text =
      '本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项等六个部分。' +
      '一、总体情况2020年，我区公开信息。二、主动公开政府信息情况 第二十条规章000三、收到和处理政府信息公开申请情况（本列）一、本年新收政府信息公开申请数量200四、结转下年度继续办理 0 0 四、政府信息公开行政复议、行政诉讼情况行政复议000 五、存在的主要问题及改进情况（一）问题。六、其他需要报告的事项 无';
    const parts = segmentReport(text).value;
    expect(parts.map((p) => p.text)).toEqual([
      '2020年，我区公开信息。', '第二十条规章000', '（本列）一、本年新收政府信息公开申请数量200四、结转下年度继续办理 0 0', '行政复议000', '（一）问题。', '无',
    ]);
  });

  it('marks a part without heading as missing, with a finding, and never invents it', () => {
    const text = FULL.split('\n').slice(0, 10).join('\n');
    const result = segmentReport(text);
    expect(result.value[5]).toEqual({ code: 'other_matters', number: 6, status: 'missing', title_found: null, text: '' });
    expect(result.findings.map((f) => [f.rule, f.location])).toEqual([['section.missing', 'section/other_matters']]);
    expect(result.value[4]!.text).toBe('正文五。');
  });

  it('keeps the order of the template: a part heading out of order is not a heading', () => {
    const text = ['一、总体情况', '见下文五、存在的主要问题及改进情况。', '二、主动公开政府信息情况', '表二', '五、存在的主要问题及改进情况', '正文五。'].join('\n');
    const parts = segmentReport(text).value;
    expect(parts[0]!.text).toBe('见下文五、存在的主要问题及改进情况。');
    expect(parts[4]!.text).toBe('正文五。');
  });

  it('a table of contents listing the numbered titles is not taken for the headings', () => {
    const toc = ['目录', '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
    const parts = segmentReport([...toc, FULL].join('\n')).value;
    expect(parts.map((p) => p.text)).toEqual(['正文一。', '表二', '表三', '表四', '正文五。', '无。']);
  });

  it('leaves a sign-off at the end out of the last part', () => {
    const text = FULL + '\n\n河北省教育厅\n2020年1月15日\n';
    expect(segmentReport(text).value[5]!.text).toBe('无。');
    expect(signOffStart('六、其他需要报告的事项\n无\n0\n2020年1月15日')).toBe('六、其他需要报告的事项\n无\n0\n2020年1月15日'.length);
  });

  it('a text with no part titles has every part missing', () => {
    const result = segmentReport('会议纪要\n今天讨论了食堂的菜单。');
    expect(result.value.every((s) => s.status === 'missing')).toBe(true);
    expect(result.findings).toHaveLength(6);
  });

  it('candidates at the start of a line are stronger than those glued inside one', () => {
    const c = findHeadingCandidates('x。二、主动公开政府信息情况\n二、主动公开政府信息情况');
    expect(c.map((h) => h.strength)).toEqual([2, 3]);
  });
});

describe('bare titles: the scan for characters that can end a title', () => {
  it('MAY_GIVE_TITLE_END covers every UTF-16 unit whose normalisation holds a title\'s last character', () => {
    const one = new RegExp(MAY_GIVE_TITLE_END.source);
    const missed: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (givesTitleEnd(c) && !one.test(String.fromCharCode(c))) missed.push(c.toString(16));
    expect(missed).toEqual([]);
  });
});

describe('bare titles: units that are never SLOW', () => {
  it('NOT_SLOW_RUN passes over no unit that normaliseForMatch\'s character-by-character path does not take', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      NOT_SLOW_RUN.lastIndex = 0;
      NOT_SLOW_RUN.test(String.fromCharCode(c));
      if (NOT_SLOW_RUN.lastIndex === 1 && isSlowUnit(c)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('normalisedWithOffsets: the unit-by-unit path gives what the character-by-character path gives', () => {
  it('agrees on windows with full-width forms, spaces, quotes, Markdown marks, compatibility characters and ligatures', () => {
    const windows = [
      '总体情况', '**主动公开政府信息情况**', '（一）收到和处理 政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况',
      '\u3000\u3000存在的主要问题及改进情况：', '“其他需要报告的事项”', '＃＃ 总体情况 ＿', '㈠主动公开', '⼀⼆⾏政复议', 'ﬁ总体ﬃ情况',
      '存在的主要问题\u00a0及改进情况', '收到和处理政府信息公开申请情况１２３', '_#*总体*#_情况', '〔二〕主动公开', '\u200b总体\u200d情况', 'ｆｕｌｌ　ｗｉｄｔｈ',
      '①②③总体情况', '㊀㊁总体', 'Ⅰ、Ⅱ．总体情况', '\t \n', '',
    ];
    for (let c = 0x20; c < 0x3400; c += 7) windows.push(`总${String.fromCharCode(c)}体${String.fromCharCode(c + 3)}情况`);
    for (let c = 0xf900; c < 0xfffe; c += 5) windows.push(`总${String.fromCharCode(c)}体情况${String.fromCharCode(c + 1)}`);
    for (const w of windows) {
      const got = normalisedWithOffsets(w);
      const want = normalisedByCodePoint(w);
      expect(got.norm, w).toBe(want.norm);
      if (got.offsets !== null) expect(got.offsets, w).toEqual(want.offsets);
      else expect(want.norm, w).toBe(w);
    }
  });

  it('takes the character-by-character path for windows with surrogates (astral characters, lone halves)', () => {
    for (const w of ['总体𠀀情况', '总体\ud800情况', '\udc00主动公开', '𝐀𝐁总体情况']) {
      expect(normalisedWithOffsets(w)).toEqual(normalisedByCodePoint(w));
    }
  });
});

describe('segmentReport partStarts: where each part was cut', () => {
  it('gives the offset of each present part\'s text in the text, -1 for a missing part', () => {
    for (const text of [FULL, `  ${FULL}\n\n河北省教育厅\n2020年1月15日\n`, FULL.replace('二、', '二、\n\n   '), '没有任何部分的文字\n']) {
      const { value: sections, partStarts } = segmentReport(text);
      expect(partStarts).toHaveLength(sections.length);
      sections.forEach((s, i) => {
        if (s.status !== 'present') expect(partStarts[i]).toBe(-1);
        else expect(text.slice(partStarts[i], partStarts[i]! + s.text.length)).toBe(s.text);
      });
    }
  });
});

describe('NUMERAL: the character before the numeral looked at after it', () => {
  it('finds what the lookbehind before the numeral finds', () => {
    const before = /第([一二三四五六])部分\s*[、.．，,:：]?|(?<![（(［\[〔一二三四五六七八九十第])([一二三四五六])\s*(?:[、.．，,:：]|\s)/gu;
    const all = (re: RegExp, t: string) => [...t.matchAll(re)].map((m) => [m.index, m[0], m[1], m[2]]);
    const texts = [FULL, '一、总体情况', '（一）主动', '(二)、x', '十一、本年', '第二十条', '第三部分：', '〔四〕 五 六\n七、', '𠀀一、总体', '\ud800二、', '[三] 三 、', '一一、二二 ', '第一部分第二部分', '五\u3000六,'];
    for (const a of ['', '一', '（', '第', '𠀀', ' ', '\n', 'x']) for (const b of ['一、', '二 ', '三．', '第四部分']) texts.push(a + b, a + b + a + b);
    for (const t of texts) expect(all(NUMERAL, t), t).toEqual(all(before, t));
  });
});
