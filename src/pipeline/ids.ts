/**
 * Stable, URL-safe identifiers. agency_id: pinyin slug of the normalised name
 * plus a short hash of it (so two names with the same pinyin never clash).
 * report_id: `<agency_id>-<year>`.
 *
 * Every id matches /^[a-z0-9]+(-[a-z0-9]+)*$/ and is at most ~70 characters,
 * whatever the name holds (`/`, `..`, spaces, emoji, markup, bidi controls, a
 * megabyte of text): it is safe as a file name, a URL path segment and an HTML
 * attribute without escaping (tests/unit/robustness/ids.test.ts).
 */
import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';

const MAX_SLUG = 48;
/** Characters of the name romanised for the slug; the hash covers the whole name. */
const MAX_SLUG_SOURCE = 200;

/** Years an annual report can be about; anything else is not a year to put in an id. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export function normaliseAgencyName(name: string): string {
  // NFKC folds full-width letters and U+3000; whitespace and invisible format characters
  // (zero-width spaces, BOM, bidi controls: Unicode category Cf) never tell two agencies apart.
  return name.normalize('NFKC').replace(/[\s\p{Cf}]+/gu, '');
}

/**
 * agencyIdFor by name, remembered: an agency publishes every year, and pinyin
 * conversion is slow. Bounded (cleared when full), and the id is the same with
 * or without it. Only names of a usual length are kept.
 */
const MAX_REMEMBERED = 10_000;
const remembered = new Map<string, string>();

export function agencyIdFor(name: string): string {
  let id = remembered.get(name);
  if (id === undefined) {
    id = computeAgencyId(name);
    if (name.length > MAX_SLUG_SOURCE) return id;
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(name, id);
  }
  return id;
}

function computeAgencyId(name: string): string {
  const normalised = normaliseAgencyName(name);
  const hash = createHash('sha256').update(normalised).digest('hex').slice(0, 6);
  // `v: true` writes ü as v (吕 → lv), so it is not lost to a dash.
  const latin = pinyin(normalised.slice(0, MAX_SLUG_SOURCE), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    // Keep only ASCII letters and digits: everything else (/, .., emoji, spaces) becomes a dash.
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return latin ? `${latin}-${hash}` : `agency-${hash}`;
}

// An agency id as agencyIdFor makes it (a corrections entry could hand in anything).
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function reportIdFor(agencyId: string | null, year: number | null, sha256: string): string {
  if (agencyId && SAFE_ID.test(agencyId) && year !== null && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR) return `${agencyId}-${year}`;
  return `unidentified-${sha256.replace(/[^0-9a-f]/gi, '').toLowerCase().slice(0, 12) || 'none'}`;
}
