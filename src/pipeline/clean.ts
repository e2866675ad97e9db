/**
 * clean stage: removes the site chrome that comes with text copied from a web
 * page (breadcrumbs, share/print buttons, copyright footers, archiver headers,
 * attachment lists, PDF page numbers) and records every removed line. The
 * characters of the report itself are kept as they are; only line breaks are
 * added where a page used ideographic-space indents as paragraph breaks.
 */
import type { CleanedText } from '../schema/types.ts';
import { codePointCount, IS_SPACE } from './chars.ts';

/**
 * A whole-line pattern of site chrome, with the characters a (trimmed) line it
 * matches can start with, so a line is tested only against the patterns its
 * first character allows; `starts` is null for the patterns whose marker may
 * stand anywhere in the line (those are tested when MARKERS finds one).
 */
interface ChromePattern {
  starts: string | null;
  /**
   * Where `starts` alone finds too many lines (table rows start with `|`, articles with 第): what a
   * line it matches starts with, more closely (a regular expression source, whitespace spelled
   * [^\S\n]), for the whole-text search of lines that may be chrome.
   */
  lead?: string;
  re: RegExp;
}

/** Lines that only a page footer has: once one is met, the short lines after it are footer too. */
const FOOTER: readonly ChromePattern[] = [
  // 扫一扫在手机打开当前页 and its variants.
  { starts: '扫', re: /^扫一扫.{0,12}(打开|查看|浏览|阅读).{0,6}$/ },
  // Copyright, sponsor and host lines of a site footer.
  { starts: '版Cc©', re: /^(版权所有|Copyright|©).{0,120}$/i },
  { starts: '主承协技运网维', re: /^(主办单位|承办单位|协办单位|技术支持|运行维护|网站维护|维护单位)\s*[:：].{0,120}$/ },
  // ICP filing and public-security filing numbers (a number or a label, not a sentence about filing).
  { starts: null, re: /^.{0,60}(ICP[备证]\s*\d{5,}|ICP备案\s*[:：]|公[网安]{2}备\s*\d{5,}).{0,60}$/i },
  // 网站标识码 line.
  { starts: '网', re: /^网站标识码.{0,40}$/ },
  // Footer link rows: 联系我们 | 网站地图 | 网站声明 … (only those words and separators).
  { starts: '|｜丨联网关设加隐使无长E', lead: '[|｜丨]?[^\\S\\n]*[联网关设加隐使无长E]', re: /^(\s*[|｜丨]?\s*(联系我们|网站地图|网站声明|关于我们|设为首页|加入收藏|隐私声明|使用帮助|无障碍(浏览)?|长者模式|English)\s*[|｜丨]?\s*)+$/ },
];

/**
 * Whole-line patterns of site chrome. Each is anchored at both ends (or
 * requires a marker no report sentence has), so report text is never removed.
 * `starts` lists the first characters each can match (after its optional
 * brackets and labels): a pattern must keep it in step.
 */
const CHROME: readonly ChromePattern[] = [
  ...FOOTER,
  // Breadcrumbs: 首页 > 政务公开 > … (optionally after 当前位置：).
  { starts: '当网首', re: /^(当前位置[:：]?\s*)?(网站)?首页\s*[>＞›»→].*$/ },
  // Page tools: 打印本页 / 关闭窗口 / 【打印】【关闭】 / 分享到 / 返回顶部 / 字体大中小.
  { starts: '【[打关保返收分', re: /^([【\[]?\s*(打印(本页|此页|页面)?|关闭(窗口|本页)?|保存(本页)?|返回顶部|收藏|分享到[:：]?.{0,30})\s*[】\]]?\s*)+$/ },
  { starts: '【[字', re: /^[【\[]?\s*字[体号]\s*[:：]\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小.{0,30}$/ },
  // Page counters: 浏览次数：123, 访问量：123.
  { starts: null, re: /^[^。，；]{0,40}(浏览次数|阅读次数|访问量|点击数|点击量)\s*[:：]\s*\d*\s*次?$/ },
  // Attachment blocks: 附件下载, 相关附件, and lines that only list files.
  { starts: '附相', re: /^(附件下载|相关附件|附件)\s*[:：]?\s*$/ },
  { starts: null, re: /^(附件\s*[:：]?)?\s*(\d+\s*[、.．]\s*)?[^\s。，；]{1,80}\.(docx?|pdf|xlsx?|wps|ofd|zip|rar|et|dps)\s*$/i },
  // Page navigation and feedback: 上一篇：… 下一篇：… 【我要纠错】 相关链接.
  { starts: '上下', re: /^(上一篇|下一篇)\s*[:：].{0,120}$/ },
  { starts: '【[', re: /^([【\[]\s*(我要纠错|纠错|收藏本页|分享)\s*[】\]]\s*)+$/ },
  { starts: '相', re: /^相关(链接|文章|阅读|信息)\s*[:：]?\s*$/ },
  // The metadata grid of a disclosure page (索引号：… 主题分类：…); publication dates are kept for the metadata stage.
  { starts: '索主体公信来作责编组服', re: /^(索引号|主题分类|体裁分类|公开方式|公开范围|公开时限|公开形式|信息来源|来源|作者|责任编辑|编辑|信息分类|组配分类|服务对象)\s*[:：].{0,80}$/ },
  // Archiver and crawler headers: 标题: … 原文链接: … and ===== 正文 ===== separators.
  { starts: '标文发栏原本抓存', re: /^(标题|文号|发布机构|栏目|原文链接|原文地址|本地目录|抓取时间|存档时间)\s*[:：].{0,200}$/ },
  { starts: '页', re: /^页面链接与图片详见.{0,60}$/ },
  { starts: '=', re: /^={3,}\s*(正文|原文|内容)?\s*={3,}$/ },
  // Web archive banners (Wayback Machine and the like).
  { starts: null, re: /^.{0,30}(Wayback Machine|web\.archive\.org|archive\.today|archive\.ph).{0,200}$/i },
  // A PDF page number alone on its line: - 3 -, — 3 —, 第3页 共5页.
  { starts: '-—–', re: /^[-—–]\s*\d{1,3}\s*[-—–]$/ },
  { starts: '第', lead: '第[^\\S\\n]*\\d', re: /^第\s*\d{1,3}\s*页\s*[/，,]?\s*(共\s*\d{1,3}\s*页)?$/ },
];

/** Page lines that carry the report's dates are kept for the metadata stage, whatever else they hold. */
const KEEP = /发布时间|发布日期|公开日期|成文日期/u;

/** The patterns a line starting with a given UTF-16 unit may match, built once from `starts`. */
function byFirstUnit(patterns: readonly ChromePattern[]): Map<number, RegExp[]> {
  const map = new Map<number, RegExp[]>();
  for (const p of patterns) {
    for (const ch of p.starts ?? '') {
      const list = map.get(ch.charCodeAt(0));
      if (list) list.push(p.re);
      else map.set(ch.charCodeAt(0), [p.re]);
    }
  }
  return map;
}
const CHROME_BY_FIRST = byFirstUnit(CHROME);
const FOOTER_BY_FIRST = byFirstUnit(FOOTER);
const CHROME_ANYWHERE = CHROME.filter((p) => p.starts === null).map((p) => p.re);
const FOOTER_ANYWHERE = FOOTER.filter((p) => p.starts === null).map((p) => p.re);
// What each pattern without `starts` needs somewhere (a page counter's word, ICP or 公网安备, a file's
// `.ext`, Wayback/archive): a line with none of them is not tested against those patterns.
const MARKERS = /浏览次数|阅读次数|访问量|点击数|点击量|icp|公[网安]{2}备|\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar|et|dps)|wayback|archive/i;

/** MARKERS searched through a whole text. */
const MARKERS_IN_TEXT = new RegExp(MARKERS.source, 'gi');

/** Whether the trimmed line `t` matches one of the patterns (by its first unit, then by its markers). */
function matchesAny(t: string, byFirst: Map<number, RegExp[]>, anywhere: readonly RegExp[]): boolean {
  // An empty line matches none (said first: reading its first unit would make V8 deoptimise this).
  if (t.length === 0) return false;
  const first = byFirst.get(t.charCodeAt(0));
  if (first) for (const re of first) if (re.test(t)) return true;
  if (MARKERS.test(t)) for (const re of anywhere) if (re.test(t)) return true;
  return false;
}

export function isChromeLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && matchesAny(t, CHROME_BY_FIRST, CHROME_ANYWHERE) && !KEEP.test(t);
}

/** A line of a page footer proper (FOOTER). */
function isFooterLine(line: string): boolean {
  const t = line.trim();
  return matchesAny(t, FOOTER_BY_FIRST, FOOTER_ANYWHERE);
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
      if (isFooterLine(line)) sawFooterMarker = true;
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

/** 1 for each UTF-16 unit some pattern with `starts` may start with. */
const STARTS_A_PATTERN = new Uint8Array(0x10000);
for (const code of CHROME_BY_FIRST.keys()) STARTS_A_PATTERN[code] = 1;

/** The first UTF-16 unit of `line` after its leading whitespace (what trim removes), or 0x20 when it is all whitespace. */
function firstUnitAfterSpace(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (IS_SPACE[c] !== 1) return c;
  }
  return 0x20;
}

/** A line of the text by its offsets: [start, end), end at its line feed or the text's end. */
function lineEndAt(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return newline < 0 ? text.length : newline;
}

/** Start of the line holding offset `at`. */
function lineStartAt(text: string, at: number): number {
  return at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
}

/** Whether some line holding `needle` is split by splitIndentedParagraphs or splitTrailingAttachments. */
function anyLineSplits(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at >= 0; ) {
    const end = lineEndAt(text, at);
    const line = text.slice(lineStartAt(text, at), end);
    const pieces = splitIndentedParagraphs(line);
    if (pieces.length > 1 || splitTrailingAttachments(pieces[0]!).length > 1) return true;
    at = text.indexOf(needle, end);
  }
  return false;
}

/**
 * Lines that may be chrome: a first character (after whitespace, which never holds a line feed here)
 * some pattern starts with, after a line feed (CHROME_LINE_START) or at the text's start (FIRST_LINE_CHROME).
 */
const START_CLASS = `[^\\S\\n]*(?:[${[...new Set(CHROME.flatMap((p) => (p.lead ? [] : [...(p.starts ?? '')])))].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]|${CHROME.flatMap((p) => (p.lead ? [p.lead] : [])).join('|')})`;
const CHROME_LINE_START = new RegExp(`\\n${START_CLASS}`, 'g');
const FIRST_LINE_CHROME = new RegExp(`^${START_CLASS}`);

/** Starts of the lines that may be chrome, in order: by their first character, or by a marker anywhere in them. */
function chromeCandidates(text: string): number[] {
  const byFirst: number[] = FIRST_LINE_CHROME.test(text) ? [0] : [];
  CHROME_LINE_START.lastIndex = 0;
  for (let m = CHROME_LINE_START.exec(text); m; m = CHROME_LINE_START.exec(text)) byFirst.push(m.index + 1);
  MARKERS_IN_TEXT.lastIndex = 0;
  let m = MARKERS_IN_TEXT.exec(text);
  if (!m) return byFirst;
  const byMarker: number[] = [];
  for (; m; m = MARKERS_IN_TEXT.exec(text)) {
    byMarker.push(lineStartAt(text, m.index));
    // The next search starts on the next line: this one is a candidate already.
    MARKERS_IN_TEXT.lastIndex = lineEndAt(text, m.index);
  }
  // The two lists merged, each line once.
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < byFirst.length || j < byMarker.length) {
    const next = j >= byMarker.length || (i < byFirst.length && byFirst[i]! <= byMarker[j]!) ? byFirst[i++]! : byMarker[j++]!;
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

/** footerStart on the text's own lines, by offsets: the start of the footer's first line, or -1. */
function footerOffset(text: string): number {
  let start = 0;
  let sawFooterMarker = false;
  for (let end = text.length; ; ) {
    const lineStart = lineStartAt(text, end);
    const line = text.slice(lineStart, end);
    if (line.trim() === '' || isChromeLine(line) || isShortNonSentence(line)) {
      if (isFooterLine(line)) sawFooterMarker = true;
      if (lineStart === 0) break;
      end = lineStart - 1;
      continue;
    }
    start = end + 1;
    break;
  }
  if (!sawFooterMarker) return -1;
  // The footer begins at its first chrome line; short lines before it (a sign-off, a date) stay.
  for (let at = start; at <= text.length; ) {
    const end = lineEndAt(text, at);
    if (isChromeLine(text.slice(at, end))) return at;
    at = end + 1;
  }
  return -1;
}

/**
 * cleanText of a text none of whose lines is split (most): only the lines that may be chrome are
 * looked at, and the kept text is cut from the text; null when a line would be split.
 */
function cleanUnsplit(text: string): CleanedText | null {
  if (anyLineSplits(text, '\u3000') || anyLineSplits(text, '附件')) return null;
  const footer = footerOffset(text);
  const limit = footer < 0 ? text.length + 1 : footer;
  const removed: string[] = [];
  // Runs of kept lines, each cut from the text with its inner line feeds; joined they are the kept lines joined.
  const kept: string[] = [];
  let cursor = 0;
  for (const start of chromeCandidates(text)) {
    if (start >= limit) break;
    const end = lineEndAt(text, start);
    const line = text.slice(start, end);
    if (!isChromeLine(line)) continue;
    removed.push(line.trim());
    if (start > cursor) kept.push(text.slice(cursor, start - 1));
    cursor = end + 1;
  }
  if (footer < 0) {
    if (cursor <= text.length) kept.push(cursor === 0 ? text : text.slice(cursor));
  } else {
    if (footer > cursor) kept.push(text.slice(cursor, footer - 1));
    for (let at = footer; at <= text.length; ) {
      const end = lineEndAt(text, at);
      const line = text.slice(at, end);
      if (line.trim() !== '') removed.push(line.trim());
      at = end + 1;
    }
  }
  const joined = kept.length === 1 ? kept[0]! : kept.join('\n');
  return { text: finished(joined), removed };
}

/**
 * The kept text with runs of blank lines made one, leading blank lines and trailing whitespace dropped (trimEnd
 * drops exactly what \s matches), and one line feed at the end. A text that already ends in one line feed after
 * a character that is not whitespace is returned as it is, not as a new string glued to '\n' (which every later
 * stage would copy flat again).
 */
function finished(joined: string): string {
  // A text without three line feeds in a row (most) has no run to make one: a plain search says so faster than
  // the expression scans for one.
  const single = joined.includes('\n\n\n') ? joined.replace(/\n{3,}/g, '\n\n') : joined;
  const t = single.charCodeAt(0) === 0x0a ? single.replace(/^\n+/, '') : single;
  const n = t.length;
  if (n >= 2 && t.charCodeAt(n - 1) === 0x0a && IS_SPACE[t.charCodeAt(n - 2)] !== 1) return t;
  return t.trimEnd() + '\n';
}

export function cleanText(text: string): CleanedText {
  return cleanUnsplit(text) ?? cleanSplit(text);
}

/** cleanText of a text with lines to split: line by line. */
function cleanSplit(text: string): CleanedText {
  // Where the next marker is: a line without one is chrome only by its first character. Markers never span
  // a line break, so a line holds one exactly when the scan from its start finds one before its end.
  MARKERS_IN_TEXT.lastIndex = 0;
  let marker = MARKERS_IN_TEXT.exec(text)?.index ?? -1;
  const lines: string[] = [];
  // Per line of `lines`: whether it may be chrome (a piece of a split line always may).
  const mayBeChrome: boolean[] = [];
  let anySplit = false;
  // Where U+3000 and 附件 are, found in the whole text: a line with neither (most) has nothing to split.
  let ideographicSpace = text.indexOf('\u3000');
  let attachment = text.indexOf('附件');
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    if (ideographicSpace >= 0 && ideographicSpace < start) ideographicSpace = text.indexOf('\u3000', start);
    if (attachment >= 0 && attachment < start) attachment = text.indexOf('附件', start);
    if ((ideographicSpace < 0 || ideographicSpace >= end) && (attachment < 0 || attachment >= end)) {
      lines.push(line);
      // The first character after the leading whitespace (trim removes what IS_SPACE marks).
      const c = line.length === 0 ? 0x20 : line.charCodeAt(0);
      const first = IS_SPACE[c] === 1 ? firstUnitAfterSpace(line) : c;
      if (marker >= 0 && marker < start) {
        MARKERS_IN_TEXT.lastIndex = start;
        marker = MARKERS_IN_TEXT.exec(text)?.index ?? -1;
      }
      mayBeChrome.push(STARTS_A_PATTERN[first] === 1 || (marker >= 0 && marker < end));
    } else {
      const before = lines.length;
      for (const piece of splitIndentedParagraphs(line)) {
        for (const part of splitTrailingAttachments(piece)) {
          lines.push(part);
          mayBeChrome.push(true);
        }
      }
      if (lines.length - before > 1) anySplit = true;
    }
    start = end + 1;
  }
  const removed: string[] = [];
  const footer = footerStart(lines);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i >= footer) {
      if (line.trim() !== '') removed.push(line.trim());
    } else if (mayBeChrome[i] && isChromeLine(line)) removed.push(line.trim());
    else kept.push(line);
  }
  // Nothing split or removed: the kept lines joined are the text itself.
  const joined = !anySplit && kept.length === lines.length ? text : kept.join('\n');
  return { text: finished(joined), removed };
}
