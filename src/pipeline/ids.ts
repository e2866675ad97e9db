/**
 * Stable, URL-safe identifiers. agency_id: pinyin slug of the normalised name
 * plus a short hash of it (so two names with the same pinyin never clash).
 * report_id: `<agency_id>-<year>`.
 */
import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';

const MAX_SLUG = 48;

export function normaliseAgencyName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

export function agencyIdFor(name: string): string {
  const normalised = normaliseAgencyName(name);
  const hash = createHash('sha256').update(normalised).digest('hex').slice(0, 6);
  const latin = pinyin(normalised, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    // Keep only ASCII letters and digits: everything else (/, .., emoji, spaces) becomes a dash.
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return latin ? `${latin}-${hash}` : `agency-${hash}`;
}

export function reportIdFor(agencyId: string | null, year: number | null, sha256: string): string {
  if (agencyId && year) return `${agencyId}-${year}`;
  return `unidentified-${sha256.slice(0, 12)}`;
}
