/**
 * clean stage: removes the site chrome that comes with text copied from a web
 * page (breadcrumbs, share/print buttons, copyright footers, archiver headers,
 * attachment lists, PDF page numbers) and records every removed line. The
 * characters of the report itself are kept as they are; only line breaks are
 * added where a page used ideographic-space indents as paragraph breaks.
 */
import type { CleanedText } from '../schema/types.ts';
import { codePointCount } from './chars.ts';

/** Lines that only a page footer has: once one is met, the short lines after it are footer too. */
const FOOTER_PATTERNS: readonly RegExp[] = [
  // 扫一扫在手机打开当前页 and its variants.
  /^扫一扫.{0,12}(打开|查看|浏览|阅读).{0,6}$/,
  // Copyright, sponsor and host lines of a site footer.
  /^(版权所有|Copyright|©).{0,120}$/i,
  /^(主办单位|承办单位|协办单位|技术支持|运行维护|网站维护|维护单位)\s*[:：].{0,120}$/,
  // ICP filing and public-security filing numbers (a number or a label, not a sentence about filing).
  /^.{0,60}(ICP[备证]\s*\d{5,}|ICP备案\s*[:：]|公[网安]{2}备\s*\d{5,}).{0,60}$/i,
  // 网站标识码 line.
  /^网站标识码.{0,40}$/,
  // Footer link rows: 联系我们 | 网站地图 | 网站声明 … (only those words and separators).
  /^(\s*[|｜丨]?\s*(联系我们|网站地图|网站声明|关于我们|设为首页|加入收藏|隐私声明|使用帮助|无障碍(浏览)?|长者模式|English)\s*[|｜丨]?\s*)+$/,
];

/**
 * Whole-line patterns of site chrome. Each is anchored at both ends (or
 * requires a marker no report sentence has), so report text is never removed.
 */
const CHROME_LINE_PATTERNS: readonly RegExp[] = [
  ...FOOTER_PATTERNS,
  // Breadcrumbs: 首页 > 政务公开 > … (optionally after 当前位置：).
  /^(当前位置[:：]?\s*)?(网站)?首页\s*[>＞›»→].*$/,
  // Page tools: 打印本页 / 关闭窗口 / 【打印】【关闭】 / 分享到 / 返回顶部 / 字体大中小.
  /^([【\[]?\s*(打印(本页|此页|页面)?|关闭(窗口|本页)?|保存(本页)?|返回顶部|收藏|分享到[:：]?.{0,30})\s*[】\]]?\s*)+$/,
  /^[【\[]?\s*字[体号]\s*[:：]\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小.{0,30}$/,
  // Page counters: 浏览次数：123, 访问量：123.
  /^[^。，；]{0,40}(浏览次数|阅读次数|访问量|点击数|点击量)\s*[:：]\s*\d*\s*次?$/,
  // Attachment blocks: 附件下载, 相关附件, and lines that only list files.
  /^(附件下载|相关附件|附件)\s*[:：]?\s*$/,
  /^(附件\s*[:：]?)?\s*(\d+\s*[、.．]\s*)?[^\s。，；]{1,80}\.(docx?|pdf|xlsx?|wps|ofd|zip|rar|et|dps)\s*$/i,
  // Page navigation and feedback: 上一篇：… 下一篇：… 【我要纠错】 相关链接.
  /^(上一篇|下一篇)\s*[:：].{0,120}$/,
  /^([【\[]\s*(我要纠错|纠错|收藏本页|分享)\s*[】\]]\s*)+$/,
  /^相关(链接|文章|阅读|信息)\s*[:：]?\s*$/,
  // The metadata grid of a disclosure page (索引号：… 主题分类：…); publication dates are kept for the metadata stage.
  /^(索引号|主题分类|体裁分类|公开方式|公开范围|公开时限|公开形式|信息来源|来源|作者|责任编辑|编辑|信息分类|组配分类|服务对象)\s*[:：].{0,80}$/,
  // Archiver and crawler headers: 标题: … 原文链接: … and ===== 正文 ===== separators.
  /^(标题|文号|发布机构|栏目|原文链接|原文地址|本地目录|抓取时间|存档时间)\s*[:：].{0,200}$/,
  /^页面链接与图片详见.{0,60}$/,
  /^={3,}\s*(正文|原文|内容)?\s*={3,}$/,
  // Web archive banners (Wayback Machine and the like).
  /^.{0,30}(Wayback Machine|web\.archive\.org|archive\.today|archive\.ph).{0,200}$/i,
  // A PDF page number alone on its line: - 3 -, — 3 —, 第3页 共5页.
  /^[-—–]\s*\d{1,3}\s*[-—–]$/,
  /^第\s*\d{1,3}\s*页\s*[/，,]?\s*(共\s*\d{1,3}\s*页)?$/,
];

/** Page lines that carry the report's dates are kept for the metadata stage, whatever else they hold. */
const KEEP = /发布时间|发布日期|公开日期|成文日期/u;

/**
 * CHROME_LINE_PATTERNS as two alternations (one per case flag), so a line is
 * tested twice instead of once per pattern. Every pattern is anchored (or
 * needs its marker) on its own, so the alternation matches exactly when one
 * of them does.
 */
function anyOf(patterns: readonly RegExp[], flags: string): RegExp {
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), flags);
}
const CHROME_CASED = anyOf(CHROME_LINE_PATTERNS.filter((p) => !p.ignoreCase), '');
const CHROME_UNCASED = anyOf(CHROME_LINE_PATTERNS.filter((p) => p.ignoreCase), 'i');
// What every CHROME_UNCASED pattern needs somewhere (版权所有/Copyright/©, ICP or
// 公网安备, a file's `.ext`, Wayback/archive): a line with none of them is not tested.
const UNCASED_NEEDS = /版权所有|copyright|©|icp|公[网安]{2}备|\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar|et|dps)|wayback|archive/i;

export function isChromeLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && !KEEP.test(t) && (CHROME_CASED.test(t) || (UNCASED_NEEDS.test(t) && CHROME_UNCASED.test(t)));
}

/** A short line with no sentence in it, as popups and buttons of a footer leave behind. */
function isShortNonSentence(line: string): boolean {
  const t = line.trim();
  return codePointCount(t) <= 30 && !/[。！？]/.test(t);
}

/**
 * Pages that indent paragraphs with two or more ideographic spaces but lost
 * their line breaks: start a new line before each indent (the indent is kept).
 */
function splitIndentedParagraphs(line: string): string[] {
  // A split needs content followed by two U+3000: a line whose text after its
  // leading indent has fewer than two (most lines) has nothing to split.
  const body = line.trimStart();
  const first = body.indexOf('\u3000');
  if (first < 0 || body.indexOf('\u3000', first + 1) < 0) return [line];
  // Two or more U+3000 (possibly with NBSP) after some content: a lost paragraph break.
  return line.split(/(?<=\S)(?=[\u3000\u00a0]*\u3000[\u3000\u00a0]*\u3000)/u);
}

/**
 * A file list glued to the end of the last paragraph ("…处理费。附件：1、…doc"):
 * split it off so it can be recognised as chrome.
 */
function splitTrailingAttachments(line: string): string[] {
  // The pattern below needs 附件; skipping the others avoids its backtracking on long lines.
  if (!line.includes('附件')) return [line];
  // 附件： after a sentence end, followed by file names only, to the end of the line.
  const m = /^(.*[。！？；])(附件\s*[:：].*\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar)\s*)$/iu.exec(line);
  if (!m) return [line];
  return [m[1]!, ...m[2]!.split(/(?<=\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar))\s+/i)];
}

/** Index of the first line of a footer block at the end of the text, or lines.length. */
function footerStart(lines: string[]): number {
  let start = 0;
  let sawFooterMarker = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '' || isChromeLine(line) || isShortNonSentence(line)) {
      if (FOOTER_PATTERNS.some((p) => p.test(line.trim()))) sawFooterMarker = true;
      continue;
    }
    start = i + 1;
    break;
  }
  if (!sawFooterMarker) return lines.length;
  // The footer begins at its first chrome line; short lines before it (a sign-off, a date) stay.
  for (let i = start; i < lines.length; i++) if (isChromeLine(lines[i]!)) return i;
  return lines.length;
}

export function cleanText(text: string): CleanedText {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    // Most lines have neither an ideographic-space indent nor 附件: nothing to split.
    if (!line.includes('\u3000') && !line.includes('附件')) lines.push(line);
    else for (const piece of splitIndentedParagraphs(line)) lines.push(...splitTrailingAttachments(piece));
  }
  const removed: string[] = [];
  const footer = footerStart(lines);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i >= footer) {
      if (line.trim() !== '') removed.push(line.trim());
    } else if (isChromeLine(line)) removed.push(line.trim());
    else kept.push(line);
  }
  // Leading blank lines and trailing whitespace go (trimEnd drops exactly what \s matches).
  return { text: kept.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').trimEnd() + '\n', removed };
}
