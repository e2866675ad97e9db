/**
 * metadata stage: agency, year, publication date, contact details, region
 * (GB/T 2260) and administrative level. `template` is left null: the tables
 * stage decides it from the headers. A field that cannot be known is null,
 * with a `metadata.missing` finding; nothing is guessed.
 */
import { Buffer } from 'node:buffer';
import type { Finding, ReportMetadata, Section } from '../../schema/types.ts';
import { IS_SPACE } from '../chars.ts';
import { makeFinding, type StageResult } from '../findings.ts';
import { agencyFromIntro, agencyFromNarrative, agencyFromSignOff, agencyFromTitle, preferFullName, type AgencyFound } from './agency.ts';
import { extractContact } from './contact.ts';
import { publishedDate, signOffDate } from './dates.ts';
import { levelOf } from './level.ts';
import { regionFromAgencyName, regionFromText, type Region } from './region.ts';
import { isPlausibleYear, yearFromBody } from './year.ts';

/** The text before the first part heading: title, page data and introduction. */
export function preambleOf(text: string, sections: Section[]): string {
  // (Loops, not find with a callback: run once per report, mostly before V8 optimises them.)
  let first: Section | undefined;
  for (let i = 0; i < sections.length && first === undefined; i++) if (sections[i]!.status === 'present' && sections[i]!.title_found) first = sections[i];
  const at = first ? text.indexOf(first.title_found!) : -1;
  return at >= 0 ? text.slice(0, at) : '';
}

/** Reused output of flatten: the kept units (a buffer grown for one very long text is not kept). */
const KEPT_UNITS = 1 << 20;
let flatUnits = new Uint16Array(1 << 14);

/**
 * Lines joined without breaks and without spaces: PDF and web copies break sentences anywhere. (What
 * replace(/\s+/gu, '') gives: \s matches single UTF-16 units, never a surrogate, so the units are copied
 * as they are, but for those IS_SPACE marks; several times faster than the expression on a whole text.)
 */
export function flatten(text: string): string {
  const length = text.length;
  if (flatUnits.length < length) flatUnits = new Uint16Array(length);
  const out = flatUnits;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    out[n] = c;
    n += 1 - IS_SPACE[c]!;
  }
  const flat = n === length ? text : Buffer.from(out.buffer, out.byteOffset, n * 2).toString('utf16le');
  if (flatUnits.length > KEPT_UNITS) flatUnits = new Uint16Array(KEPT_UNITS);
  return flat;
}

export function findAgency(text: string, preamble: string, general: string, flatPreamble = flatten(preamble), flatText = () => flatten(text)): AgencyFound | null {
  const found =
    agencyFromTitle(preamble || text.slice(0, 2000)) ??
    agencyFromIntro(flatPreamble) ??
    agencyFromSignOff(text) ??
    agencyFromNarrative(general) ??
    agencyFromIntro(flatten(general.slice(0, 500)));
  return found ? { ...found, name: preferFullName(found.name, text, flatText) } : null;
}

function missing(field: string, zh: string, en: string, severity: Finding['severity'] = 'warning'): Finding {
  return makeFinding('metadata.missing', { location: `metadata/${field}`, zh: `无法确定${zh}`, en: `Could not determine the ${en}`, severity });
}

export function extractMetadata(text: string, sections: Section[]): StageResult<ReportMetadata> {
  const preamble = preambleOf(text, sections);
  let general = '';
  for (let i = 0; i < sections.length; i++) {
    if (sections[i]!.code !== 'general') continue;
    general = sections[i]!.text ?? '';
    break;
  }
  const flatPreamble = flatten(preamble);
  // The whole text flattened, made at most once and only when needed.
  let flatText: string | undefined;
  const flatWhole = () => (flatText ??= flatten(text));
  const agency = findAgency(text, preamble, general, flatPreamble, flatWhole);
  const titleYear = agency?.year && isPlausibleYear(agency.year) ? agency.year : null;
  const year = titleYear ?? yearFromBody(flatWhole(), general)?.year ?? null;

  const byName: Region = agency ? regionFromAgencyName(agency.name) : { province: null, city: null, county: null, source: null, rest: '' };
  const level = agency ? levelOf(agency.name, byName) : { admin_level: null, is_department: null };
  // A central body has no region; anyone else whose name names no place takes the one its text names.
  const region = byName.province || level.admin_level === 'national' ? byName : regionFromText(text, level.admin_level === 'township');
  const contact = extractContact(flatPreamble);
  // The whole text is searched only for what the preamble lacks.
  const lacking = new Set<'address' | 'phone' | 'website'>();
  if (contact.address === null) lacking.add('address');
  if (contact.phone === null) lacking.add('phone');
  if (contact.website === null) lacking.add('website');
  const fallbackContact = lacking.size === 0 ? contact : extractContact(flatWhole(), lacking);
  const metadata: ReportMetadata = {
    agency_name: agency?.name ?? null,
    year,
    template: null,
    published_date: publishedDate(text),
    signed_date: signOffDate(text),
    province: region.province?.name ?? null,
    province_code: region.province?.code ?? null,
    city: region.city?.name ?? null,
    city_code: region.city?.code ?? null,
    county: region.county?.name ?? null,
    county_code: region.county?.code ?? null,
    admin_level: level.admin_level,
    is_department: level.is_department,
    contact: {
      address: contact.address ?? fallbackContact.address,
      phone: contact.phone ?? fallbackContact.phone,
      website: contact.website ?? fallbackContact.website,
    },
  };
  return { value: metadata, findings: missingFindings(metadata) };
}

/** Where the county is part of what the agency is (a county body or a township), its absence is a warning. */
function missingFindings(m: ReportMetadata): Finding[] {
  const out: Finding[] = [];
  if (!m.agency_name) out.push(missing('agency_name', '机关名称', 'agency name'));
  if (m.year === null) out.push(missing('year', '报告年度', 'year reported on'));
  if (!m.province && m.admin_level !== 'national') out.push(missing('province', '所在省份', 'province'));
  if (!m.city && (m.admin_level === 'city' || m.admin_level === 'county' || m.admin_level === 'township')) out.push(missing('city', '所在地市', 'city'));
  if (!m.county && (m.admin_level === 'county' || m.admin_level === 'township')) out.push(missing('county', '所在区县', 'county'));
  if (!m.admin_level) out.push(missing('admin_level', '行政层级', 'administrative level', 'info'));
  if (!m.published_date) out.push(missing('published_date', '发布日期', 'publication date', 'info'));
  for (const [field, zh] of [['address', '联系地址'], ['phone', '联系电话'], ['website', '网站']] as const) {
    if (!m.contact[field]) out.push(missing(`contact/${field}`, zh, `contact ${field}`, 'info'));
  }
  return out;
}
