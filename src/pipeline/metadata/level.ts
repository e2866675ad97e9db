/**
 * Administrative level of an agency and whether it is a department of a
 * government (a 厅/局/委/办公室) rather than the government itself, read from
 * what its name says after the place names.
 */
import type { AdminLevel } from '../../schema/codes.ts';
import type { Region } from './region.ts';

/** A unit that is the government itself: (人民)政府, 街道办事处, 管委会, or nothing more. */
const GOVERNMENT_ITSELF = /^(?:[\u4e00-\u9fff]{1,8}(?:街道|镇|乡|苏木))?(?:人民政府|政府|办事处|街道办事处|管理委员会|管委会|党工委管委会)?$/u;
/** A department: its name ends like one. */
const DEPARTMENT = /(?:办公室|办公厅|厅|局|委员会|委|办|中心|院|署|部|站|所|队|馆)$/u;
/** Functional zones, whose level is not an administrative division of their own. */
const ZONE = /(?:新区|开发区|高新区|实验区|试验区|示范区|园区|保税区|自贸区)/u;
/** Township units: a name ending in 街道 / 镇 / 乡 / 苏木, or followed by its government or office (not 乡村振兴局). */
const TOWNSHIP = /[\u4e00-\u9fff](?:街道|镇|乡|苏木)(?:人民政府|政府|办事处|街道办事处|$)/u;
/** Central bodies: 国务院…, 国家…局, or a ministry named without a place. */
const NATIONAL = /^(?:国务院|国家|中华人民共和国|中国(?!共产党))/u;

export interface Level {
  admin_level: AdminLevel | null;
  is_department: boolean | null;
}

/** Whatever comes before the end of a zone's name (漳河新区管委会 → 管委会). */
const UP_TO_ZONE = new RegExp(`^.*?${ZONE.source}`, 'u');

/** false for the government (or zone, or street office) itself, true for a department, null when unclear. */
export function isDepartmentUnit(rest: string): boolean | null {
  if (GOVERNMENT_ITSELF.test(rest)) return false;
  if (ZONE.test(rest) && GOVERNMENT_ITSELF.test(rest.replace(UP_TO_ZONE, ''))) return false;
  return DEPARTMENT.test(rest) ? true : null;
}

export function levelOf(name: string, region: Region): Level {
  const rest = region.source === 'agency_name' ? region.rest : name;
  const is_department = isDepartmentUnit(rest);
  // A zone (新区, 实验区, 开发区) is no administrative division: its level is not known from the name.
  if (ZONE.test(rest)) return { admin_level: null, is_department };
  if (TOWNSHIP.test(rest)) return { admin_level: 'township', is_department };
  if (region.source !== 'agency_name') return { admin_level: NATIONAL.test(name) ? 'national' : null, is_department };
  const admin_level: AdminLevel | null = region.county ? 'county' : region.city ? 'city' : region.province ? 'province' : null;
  return { admin_level, is_department };
}
