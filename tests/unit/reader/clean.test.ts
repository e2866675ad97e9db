/** clean: site chrome lines are removed and recorded; report sentences are kept. */
import { describe, expect, it } from 'vitest';
import { cleanText, isChromeLine } from '../../../src/pipeline/clean.ts';
import { normaliseForMatch } from '../../../src/pipeline/normalize.ts';

describe('isChromeLine', () => {
  it.each([
    '首页 > 政务公开 > 政府信息公开年报',
    '当前位置：首页 > 信息公开',
    '扫一扫在手机打开当前页',
    '版权所有:南充市顺庆区人民政府   主办单位:南充市顺庆区人民政府办公室',
    'ICP备案:蜀ICP备09019945号-1',
    '网站标识码:5113020061',
    '川公安网备51130202000194号',
    '联系我们 | 网站地图 | 网站声明',
    '【字体：大 中 小】 打印本页 关闭窗口',
    '【打印】【关闭】',
    '浏览次数：1024',
    '附件下载：',
    '河北省科学技术厅2023年政府信息公开工作年度报告.pdf',
    '标题: 平潭综合实验区2020年度政府信息公开工作年度报告',
    '原文链接: https://www.pingtan.gov.cn/zwgk/t20210305_80595.htm',
    '==================== 正文 ====================',
    'The Wayback Machine - https://web.archive.org/web/2021/https://www.pingtan.gov.cn/',
    '- 3 -',
    '上一篇：关于2019年政府信息公开工作年度报告',
    '【我要纠错】',
    '索引号：11130000000000/2021-00012',
    '来源：区政府办',
  ])('chrome: %s', (line) => expect(isChromeLine(line)).toBe(true));

  it.each([
    '一、总体情况',
    '2020年,区政府办认真贯彻执行《条例》各项规定。',
    '版权所有的内容依法保护,本段是报告正文。但这句话很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。',
    '发布时间:2021-01-29 15:01',
    '首页改版后，网站访问量明显提升。',
    '（四）加强网站建设，在首页开设专栏。',
    '0',
    '3.要求提供公开出版物 0 0 0 0 0 0 0',
    '来源于群众的意见建议全部办结。',
    '发布日期：2021年3月5日',
    '发布时间：2021-01-29 15:01 浏览次数：1024',
    '政府网站全年访问量：156万人次。',
    '完成网站ICP备案变更工作。',
    '主办单位要落实网站管理责任。',
  ])('not chrome: %s', (line) => expect(isChromeLine(line)).toBe(false));
});

describe('cleanText', () => {
  it('removes a footer block after the report, including the popup lines after it', () => {
    const out = cleanText('六、其他需要报告的事项\n无。\n扫一扫在手机打开当前页\n版权所有:某某县人民政府\nX\n市政府门户网站提醒您:\n');
    expect(out.text).toBe('六、其他需要报告的事项\n无。\n');
    expect(out.removed).toEqual(['扫一扫在手机打开当前页', '版权所有:某某县人民政府', 'X', '市政府门户网站提醒您:']);
  });

  it('keeps a sign-off before the footer', () => {
    const out = cleanText('五、存在的主要问题及改进情况\n还有差距。\n河北省教育厅\n2020年1月15日\n版权所有：河北省教育厅\n');
    expect(out.text).toBe('五、存在的主要问题及改进情况\n还有差距。\n河北省教育厅\n2020年1月15日\n');
  });

  it('keeps short lines at the end when there is no footer marker', () => {
    const text = '四、政府信息公开行政复议、行政诉讼情况\n行政复议\n0\n0\n';
    expect(cleanText(text)).toEqual({ text, removed: [] });
  });

  it('splits paragraphs glued with ideographic-space indents, keeping the indent', () => {
    const out = cleanText('\u3000\u3000一、总体情况\u3000\u30002019年以来，我厅深入贯彻。\u3000\u3000二、主动公开政府信息情况');
    expect(out.text.trimEnd().split('\n')).toEqual(['\u3000\u3000一、总体情况', '\u3000\u30002019年以来，我厅深入贯彻。', '\u3000\u3000二、主动公开政府信息情况']);
  });

  it('splits off and removes an attachment list glued to the last sentence', () => {
    const out = cleanText('2023年，我厅未收取信息处理费。附件：1、某厅2023年报告.doc\u3000\u30002、某厅2023年报告.pdf');
    expect(out.text).toBe('2023年，我厅未收取信息处理费。\n');
    expect(out.removed).toEqual(['附件：1、某厅2023年报告.doc', '2、某厅2023年报告.pdf']);
  });

  it('removes an archiver header but keeps the publication time', () => {
    const out = cleanText('标题: X报告\n发布时间: 2021-03-05 08:58\n文号: \n原文链接: https://a.gov.cn/1.htm\n===== 正文 =====\nX2020年政府信息公开工作年度报告\n');
    expect(out.text).toBe('发布时间: 2021-03-05 08:58\nX2020年政府信息公开工作年度报告\n');
    expect(out.removed).toHaveLength(4);
  });

  it('is deterministic', () => {
    const text = '首页 > 公开\n一、总体情况\n正文。\n扫一扫在手机打开当前页\n';
    expect(cleanText(text)).toEqual(cleanText(text));
  });
});

describe('normaliseForMatch', () => {
  it('unifies full-width brackets, U+3000, NBSP and numbering punctuation', () => {
    expect(normaliseForMatch('（一）\u3000予以公开\u00a0')).toBe('(一)予以公开');
    expect(normaliseForMatch('一，总体情况')).toBe(normaliseForMatch('一、总体 情况'));
    expect(normaliseForMatch('危及“三安全一稳定”')).toBe('危及三安全一稳定');
  });
});
