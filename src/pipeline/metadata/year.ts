/**
 * The year reported on: from the title or intro (passed in), the statistics
 * period "2020年1月1日至2020年12月31日", "2021年以来" in the narrative, or the
 * year the narrative opens with ("2020年，…").
 */

export type YearSource = 'title' | 'statistics_period' | 'since' | 'narrative';

export interface YearFound {
  year: number;
  source: YearSource;
}

/** A plausible report year: the Regulations' reports start in 2008. */
export function isPlausibleYear(year: number): boolean {
  return year >= 2008 && year <= 2100;
}

/** 2020年1月1日(起)至(2020年)12月31日, on text with whitespace removed. */
const STATISTICS_PERIOD = /((?:19|20)\d{2})年0?1月0?1日(?:起)?(?:至|到|—|-|－|~|～)(?:((?:19|20)\d{2})年)?12月31日/u;
/** 2021年以来 */
const SINCE = /((?:19|20)\d{2})年以来/u;
/** The narrative opening with a year: 2020年，/ 2020年度， */
const OPENING = /^((?:19|20)\d{2})年度?[，,]/u;

export function yearFromBody(flat: string, general: string): YearFound | null {
  const period = STATISTICS_PERIOD.exec(flat);
  if (period && (!period[2] || period[2] === period[1]) && isPlausibleYear(Number(period[1]))) return { year: Number(period[1]), source: 'statistics_period' };
  const g = general.replace(/\s/gu, '');
  const since = SINCE.exec(g.slice(0, 200));
  if (since && isPlausibleYear(Number(since[1]))) return { year: Number(since[1]), source: 'since' };
  const opening = OPENING.exec(g);
  if (opening && isPlausibleYear(Number(opening[1]))) return { year: Number(opening[1]), source: 'narrative' };
  return null;
}
