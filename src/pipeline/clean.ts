/**
 * clean stage: removes the site chrome that comes with text copied from a web
 * page (breadcrumbs, share/print buttons, copyright footers, archiver headers,
 * attachment lists, PDF page numbers) and records every removed line. The
 * characters of the report itself are kept as they are; only line breaks are
 * added where a page used ideographic-space indents as paragraph breaks.
 */
import type { CleanedText } from '../schema/types.ts';
import { codePointCount, IS_SPACE } from './chars.ts';
import { CHROME, type ChromePattern, FOOTER } from './clean-patterns.ts';

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

/** Whether a line holds a MARKERS marker: not known yet (MARKERS is then run on it), no, or yes. */
const MARKER_UNKNOWN = 2;
const MARKER_NONE = 0;
const MARKER_FOUND = 1;

/** Whether the trimmed line `t` matches one of the patterns (by its first unit, then by its markers). */
function matchesAny(t: string, byFirst: Map<number, RegExp[]>, anywhere: readonly RegExp[], marker: number): boolean {
  // An empty line matches none (said first: reading its first unit would make V8 deoptimise this).
  if (t.length === 0) return false;
  const first = byFirst.get(t.charCodeAt(0));
  if (first) for (const re of first) if (re.test(t)) return true;
  if (marker === MARKER_FOUND || (marker === MARKER_UNKNOWN && MARKERS.test(t))) for (const re of anywhere) if (re.test(t)) return true;
  return false;
}

export function isChromeLine(line: string): boolean {
  return isChromeLineMarked(line, MARKER_UNKNOWN);
}

/** isChromeLine of a line whose markers the caller may know already (MARKER_NONE, MARKER_FOUND), saving their search. */
function isChromeLineMarked(line: string, marker: number): boolean {
  const t = line.trim();
  return t !== '' && matchesAny(t, CHROME_BY_FIRST, CHROME_ANYWHERE, marker) && !KEEP.test(t);
}

/** A line of a page footer proper (FOOTER). */
function isFooterLine(line: string): boolean {
  const t = line.trim();
  return matchesAny(t, FOOTER_BY_FIRST, FOOTER_ANYWHERE, MARKER_UNKNOWN);
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

/** Whether splitIndentedParagraphs or splitTrailingAttachments splits `line` (only a line holding U+3000 or 附件 can be). */
function lineSplits(line: string): boolean {
  const pieces = splitIndentedParagraphs(line);
  return pieces.length > 1 || splitTrailingAttachments(pieces[0]!).length > 1;
}

/**
 * Lines that may be chrome: a first character (after whitespace, which never holds a line feed here)
 * some pattern starts with, after a line feed (LINE_SCAN's first branch) or at the text's start (FIRST_LINE_CHROME).
 */
const START_CLASS = `[^\\S\\n]*(?:[${[...new Set(CHROME.flatMap((p) => [...((p.lead ? p.plain : p.starts) ?? '')]))].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]|${CHROME.flatMap((p) => (p.lead ? [p.lead] : [])).join('|')})`;
const FIRST_LINE_CHROME = new RegExp(`^${START_CLASS}`);

/**
 * One search through the text for everything cleanUnsplit needs to know of its lines: a line feed before a
 * line that may be chrome by its first character (only the line feed is taken, so a marker at that line's
 * start is still found), a run of three or more line feeds but its last (which may start such a line: the run
 * is passed over in one match), a MARKERS marker, and U+3000 or 附件 (a line that may be split). It is
 * MARKERS_IN_TEXT, the line-start search and the searches for U+3000 and 附件 made one pass. The i flag is MARKERS': it lets the
 * line-start branch also take lines starting with e (the footer link row's E), which are then only tested
 * and kept (a superset of candidates changes nothing).
 */
const LINE_SCAN = new RegExp(`\\n(?:(?=${START_CLASS})|\\n+(?=\\n))|${MARKERS.source}|\u3000|附件`, 'gi');

/** What LINE_SCAN finds in a text whose lines none is split. */
interface LineScan {
  /** Starts of the lines that may be chrome, in order: by their first character, or by a marker anywhere in them. */
  starts: number[];
  /** Per line of `starts`: MARKER_FOUND when it holds a MARKERS marker, else MARKER_NONE. */
  markers: number[];
}

/** LINE_SCAN through the text; null when some line holding U+3000 or 附件 is split (cleanSplit then does the text line by line). */
function chromeCandidates(text: string): LineScan | null {
  const out: number[] = [];
  const markers: number[] = [];
  if (FIRST_LINE_CHROME.test(text)) {
    out.push(0);
    markers.push(MARKER_NONE);
  }
  LINE_SCAN.lastIndex = 0;
  for (let m = LINE_SCAN.exec(text); m; m = LINE_SCAN.exec(text)) {
    const at = m.index;
    const c = text.charCodeAt(at);
    if (c === 0x0a) {
      // A line feed alone before a line that may be chrome (a run of them is passed over).
      if (m[0].length === 1) {
        out.push(at + 1);
        markers.push(MARKER_NONE);
      }
      continue;
    }
    // A marker, U+3000 or 附件: its line is decided whole here (nothing before `at` in it was found), and
    // the search goes on from the line feed at its end, which may start the next candidate line.
    const start = lineStartAt(text, at);
    const end = lineEndAt(text, at);
    const line = text.slice(start, end);
    if (lineSplits(line)) return null;
    const marker = (c !== 0x3000 && c !== 0x9644) || MARKERS.test(line);
    // The line is a candidate by its marker, if not already by its first character.
    if (marker && out.length > 0 && out[out.length - 1] === start) markers[markers.length - 1] = MARKER_FOUND;
    else if (marker) {
      out.push(start);
      markers.push(MARKER_FOUND);
    }
    LINE_SCAN.lastIndex = end;
  }
  return { starts: out, markers };
}

/** footerStart on the text's own lines, by offsets: the start of the footer's first line, or -1. */
function footerOffset(text: string): number {
  let sawFooterMarker = false;
  // The footer begins at the first chrome line of the block walked (short lines before it, a sign-off or a
  // date, stay): walking up, the last one met. (footerStart reads the block down again for it.)
  let firstChrome = -1;
  for (let end = text.length; ; ) {
    const lineStart = lineStartAt(text, end);
    const line = text.slice(lineStart, end);
    const blank = line.trim() === '';
    const chrome = !blank && isChromeLine(line);
    if (!blank && !chrome && !isShortNonSentence(line)) break;
    if (chrome) firstChrome = lineStart;
    if (isFooterLine(line)) sawFooterMarker = true;
    if (lineStart === 0) break;
    end = lineStart - 1;
  }
  return sawFooterMarker ? firstChrome : -1;
}

/**
 * cleanText of a text none of whose lines is split (most): only the lines that may be chrome are
 * looked at, and the kept text is cut from the text; null when a line would be split.
 */
function cleanUnsplit(text: string): CleanedText | null {
  const scan = chromeCandidates(text);
  if (scan === null) return null;
  const footer = footerOffset(text);
  const limit = footer < 0 ? text.length + 1 : footer;
  const removed: string[] = [];
  // Runs of kept lines, each cut from the text with its inner line feeds; joined they are the kept lines joined.
  const kept: string[] = [];
  let cursor = 0;
  for (let i = 0; i < scan.starts.length; i++) {
    const start = scan.starts[i]!;
    if (start >= limit) break;
    const end = lineEndAt(text, start);
    const line = text.slice(start, end);
    if (!isChromeLineMarked(line, scan.markers[i]!)) continue;
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
