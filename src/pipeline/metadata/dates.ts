/**
 * Dates printed in a report: the publication date of the page (发布时间:2021-01-29)
 * and the date of the sign-off under the report (河北省教育厅 / 2020年1月15日).
 */

function isoDate(y: string, m: string, d: string): string | null {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(Number(y), month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
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
