/**
 * Dates printed in a report: the publication date of the page (发布时间:2021-01-29)
 * and the date of the sign-off under the report (河北省教育厅 / 2020年1月15日).
 */

/** Days in a month of the Gregorian calendar (what Date.UTC rolls a later day over by). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : 28;
}

/** The date as YYYY-MM-DD, or null when the day is not in that month (a year of 19xx or 20xx: no two-digit year rule). */
function isoDate(y: string, m: string, d: string): string | null {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month)) return null;
  return `${y}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 发布时间/发布日期/公开日期, a colon, then 2021-01-29, 2021/1/29, 2021.01.29 or 2021年1月29日. */
const PUBLISHED = /(?:发布时间|发布日期|公开日期|发布于)\s*[:：]?\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/u;

export function publishedDate(text: string): string | null {
  const m = PUBLISHED.exec(text);
  return m ? isoDate(m[1]!, m[2]!, m[3]!) : null;
}

/** A date alone on one of the last lines: 2020年1月15日. */
const SIGN_OFF_DATE = /^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$/u;

/**
 * SIGN_OFF_DATE on a line as it is, whitespace allowed anywhere (as SIGN_OFF_DATE on the line without its
 * whitespace): tested first, so that only a date line is copied without its whitespace.
 */
const SIGN_OFF_DATE_SPACED = /^\s*(?:1\s*9|2\s*0)\s*\d\s*\d\s*年\s*\d(?:\s*\d)?\s*月\s*\d(?:\s*\d)?\s*日\s*$/u;

export function signOffDate(text: string): string | null {
  // The last 4 lines that are not blank, read from the end of the text, last first.
  let end = text.length;
  for (let seen = 0; seen < 4; ) {
    const lineStart = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
    const line = text.slice(lineStart, end);
    if (line.trim() !== '') {
      seen++;
      if (SIGN_OFF_DATE_SPACED.test(line)) {
        const m = SIGN_OFF_DATE.exec(line.replace(/\s/gu, ''));
        if (m) return isoDate(m[1]!, m[2]!, m[3]!);
      }
    }
    if (lineStart === 0) break;
    end = lineStart - 1;
  }
  return null;
}
