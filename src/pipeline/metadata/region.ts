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

/** Divisions grouped by the first UTF-16 unit of their name, in pool order (a short name starts like its full name). */
type FirstCharIndex = Map<number, Division[]>;

function firstCharIndex(pool: readonly Division[]): FirstCharIndex {
  const index: FirstCharIndex = new Map();
  for (const d of pool) {
    const key = d.name.charCodeAt(0);
    const bucket = index.get(key);
    if (bucket) bucket.push(d);
    else index.set(key, [d]);
  }
  return index;
}

function groupBy(pool: readonly Division[], key: (d: Division) => string | null): Map<string | null, Division[]> {
  const groups = new Map<string | null, Division[]>();
  for (const d of pool) {
    const k = key(d);
    const group = groups.get(k);
    if (group) group.push(d);
    else groups.set(k, [d]);
  }
  return groups;
}

/** Built once at module load: the pools a name is read against, each indexed by first character. */
const PROVINCE_INDEX = firstCharIndex(PROVINCES);
const CITY_INDEX = firstCharIndex(CITIES);
const COUNTY_INDEX = firstCharIndex(COUNTIES);
const CITIES_BY_PROVINCE = groupBy(CITIES, (c) => c.provinceCode);
const COUNTIES_BY_CITY = groupBy(COUNTIES, (k) => k.cityCode);
const COUNTIES_BY_PROVINCE = groupBy(COUNTIES, (k) => k.provinceCode);
const CITY_INDEX_BY_PROVINCE = new Map([...CITIES_BY_PROVINCE].map(([code, pool]) => [code, firstCharIndex(pool)]));
const COUNTY_INDEX_BY_CITY = new Map([...COUNTIES_BY_CITY].map(([code, pool]) => [code, firstCharIndex(pool)]));
const COUNTY_INDEX_BY_PROVINCE = new Map([...COUNTIES_BY_PROVINCE].map(([code, pool]) => [code, firstCharIndex(pool)]));
const NO_DIVISIONS: FirstCharIndex = new Map();

/**
 * The single longest division whose full name, or short name (when allowed), starts `s`; null when none, or when
 * two or more are that long (ambiguous). One pass, keeping the longest so far and how many are that long.
 */
function uniquePrefix(s: string, index: FirstCharIndex, allowShort: boolean): { d: Division; len: number } | null {
  const bucket = index.get(s.charCodeAt(0));
  if (bucket === undefined) return null;
  let best: Division | null = null;
  let bestLen = 0;
  let ties = 0;
  for (let i = 0; i < bucket.length; i++) {
    const d = bucket[i]!;
    // A division counts once: by its full name, else by its short name.
    const len = s.startsWith(d.name) ? d.name.length : allowShort && d.short && s.startsWith(d.short) ? d.short.length : 0;
    if (len === 0 || len < bestLen) continue;
    if (len > bestLen) {
      best = d;
      bestLen = len;
      ties = 1;
    } else ties++;
  }
  return best !== null && ties === 1 ? { d: best, len: bestLen } : null;
}

/** Reads the places at the start of an agency name. */
export function regionFromAgencyName(name: string): Region {
  let rest = name;
  let province: Division | null = null;
  let city: Division | null = null;
  let county: Division | null = null;
  const p = uniquePrefix(rest, PROVINCE_INDEX, true);
  if (p) {
    province = p.d;
    rest = rest.slice(p.len);
  }
  const c = uniquePrefix(rest, province ? (CITY_INDEX_BY_PROVINCE.get(province.code) ?? NO_DIVISIONS) : CITY_INDEX, true);
  if (c) {
    city = c.d;
    rest = rest.slice(c.len);
  }
  const countyPool = city ? (COUNTY_INDEX_BY_CITY.get(city.code) ?? NO_DIVISIONS) : province ? (COUNTY_INDEX_BY_PROVINCE.get(province.code) ?? NO_DIVISIONS) : COUNTY_INDEX;
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

/** Words to count in one pass over a text, indexed by their first UTF-16 unit. */
interface WordIndex {
  words: readonly string[];
  byFirst: Map<number, number[]>;
  /** 1 for each UTF-16 unit some word starts with: one table read per character of the text. */
  starts: Uint8Array;
}

function wordIndex(words: readonly string[]): WordIndex {
  const byFirst = new Map<number, number[]>();
  const starts = new Uint8Array(0x10000);
  words.forEach((w, i) => {
    const key = w.charCodeAt(0);
    starts[key] = 1;
    const bucket = byFirst.get(key);
    if (bucket) bucket.push(i);
    else byFirst.set(key, [i]);
  });
  return { words, byFirst, starts };
}

/**
 * countOccurrences of every word of the index, in one pass over the text: a
 * word is counted where it starts at or after the end of its previous count,
 * as repeated indexOf would find it.
 */
function countEach(text: string, index: WordIndex): number[] {
  // (Made with their length, not mapped: optimised, map would make another kind of array than unoptimised.)
  const counts = new Array<number>(index.words.length).fill(0);
  const nextFrom = new Array<number>(index.words.length).fill(0);
  for (let i = 0; i < text.length; i++) {
    if (index.starts[text.charCodeAt(i)] === 0) continue;
    for (const w of index.byFirst.get(text.charCodeAt(i))!) {
      const word = index.words[w]!;
      if (i >= nextFrom[w]! && text.startsWith(word, i)) {
        counts[w]!++;
        nextFrom[w] = i + word.length;
      }
    }
  }
  return counts;
}

/** Provinces then cities, by full name: what regionFromText counts in every text. */
const PLACE_WORDS = wordIndex([...PROVINCES, ...CITIES].map((d) => d.name));

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
  const counts = countEach(text, PLACE_WORDS);
  // By places in PLACE_WORDS (provinces, then cities), not maps made per text: each province's mentions of itself and its cities.
  const province = strictlyMost(PROVINCE_PLACES, (i) => counts[i]! + sumAt(counts, PROVINCE_CITY_PLACES[i]!));
  if (province < 0) return EMPTY;
  const cityPlaces = PROVINCE_CITY_PLACES[province]!;
  const city = strictlyMost(cityPlaces, (k) => counts[k]!);
  let county: Division | null = null;
  if (wantCounty && city >= 0) {
    const cityCode = CITIES[city - PROVINCES.length]!.code;
    const pool = (COUNTIES_BY_CITY.get(cityCode) ?? []).filter((k) => [...k.name].length >= 3 && !GENERIC_PLACE_WORDS.has(k.name));
    county = mostMentioned(new Map(pool.map((k) => [k, countOccurrences(text, k.name)])));
  }
  return { province: PROVINCES[province]!, city: city < 0 ? null : CITIES[city - PROVINCES.length]!, county, source: 'text', rest: '' };
}

/** Places of the provinces in PLACE_WORDS, and of each province's cities (in CITIES order). */
const PROVINCE_PLACES = PROVINCES.map((_, i) => i);
const CITY_PLACE = new Map<Division, number>(CITIES.map((c, i) => [c, PROVINCES.length + i]));
const PROVINCE_CITY_PLACES: number[][] = PROVINCES.map((p) => (CITIES_BY_PROVINCE.get(p.code) ?? []).map((c) => CITY_PLACE.get(c)!));

function sumAt(counts: readonly number[], places: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < places.length; i++) n += counts[places[i]!]!;
  return n;
}

/** mostMentioned by places: the place with the most mentions when more than none and no other has as many; -1 otherwise. */
function strictlyMost(places: readonly number[], mentions: (place: number) => number): number {
  let best = -1;
  let bestCount = 0;
  let tied = false;
  for (let i = 0; i < places.length; i++) {
    const n = mentions(places[i]!);
    if (n <= 0 || n < bestCount) continue;
    if (n > bestCount) {
      best = places[i]!;
      bestCount = n;
      tied = false;
    } else tied = true;
  }
  return tied ? -1 : best;
}
