/**
 * Agency name, from (in this order of trust): the title line
 * "XX2020年政府信息公开工作年度报告" (possibly over two lines), the intro
 * sentence "特向社会公布XX2020年度政府信息公开情况" / "公布2020年XX信息公开工作年度报告",
 * a sign-off line above a date at the end, or the subject of the first
 * sentence of the narrative ("2021年以来，漳河新区认真贯彻…").
 */

import { IS_SPACE } from '../chars.ts';

export type AgencySource = 'title' | 'intro' | 'sign_off' | 'narrative';

export interface AgencyFound {
  name: string;
  source: AgencySource;
  /** Year printed next to the name (title or intro), when there is one. */
  year: number | null;
}

/** Endings of the name of a government body or of one of its departments. */
const AGENCY_SUFFIXES = [
  '人民政府办公室', '人民政府办公厅', '政府办公室', '人民政府', '政府', '办公室', '办公厅', '管理委员会', '管委会', '委员会',
  '办事处', '街道', '新区', '开发区', '高新区', '实验区', '试验区', '示范区', '厅', '局', '委', '署', '中心', '院', '部',
];
/** Words that may follow a found name and belong to it (漳河新区管委会, 人民政府办公室). */
const AGENCY_EXTENSIONS = ['人民政府办公室', '人民政府', '政府办公室', '办公室', '管理委员会', '管委会', '办事处'];
/** Self-references and generic bodies, never a name: 我办, 本机关, 区政府, 市政府办公室. */
const NOT_A_NAME = /^(我|本|该|全|各|区|市|县|省|镇|乡|街道)/u;
/** Bodies a local report's narrative often opens by citing (2020年，国务院办公厅印发…): never its own subject. */
const CITED_BODY = /^(国务院|党中央|中共中央|省委|市委|县委|区委)/u;

/** The units bare() strips: whitespace (JavaScript's \s) and the Markdown marks * # _ >. */
const LAYOUT_UNIT = IS_SPACE.slice();
for (const ch of '*#_>') LAYOUT_UNIT[ch.charCodeAt(0)] = 1;

/** Strip what layout adds around a line: whitespace, Markdown marks, the 标题 label. */
function bare(line: string): string {
  // A line with none of them (most) is its own bare form: looked up unit by unit before any replace.
  let i = 0;
  while (i < line.length && LAYOUT_UNIT[line.charCodeAt(i)] === 0) i++;
  return i === line.length ? line : line.replace(/[\s*#_>]/gu, '');
}

export function isPlausibleAgency(name: string): boolean {
  const n = [...name].length;
  return n >= 2 && n <= 40 && !/[0-9，。；：:,.!?！？《》“”"]/u.test(name) && !NOT_A_NAME.test(name) && AGENCY_SUFFIXES.some((s) => name.endsWith(s));
}

/**
 * A title: name, then the year, then 年(度)(政府)信息公开(工作)年度报告.
 * The name has no digits or sentence punctuation.
 */
const TITLE = /^([^\d，。；：:,、《》]{2,40}?)(?:关于)?((?:19|20)\d{2})年度?(?:政府)?信息公开(?:工作)?年度?报告/u;
/** The same with the year first (2020年度XX政府信息公开工作年度报告) or last (XX政府信息公开工作2020年度报告), alone on its line. */
const TITLE_YEAR_FIRST = /^((?:19|20)\d{2})年度?([^\d，。；：:,、《》]{2,40}?)(?:政府)?信息公开(?:工作)?年度?报告$/u;
const TITLE_YEAR_LAST = /^([^\d，。；：:,、《》]{2,40}?)(?:政府)?信息公开工作((?:19|20)\d{2})年度?报告$/u;

/** The first lines before part 一: where a title can be. */
function leadingLines(text: string, max = 15): string[] {
  const out: string[] = [];
  for (let start = 0; start <= text.length && out.length < max; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = bare(text.slice(start, end));
    if (line !== '') out.push(line);
    start = end + 1;
  }
  return out;
}

/** The last lines that are not blank once bare, in text order: only the end of the text is read. */
function trailingLines(text: string, max: number): string[] {
  const out: string[] = [];
  for (let end = text.length; out.length < max; ) {
    const start = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
    const line = bare(text.slice(start, end));
    if (line !== '') out.push(line);
    if (start === 0) break;
    end = start - 1;
  }
  return out.reverse();
}

export function agencyFromTitle(text: string): AgencyFound | null {
  const lines = leadingLines(text);
  for (let i = 0; i < lines.length; i++) {
    // The name and the year may be split over two lines (瀛洲街道办事处 / 2020年…报告).
    for (const candidate of [lines[i]!, lines[i]! + (lines[i + 1] ?? '')]) {
      // Every title form holds 信息公开: a line without it is no title (a plain search, not three expressions).
      if (!candidate.includes('信息公开')) continue;
      const m = TITLE.exec(candidate) ?? TITLE_YEAR_LAST.exec(candidate);
      if (m && isPlausibleAgency(m[1]!)) return { name: m[1]!, source: 'title', year: Number(m[2]) };
      const y = TITLE_YEAR_FIRST.exec(candidate);
      if (y && isPlausibleAgency(y[2]!)) return { name: y[2]!, source: 'title', year: Number(y[1]) };
    }
  }
  return null;
}

/** 公布 + name + year + 年度政府信息公开…, or 公布 + year + 年 + name + 信息公开工作年度报告. */
const INTRO_NAME_FIRST = /公布([^\d，。；：:,、《》]{2,40}?)((?:19|20)\d{2})年度?(?:政府)?信息公开/u;
const INTRO_YEAR_FIRST = /公布((?:19|20)\d{2})年度?([^\d，。；：:,、《》]{2,40}?)(?:政府)?信息公开(?:工作)?(?:年度)?报告/u;

export function agencyFromIntro(flat: string): AgencyFound | null {
  const a = INTRO_NAME_FIRST.exec(flat);
  if (a && isPlausibleAgency(a[1]!)) return { name: a[1]!, source: 'intro', year: Number(a[2]) };
  const b = INTRO_YEAR_FIRST.exec(flat);
  if (b && isPlausibleAgency(b[2]!)) return { name: b[2]!, source: 'intro', year: Number(b[1]) };
  return null;
}

/** A date line of a sign-off: 2020年1月15日. */
const DATE_LINE = /^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$/u;

/** A name alone on one of the last lines, right above or below a date line. */
export function agencyFromSignOff(text: string): AgencyFound | null {
  const lines = trailingLines(text, 6);
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    const nearDate = DATE_LINE.test(lines[i + 1] ?? '') || DATE_LINE.test(lines[i - 1] ?? '');
    if (nearDate && isPlausibleAgency(l)) return { name: l, source: 'sign_off', year: null };
  }
  return null;
}

/**
 * The name at the start of a clause: the shortest run that ends like an agency
 * name, extended by the words that may follow one (漳河新区 + 管委会).
 */
export function nameAtStart(clause: string): string | null {
  const run = /^[\u4e00-\u9fff（）()]+/u.exec(clause)?.[0] ?? '';
  for (let end = 2; end <= Math.min(run.length, 40); end++) {
    let name = run.slice(0, end);
    if (!AGENCY_SUFFIXES.some((s) => name.endsWith(s))) continue;
    // 河北省 ends like no agency; 科学技术厅 would: keep looking for the first real ending.
    for (let grew = true; grew; ) {
      grew = false;
      for (const ext of AGENCY_EXTENSIONS) {
        if (run.startsWith(name + ext)) {
          name += ext;
          grew = true;
          break;
        }
      }
    }
    return isPlausibleAgency(name) ? name : null;
  }
  return null;
}

/** The subject of the narrative's first sentence: "2021年以来，漳河新区认真…", "2023年，河北省科学技术厅坚持…". */
export function agencyFromNarrative(general: string): AgencyFound | null {
  // The opening year phrase: 2020年 / 2021年以来 / 2020年度, then a comma.
  const m = /^\s*(?:(?:19|20)\d{2}\s*年(?:度|以来)?\s*[，,、]\s*)?/u.exec(general.replace(/^[\s\u3000]+/u, ''));
  const clause = general.replace(/^[\s\u3000]+/u, '').slice(m ? m[0].length : 0);
  const name = nameAtStart(clause);
  return name && !CITED_BODY.test(name) ? { name, source: 'narrative', year: null } : null;
}

/**
 * The full form of a short name when the text has it: 乌兰察布市政府办公室 →
 * 乌兰察布市人民政府办公室 (X政府 is the everyday short form of X人民政府).
 * `flatText` gives the text without whitespace (a caller that has it passes it).
 */
export function preferFullName(name: string, text: string, flatText: () => string = () => text.replace(/\s/gu, '')): string {
  if (name.includes('人民政府')) return name;
  const full = name.replace(/政府/u, '人民政府');
  return full !== name && flatText().includes(full) ? full : name;
}
