/**
 * The whole-line patterns of site chrome the clean stage removes (clean.ts), with the first characters
 * each can start with.
 */
/**
 * A whole-line pattern of site chrome, with the characters a (trimmed) line it
 * matches can start with, so a line is tested only against the patterns its
 * first character allows; `starts` is null for the patterns whose marker may
 * stand anywhere in the line (those are tested when MARKERS finds one).
 */
export interface ChromePattern {
  starts: string | null;
  /**
   * Where `starts` alone finds too many lines (table rows start with `|`, articles with 第): what a
   * line it matches starts with, more closely (a regular expression source, whitespace spelled
   * [^\S\n]), for the whole-text search of lines that may be chrome; `plain` then lists the characters
   * of `starts` that are enough alone (the search takes them with the patterns without `lead`).
   */
  lead?: string;
  plain?: string;
  re: RegExp;
}

/** Lines that only a page footer has: once one is met, the short lines after it are footer too. */
export const FOOTER: readonly ChromePattern[] = [
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
  { starts: '|｜丨联网关设加隐使无长E', lead: '[|｜丨][^\\S\\n]*[联网关设加隐使无长E]', plain: '联网关设加隐使无长E', re: /^(\s*[|｜丨]?\s*(联系我们|网站地图|网站声明|关于我们|设为首页|加入收藏|隐私声明|使用帮助|无障碍(浏览)?|长者模式|English)\s*[|｜丨]?\s*)+$/ },
];

/**
 * Whole-line patterns of site chrome. Each is anchored at both ends (or
 * requires a marker no report sentence has), so report text is never removed.
 * `starts` lists the first characters each can match (after its optional
 * brackets and labels): a pattern must keep it in step.
 */
export const CHROME: readonly ChromePattern[] = [
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
