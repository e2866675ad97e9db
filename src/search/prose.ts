/**
 * The prose of a report part: its paragraphs of running text, without the
 * cells, labels and template notes of tables 二–四. Search indexes this (a
 * phrase that exists only as a table label must find nothing) and the pages
 * may show it.
 *
 * Tables reach the section text in every shape the data contract lists: one
 * cell per line, `|` rows, tab- or space-separated rows, and whole tables
 * glued onto one line. A line is a table line when it is a row (`|`, tab),
 * carries no words (numbers, units, page numbers), or is mostly made of the
 * template's own wording (labels from src/schema/codes.ts plus the few
 * template notes below). Prose lines left over are joined back into
 * paragraphs (PDF text wraps lines mid-sentence) and a paragraph is kept only
 * if it reads as a sentence.
 */
import { APPLICANTS, APPLICATION_ROWS, MEASURES, PROACTIVE_CATEGORIES, PROCEEDINGS, RESULTS, SECTIONS } from '../schema/codes.ts';

/**
 * Template wording that is not a row/column label in codes.ts: table headers
 * and notes printed in every copy of the template. (The labels themselves
 * come from codes.ts; this is not a second list of them.)
 */
const TEMPLATE_NOTES: readonly string[] = [
  '信息内容',
  '申请人情况',
  '法人或其他组织',
  '本年度办理结果',
  '本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和',
  '区分处理的只计这一情形不计其他情形',
  '本年收费金额单位万元',
  '采购总金额',
  '本年处理决定数量',
  '第二十条第一项第五项第六项第八项第九项',
];

/** A label coverage above this makes a line part of a table. */
const TABLE_COVERAGE = 0.6;
/**
 * A line with a sentence end is prose (行政复议0件，行政诉讼0件。 is all labels
 * and numbers, yet a sentence) unless it is a whole table glued onto one line:
 * long, and nearly all template wording and numbers.
 */
const SENTENCE_TABLE_COVERAGE = 0.9;
const GLUED_TABLE_MIN_CHARS = 60;
/**
 * A fragment of template wording this long counts even when cut (labels wrap
 * over lines in PDF text); shorter ones count only as whole labels, because
 * prose uses the template's two-character words (公开, 申请, 情况) all the time.
 */
const MIN_FRAGMENT = 4;

/**
 * Characters dropped before comparing with labels: whitespace, ASCII and
 * full-width punctuation, brackets, list numbering dots, quotes.
 */
const IGNORABLE = /[\s\p{P}\p{S}\u3000]/gu;
/** Numbers as printed in cells: digits, decimal points, signs, percent, and the units of the tables. */
const NUMERIC = /[0-9０-９.．+\-—%／/万元件条项个]/u;
/** A sentence end: Chinese or ASCII full stop, question or exclamation mark, or a semicolon. */
const SENTENCE_END = /[。！？；!?;]/u;
/** A table row as the html stage and pasted Markdown write it, or a tab-separated row. */
const ROW_SEPARATOR = /[|｜\t]/u;
/** A PDF page number line: `- 3 -`, `—3—`, `第 3 页`. */
const PAGE_NUMBER = /^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$/u;

function labelTexts(): string[] {
  const splitDot = (zh: string) => zh.split('·');
  return [
    ...APPLICANTS.flatMap((a) => [...splitDot(a.zh), ...a.match]),
    ...APPLICATION_ROWS.flatMap((r) => [r.zh, ...r.match, ...(r.group ? [r.group] : [])]),
    ...PROCEEDINGS.flatMap((p) => splitDot(p.zh)),
    ...RESULTS.map((r) => r.zh),
    ...MEASURES.map((m) => m.zh),
    ...PROACTIVE_CATEGORIES.flatMap((c) => [c.zh, c.itemZh, ...c.match]),
    ...SECTIONS.filter((s) => !s.narrative).map((s) => s.zh),
    ...TEMPLATE_NOTES,
  ];
}

const LABELS = new Set(labelTexts().map(normaliseForLabels));
/** All template wording, normalised and joined by a separator no text contains. */
const LABEL_HAYSTACK = [...LABELS].join('\u0000');

/** Text reduced to what labels are compared on: no spaces, punctuation or numbering marks. */
export function normaliseForLabels(text: string): string {
  return text.normalize('NFKC').replace(IGNORABLE, '');
}

/**
 * Share of a line's characters (after normaliseForLabels) that are numbers or
 * lie in fragments of template wording; greedy longest match from the left.
 */
export function labelCoverage(line: string): number {
  const text = normaliseForLabels(line);
  if (text.length === 0) return 1;
  let covered = 0;
  let i = 0;
  while (i < text.length) {
    if (NUMERIC.test(text[i]!)) {
      covered++;
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && LABEL_HAYSTACK.includes(text.slice(i, end + 1))) end++;
    const length = end - i;
    if (length >= MIN_FRAGMENT || (length > 0 && isWholeLabelAt(text, i, end))) {
      covered += length;
      i = end;
    } else i++;
  }
  return covered / text.length;
}

/** A short match counts when it is a whole label, or a single character standing alone (vertical text). */
function isWholeLabelAt(text: string, start: number, end: number): boolean {
  if (text.length === 1) return true;
  for (let stop = end; stop > start; stop--) if (LABELS.has(text.slice(start, stop))) return true;
  return false;
}

/** True when a line belongs to a table (a cell, a row, a label, a number, a page number). */
export function isTableLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return false;
  if (ROW_SEPARATOR.test(trimmed)) return true;
  if (PAGE_NUMBER.test(trimmed)) return true;
  const coverage = labelCoverage(trimmed);
  if (!SENTENCE_END.test(trimmed)) return coverage >= TABLE_COVERAGE;
  return coverage >= SENTENCE_TABLE_COVERAGE && [...trimmed].length >= GLUED_TABLE_MIN_CHARS;
}

/**
 * The prose paragraphs of a part's text, in order. Blank lines and table
 * lines end a paragraph; other line breaks inside a paragraph are PDF wrapping
 * unless the line ends a sentence. A paragraph without any sentence end is a
 * heading or a stray label and is kept only when it is long.
 */
export function proseParagraphs(text: string): string[] {
  return paragraphsOf(text, true).filter(isProse);
}

/**
 * The paragraphs of a narrative part (一, 五, 六): every line kept, PDF-wrapped
 * lines joined so that a word broken over two lines is one word again.
 */
export function narrativeParagraphs(text: string): string[] {
  return paragraphsOf(text, false);
}

function paragraphsOf(text: string, dropTables: boolean): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) paragraphs.push(current.join(''));
    current = [];
  };
  for (const raw of text.split(/\r\n?|\n/u)) {
    const line = raw.replace(/\u3000/gu, ' ').trim();
    if (line === '' || (dropTables && isTableLine(line))) {
      flush();
      continue;
    }
    if (isHeading(line)) {
      flush();
      current.push(line);
      flush();
      continue;
    }
    current.push(line);
    if (SENTENCE_END.test(line.at(-1)!)) flush();
  }
  flush();
  return paragraphs;
}

/** Numbering that opens a heading or list item: （一） (1) 一、 1. 1、 */
const NUMBERING = /^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))/u;
/** Headings are short; a longer numbered line is the start of a wrapped paragraph. */
const MAX_HEADING = 25;

/** A numbered heading line such as （一）存在的问题: a paragraph of its own. */
function isHeading(line: string): boolean {
  return NUMBERING.test(line) && [...line].length <= MAX_HEADING && !SENTENCE_END.test(line);
}

/** A paragraph worth indexing: a sentence, a numbered heading, or long enough not to be a stray label. */
const MIN_PROSE_WITHOUT_END = 30;
/** A letter or digit of any script: a paragraph without one (a lone `。` left over from a table row) holds no word. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
function isProse(paragraph: string): boolean {
  if (!WORD_CHARACTER.test(paragraph)) return false;
  return SENTENCE_END.test(paragraph) || isHeading(paragraph) || [...paragraph].length >= MIN_PROSE_WITHOUT_END;
}

/** The prose of a part as one text, paragraphs separated by a blank line. */
export function proseText(text: string): string {
  return proseParagraphs(text).join('\n\n');
}
