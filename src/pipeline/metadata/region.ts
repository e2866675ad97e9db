/**
 * Region of an agency: province / city / county with GB/T 2260 codes.
 *
 * First from the agency name, read left to right (南充市顺庆区人民政府办公室 →
 * 南充市 › 顺庆区; 河北省科学技术厅 → 河北省). When the name names no place
 * (漳河新区, 瀛洲街道办事处), from the places the text names in full (荆门市,
 * 河南省 … 洛阳市), and only when one reading is clearly the most supported.
 */
import { CITIES, COUNTIES, PROVINCES, divisionByCode, type Division } from './divisions.ts';

export interface Region {
  province: Division | null;
  city: Division | null;
  county: Division | null;
  /** Where the region came from. */
  source: 'agency_name' | 'text' | null;
  /** What is left of the agency name after the place names (人民政府办公室, 科学技术厅). */
  rest: string;
}

const EMPTY: Region = { province: null, city: null, county: null, source: null, rest: '' };

/** Divisions whose full name, or short name, starts `s`; full names first, longest first. */
function prefixMatches(s: string, pool: readonly Division[], allowShort: boolean): { d: Division; len: number }[] {
  const out: { d: Division; len: number }[] = [];
  for (const d of pool) {
    if (s.startsWith(d.name)) out.push({ d, len: d.name.length });
    else if (allowShort && d.short && s.startsWith(d.short)) out.push({ d, len: d.short.length });
  }
  return out.sort((a, b) => b.len - a.len);
}

/** The single best prefix match, or null when none or when the best is ambiguous. */
function uniquePrefix(s: string, pool: readonly Division[], allowShort: boolean): { d: Division; len: number } | null {
  const matches = prefixMatches(s, pool, allowShort);
  if (matches.length === 0) return null;
  const top = matches.filter((m) => m.len === matches[0]!.len);
  return top.length === 1 ? top[0]! : null;
}

/** Reads the places at the start of an agency name. */
export function regionFromAgencyName(name: string): Region {
  let rest = name;
  let province: Division | null = null;
  let city: Division | null = null;
  let county: Division | null = null;
  const p = uniquePrefix(rest, PROVINCES, true);
  if (p) {
    province = p.d;
    rest = rest.slice(p.len);
  }
  const c = uniquePrefix(rest, province ? CITIES.filter((x) => x.provinceCode === province!.code) : CITIES, true);
  if (c) {
    city = c.d;
    rest = rest.slice(c.len);
  }
  const countyPool = city ? COUNTIES.filter((x) => x.cityCode === city!.code) : province ? COUNTIES.filter((x) => x.provinceCode === province!.code) : COUNTIES;
  // A county's short name (顺庆) is trusted only inside a known city or province, or when unique in the country.
  const k = uniquePrefix(rest, countyPool, true);
  if (k) {
    county = k.d;
    rest = rest.slice(k.len);
  }
  if (!province && !city && !county) return { ...EMPTY, rest: name };
  if (county) {
    city ??= county.cityCode ? divisionByCode(county.cityCode) : null;
    province ??= divisionByCode(county.provinceCode);
  }
  if (city) province ??= divisionByCode(city.provinceCode);
  return { province, city: city && city.level === 'city' ? city : null, county, source: 'agency_name', rest };
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** Generic words that are also county names in some city (城区, 郊区): never evidence of a place. */
const GENERIC_PLACE_WORDS = new Set(['城区', '郊区', '矿区', '新区', '老城区', '市中区', '开发区', '高新区', '市辖区']);

/** The most mentioned of `pool`, when it is strictly the most mentioned; null otherwise. */
function mostMentioned(scores: Map<Division, number>): Division | null {
  const ranked = [...scores.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].code.localeCompare(b[0].code));
  if (ranked.length === 0) return null;
  if (ranked.length > 1 && ranked[1]![1] === ranked[0]![1]) return null;
  return ranked[0]![0];
}

/**
 * The region named in the text in full (荆门市, 河南省): the province with the
 * most mentions of itself and its cities, then its most mentioned city; a
 * county only when `wantCounty` (a township's county is rarely in its name).
 */
export function regionFromText(text: string, wantCounty: boolean): Region {
  const cityMentions = new Map<Division, number>(CITIES.map((c) => [c, countOccurrences(text, c.name)]));
  const provinceScores = new Map<Division, number>(
    PROVINCES.map((p) => [p, countOccurrences(text, p.name) + CITIES.filter((c) => c.provinceCode === p.code).reduce((n, c) => n + cityMentions.get(c)!, 0)]),
  );
  const province = mostMentioned(provinceScores);
  if (!province) return EMPTY;
  const city = mostMentioned(new Map(CITIES.filter((c) => c.provinceCode === province.code).map((c) => [c, cityMentions.get(c)!])));
  let county: Division | null = null;
  if (wantCounty && city) {
    const pool = COUNTIES.filter((k) => k.cityCode === city.code && [...k.name].length >= 3 && !GENERIC_PLACE_WORDS.has(k.name));
    county = mostMentioned(new Map(pool.map((k) => [k, countOccurrences(text, k.name)])));
  }
  return { province, city, county, source: 'text', rest: '' };
}
