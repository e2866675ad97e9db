import { describe, expect, it } from 'vitest';
import { validateReport } from '../../../src/pipeline/validate/index.ts';
import { findCountClaims, parseCount } from '../../../src/pipeline/validate/narrative-counts.ts';
import { findNoReviewClaims } from '../../../src/pipeline/validate/narrative-review.ts';
import { findSpam } from '../../../src/pipeline/validate/spam.ts';
import { sentencesHolding } from '../../../src/pipeline/validate/sentences.ts';
import { applications, input, review, sections, tables, metadata } from './builders.ts';

const rulesAt = (fs: { rule: string; location: string }[]) => fs.map((f) => `${f.rule} ${f.location}`);

describe('narrative.injected_spam', () => {
  it('finds gambling-site names as sites, across spaces and full-width characters', () => {
    expect(findSpam('丰富立博 平台,立博ＡＰＰ下载内容')).toEqual([
      { text: '立博平台', count: 1 },
      { text: '立博app', count: 1 },
    ]);
    expect(findSpam('澳门新葡京娱乐城欢迎您，真人荷官在线')).toEqual([
      { text: '澳门新葡京娱乐城', count: 1 },
      { text: '真人荷官', count: 1 },
    ]);
    // Adjacent words stay separate hits; overlapping ones (澳门新葡京 and 新葡京娱乐城 above) are one.
    expect(findSpam('体育投注开户送彩金')).toEqual([
      { text: '体育投注', count: 1 },
      { text: '开户送', count: 1 },
      { text: '彩金', count: 1 },
    ]);
  });

  it('leaves legitimate uses alone', () => {
    expect(findSpam('建立博物馆；福利彩票公益金；老年棋牌室；澳门特别行政区；皇冠假日酒店；依法打击赌场犯罪')).toEqual([]);
    expect(findSpam('严厉打击网络赌博和彩票平台违法犯罪活动')).toEqual([]);
  });

  it('reports one finding per part, and what lies outside the parts at location text', () => {
    const secs = sections({ general: '政务公开立博平台工作', problems: '立博官网和立博官网' });
    const text = `威廉希尔官网\n${secs.map((s) => s.text).join('\n')}`;
    const fs = validateReport({ metadata: metadata(2020), sections: secs, tables: tables('2019'), text });
    expect(rulesAt(fs)).toEqual(['narrative.injected_spam section/general', 'narrative.injected_spam section/problems', 'narrative.injected_spam text']);
    expect(fs[1]).toMatchObject({ severity: 'error', origin: 'source', table: null, actual: '立博官网×2' });
    expect(fs[1]!.message_zh).toBe('五、存在的主要问题及改进情况：含有与政府报告无关的注入内容（赌博或色情网站用语）：“立博官网”2处');
    expect(fs[2]).toMatchObject({ actual: '威廉希尔官网×1' });
  });
});

describe('narrative.table_disagrees', () => {
  it('reads counts in the wordings of the corpus', () => {
    const claims = (s: string, year: number | null = 2020) => findCountClaims(s, year).map((c) => c.value);
    expect(claims('2020年，利通区人民政府办公室收到1件政府信息公开申请，目前已按照相关程序进行答复。')).toEqual([1]);
    expect(claims('2023年收到政府信息公开申请17件，办结率100%，无行政复议、诉讼等情况。', 2023)).toEqual([17]);
    expect(claims('2019年未收到政府信息公开申请。', 2019)).toEqual([0]);
    expect(claims('全年共受理依申请公开一件。')).toEqual([1]);
    expect(claims('共收到政府信息公开申请二十一件。')).toEqual([21]);
    // Not a count of applications received this year.
    expect(claims('我办共计收到行政复议决定书4起,依法回复3起。今年共收到网上投诉9件。')).toEqual([]);
    expect(claims('2019年收到政府信息公开申请7件。')).toEqual([]);
    expect(claims('受理政府信息公开申请三个工作日内登记。')).toEqual([]);
  });

  it('parses Chinese numerals', () => {
    expect([parseCount('6'), parseCount('一'), parseCount('十'), parseCount('十二'), parseCount('二十一'), parseCount('一百零五'), parseCount('两')]).toEqual([6, 1, 10, 12, 21, 105, 2]);
    expect(parseCount('若干')).toBeNull();
  });

  it('reports the disagreement with the table, with both numbers (003_)', () => {
    const t = tables('2019');
    const fs = validateReport(input(2020, t, { general: '2020年，利通区人民政府办公室收到1件政府信息公开申请，目前已按照相关程序进行答复。' }));
    expect(rulesAt(fs)).toEqual(['narrative.table_disagrees applications/received_new/total']);
    expect(fs[0]).toMatchObject({ severity: 'warning', origin: 'source', expected: '0', actual: '1' });
    expect(fs[0]!.message_zh).toBe('一、总体情况写明“收到1件政府信息公开申请”（1件），但表三“一、本年新收政府信息公开申请数量”总计为0');
  });

  it('accepts new plus carried over, and reports the carry-over in the message when it disagrees', () => {
    const t = applications('2019', { received_new: [4, 0, 0, 0, 0, 0, 4], carried_over_in: [2, 0, 0, 0, 0, 0, 2], disclosed: [6, 0, 0, 0, 0, 0, 6], outcome_total: [6, 0, 0, 0, 0, 0, 6] });
    expect(validateReport(input(2020, tables('2019', { applications: t }), { general: '共受理政府信息公开申请6件。' }))).toEqual([]);
    const fs = validateReport(input(2020, tables('2019', { applications: t }), { general: '共受理政府信息公开申请9件。' }));
    expect(fs[0]!.message_zh).toContain('总计为4（加上年结转2件为6）');
  });

  it('does not compare with a table that is missing or whose total is not a number', () => {
    const text = { general: '收到政府信息公开申请5件。' };
    expect(rulesAt(validateReport(input(2019, { ...tables('2019'), applications: { status: 'missing', template: null, cells: [] } }, text)))).toEqual(['table.missing applications']);
    const blank = applications('2019', { received_new: [0, 0, 0, 0, 0, 0, 'blank'] });
    expect(validateReport(input(2020, tables('2019', { applications: blank }), text))).toEqual([]);
  });
});

describe('narrative.table_disagrees for table 四', () => {
  const procs = (s: string, year: number | null = null) => findNoReviewClaims(s, year).map((c) => c.proceedings.length);

  it('reads plain "none" statements of the corpus, and nothing else', () => {
    // 001, 12_hebei_jyt, 16_hebei_kjt, 18_hebei_kjt: reconsideration and litigation (3 proceedings).
    expect(procs('没有因政府信息公开工作被申请行政复议、提起行政诉讼情况。')).toEqual([3]);
    expect(procs('均在法定期限内按照规范要求及时答复，未发生因信息公开引起的行政复议和行政诉讼。')).toEqual([3]);
    expect(procs('2019年未发生涉及政府信息公开的行政复议、行政诉讼案件。', 2019)).toEqual([3]);
    expect(procs('2023年收到政府信息公开申请17件，办结率100%，无行政复议、诉讼等情况。', 2023)).toEqual([3]);
    expect(procs('未发生行政复议，发生行政诉讼1起。')).toEqual([1]);
    // Qualified, counted or general statements are no claim about the totals.
    expect(procs('无行政复议纠错案件。未发生行政诉讼败诉案件。')).toEqual([]);
    expect(procs('我办共计收到行政复议决定书4起,依法回复3起,不予受理1起。')).toEqual([]);
    expect(procs('有效降低行政复议、行政诉讼发生率和纠错率。')).toEqual([]);
    expect(procs('2019年未发生涉及政府信息公开的行政复议、行政诉讼案件。', 2020)).toEqual([]);
  });

  it('reports each proceeding the table gives a case that the narrative says had none', () => {
    const t = tables('2021', { review_litigation: review([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]) });
    const fs = validateReport(input(2023, t, { general: '2023年收到政府信息公开申请0件，无行政复议、诉讼等情况。' }));
    expect(rulesAt(fs)).toEqual(['narrative.table_disagrees review_litigation/reconsideration/total', 'narrative.table_disagrees review_litigation/litigation_after_reconsideration/total']);
    expect(fs[0]).toMatchObject({ severity: 'warning', origin: 'source', expected: '1', actual: '0' });
    expect(fs[0]!.message_zh).toBe('一、总体情况写明“无行政复议、诉讼等情况”，但表四行政复议总计为1');
    expect(validateReport(input(2023, tables('2021'), { general: '无行政复议、诉讼等情况。' }))).toEqual([]);
  });
});

describe('sentences for count claims: found by 申请 and kept when they hold a verb', () => {
  it('are the sentences found by a verb that hold 申请, in order, each once', () => {
    const verbs = /收到|新收|受理|接收|接到|办理/g;
    const texts = [
      '本年收到政府信息公开申请6件。其中受理3件；办理申请2件！无申请。收到信件。',
      '申请收到申请受理申请。申请；收到；；办理申请？!收到?申请',
      '收到收到申请申请。接到接到。申请申请',
      '', '。。', '申请', '收到', '受理政府信息公开申请1件、办理2件;新收依申请公开事项3件',
    ];
    for (const t of texts) {
      const byVerb = sentencesHolding(verbs, t).filter((s) => s.includes('申请'));
      const byApplication = sentencesHolding(/申请/g, t).filter((s) => /收到|新收|受理|接收|接到|办理/.test(s));
      expect(byApplication, t).toEqual(byVerb);
    }
  });
});
