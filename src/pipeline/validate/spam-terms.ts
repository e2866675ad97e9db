/**
 * Vocabulary of injected spam (gambling, casino and porn sites) that has no
 * place in a government report. Data, not code: src/pipeline/validate/spam.ts
 * matches it on normalised text (NFKC, no whitespace, lower case).
 *
 * Many words are legitimate in some report (福利彩票公益金 in a 民政 report,
 * 打击跨境赌博 in a 公安 report, 老年棋牌室, 澳门特别行政区, 建立博物馆 contains
 * 立博), so an entry fires only
 * - when one of `followedBy` (a site word: 平台, 官网, 娱乐, 开户 …) starts at
 *   most `followWithin` characters after it, if given; and
 * - when none of `notNear` occurs within `nearWithin` characters before or
 *   after it (the vocabulary of fighting gambling: 打击, 查处, 严禁 …).
 */

export interface SpamTerm {
  term: string;
  /** What kind of spam, for the message. */
  kind: 'gambling' | 'porn';
  followedBy?: readonly string[];
  followWithin?: number;
  notNear?: readonly string[];
  nearWithin?: number;
}

/** Words that make a name a gambling site: 立博平台, 皇冠体育, 彩票开户. */
export const SITE_WORDS = [
  '平台', '官网', '官方网站', '网址', '娱乐', '体育', '彩票', '棋牌', '真人', 'app', '登录', '登陆', '注册', '开户', '下载',
  '手机版', '网页版', '投注', '下注', '娱乐城', '赌场', '博彩', '百家乐', '首页', '入口',
] as const;

/** Words that put gambling vocabulary in a report about fighting it. */
export const ANTI_GAMBLING = [
  '打击', '整治', '查处', '取缔', '严厉', '严禁', '禁止', '防范', '治理', '违法', '犯罪', '诈骗', '涉赌', '涉黄', '专项',
  '侦破', '案件', '抓获', '宣传', '举报', '非法', '扫黄', '打非', '清理', '封堵', '关停', '开设赌场',
] as const;

const BRAND = { kind: 'gambling', followedBy: SITE_WORDS, followWithin: 2 } as const;
const STRONG = { kind: 'gambling', notNear: ANTI_GAMBLING, nearWithin: 12 } as const;
const PORN = { kind: 'porn', notNear: ANTI_GAMBLING, nearWithin: 12 } as const;

/** A term with every field, in one order (absent ones undefined): all terms then have one shape for the scan. */
function oneShape(t: SpamTerm): SpamTerm {
  return { term: t.term, kind: t.kind, followedBy: t.followedBy, followWithin: t.followWithin, notNear: t.notNear, nearWithin: t.nearWithin };
}

export const SPAM_TERMS: readonly SpamTerm[] = ([
  // Names of gambling brands: spam only as a site (立博平台, 威廉希尔官网), never inside 建立博物馆.
  { term: '立博', ...BRAND },
  { term: '威廉希尔', ...BRAND },
  { term: '必威', ...BRAND },
  { term: '伟德', ...BRAND },
  { term: '皇冠', ...BRAND },
  { term: '葡京', ...BRAND },
  { term: '新葡京', ...BRAND },
  { term: '威尼斯人', ...BRAND },
  { term: '太阳城', ...BRAND },
  { term: '金沙', ...BRAND },
  { term: '永利', ...BRAND },
  { term: '亚博', ...BRAND },
  { term: '开云', ...BRAND },
  { term: '华体会', ...BRAND },
  { term: '九游', ...BRAND },
  { term: '乐鱼', ...BRAND },
  { term: 'bet365', kind: 'gambling' },
  { term: '188bet', kind: 'gambling' },
  // 澳门 is a region; spam when it names a casino or gambling.
  { term: '澳门', kind: 'gambling', followedBy: ['赌', '博彩', '娱乐', '葡京', '新葡京', '威尼斯人', '金沙', '永利', '彩票', '六合', '百家乐', '真人'], followWithin: 1 },
  // 真人 is a word; spam with a live dealer or casino.
  { term: '真人', kind: 'gambling', followedBy: ['荷官', '娱乐', '视讯', '百家乐', '棋牌', '赌'], followWithin: 1 },
  // 彩票 and 棋牌 are legitimate (福利彩票, 棋牌室); spam as a site.
  { term: '彩票', kind: 'gambling', followedBy: ['平台', '官网', 'app', '注册', '开户', '网址', '投注', '下注', '娱乐', '登录', '走势图'], followWithin: 1, notNear: ANTI_GAMBLING, nearWithin: 12 },
  { term: '棋牌', kind: 'gambling', followedBy: ['平台', '官网', 'app', '注册', '开户', '网址', '下载', '娱乐', '登录', '现金'], followWithin: 1, notNear: ANTI_GAMBLING, nearWithin: 12 },
  // Words that only gambling sites use, unless the report is about fighting them.
  { term: '博彩', ...STRONG },
  { term: '赌场', ...STRONG },
  { term: '百家乐', ...STRONG },
  { term: '老虎机', ...STRONG },
  { term: '六合彩', ...STRONG },
  { term: '时时彩', ...STRONG },
  { term: '体育投注', ...STRONG },
  { term: '在线投注', ...STRONG },
  { term: '网上投注', ...STRONG },
  { term: '开户送', ...STRONG },
  { term: '注册送', ...STRONG },
  { term: '首存', ...STRONG },
  { term: '彩金', ...STRONG },
  { term: '娱乐城', ...STRONG },
  { term: '荷官', ...STRONG },
  // Porn-site words.
  { term: '一本道', ...PORN },
  { term: '成人视频', ...PORN },
  { term: '成人影片', ...PORN },
  { term: '激情视频', ...PORN },
  { term: '色情视频', ...PORN },
  { term: 'av在线', ...PORN },
] as SpamTerm[]).map(oneShape);
