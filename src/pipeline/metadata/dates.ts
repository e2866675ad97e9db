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

/** The last `n` lines that are not blank, without their whitespace, last first; read from the end of the text. */
function lastLinesSquashed(text: string, n: number): string[] {
  const out: string[] = [];
  let end = text.length;
  while (out.length < n) {
    const lineStart = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
    const line = text.slice(lineStart, end).replace(/\s/gu, '');
    if (line !== '') out.push(line);
    if (lineStart === 0) break;
    end = lineStart - 1;
  }
  return out;
}

export function signOffDate(text: string): string | null {
  for (const l of lastLinesSquashed(text, 4)) {
    const m = SIGN_OFF_DATE.exec(l);
    if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  }
  return null;
}
