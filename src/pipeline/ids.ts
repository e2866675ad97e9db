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
import { hash as digestOf } from 'node:crypto';
import { pinyin } from 'pinyin-pro';

const MAX_SLUG = 48;
/** Characters of the name romanised for the slug; the hash covers the whole name. */
const MAX_SLUG_SOURCE = 200;

/** Years an annual report can be about; anything else is not a year to put in an id. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * Only CJK Unified Ideographs (U+4E00–U+9FFF, most names): NFKC leaves them as they are (no decomposition, none
 * composes), and none is whitespace or a format character, so such a name is its own normal form.
 */
const IDEOGRAPHS_ONLY = /^[\u4e00-\u9fff]*$/;

export function normaliseAgencyName(name: string): string {
  if (IDEOGRAPHS_ONLY.test(name)) return name;
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
  // (crypto.hash: the same hex digest as createHash…digest('hex'), without a Hash object per name.)
  const hash = digestOf('sha256', normalised, 'hex').slice(0, 6);
  const latin = romanised(normalised.slice(0, MAX_SLUG_SOURCE))
    .toLowerCase()
    // Keep only ASCII letters and digits: everything else (/, .., emoji, spaces) becomes a dash.
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return latin ? `${latin}-${hash}` : `agency-${hash}`;
}

/**
 * Letters with diacritics or combining marks (Latin-1 letters, Latin Extended A and B and Additional, combining
 * diacritics): a superset of what pinyin's tone marks and ü are written with.
 */
const DIACRITIC = /[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]/;
/** pinyin-pro's toned letters (its getPinyinWithoutTone's list, and ü) and what they are without the tone, ü as v. */
const TONED = /[\u0101\u00e1\u01ce\u00e0\u014d\u00f3\u01d2\u00f2\u0113\u00e9\u011b\u00e8\u012b\u00ed\u01d0\u00ec\u016b\u00fa\u01d4\u00f9\u01d6\u01d8\u01da\u01dc\u00fc\u0144\u0148\u01f9\u1e3f\u1ebf\u1ec1]|n\u0304|m[\u0304\u030c\u0300]|\u00ea[\u0304\u030c]/g;
const TONELESS: Record<string, string> = {
  ...Object.fromEntries([...'\u0101\u00e1\u01ce\u00e0'].map((c) => [c, 'a'])),
  ...Object.fromEntries([...'\u014d\u00f3\u01d2\u00f2'].map((c) => [c, 'o'])),
  ...Object.fromEntries([...'\u0113\u00e9\u011b\u00e8'].map((c) => [c, 'e'])),
  ...Object.fromEntries([...'\u012b\u00ed\u01d0\u00ec'].map((c) => [c, 'i'])),
  ...Object.fromEntries([...'\u016b\u00fa\u01d4\u00f9'].map((c) => [c, 'u'])),
  ...Object.fromEntries([...'\u01d6\u01d8\u01da\u01dc\u00fc'].map((c) => [c, 'v'])),
  ...Object.fromEntries(['n\u0304', '\u0144', '\u0148', '\u01f9'].map((c) => [c, 'n'])),
  ...Object.fromEntries(['m\u0304', '\u1e3f', 'm\u030c', 'm\u0300'].map((c) => [c, 'm'])),
  ...Object.fromEntries(['\u00ea\u0304', '\u1ebf', '\u00ea\u030c', '\u1ec1'].map((c) => [c, '\u00ea'])),
};
const toneless = (c: string): string => TONELESS[c]!;

/**
 * The name in pinyin without tones, ü written v, the syllables and other characters joined. pinyin-pro's own
 * toneType 'none' and v run nine regular expressions on every syllable (costly in a worker's first thousands of
 * reports); with the tones kept they are taken off the joined string in one pass instead. That equals pinyin-pro's
 * result when only its syllables can hold a toned letter or ü: a name with any letter with a diacritic or combining
 * mark (a superset of those) is romanised by pinyin-pro's way. (nonZh: 'consecutive' only joins runs of other
 * characters, which the join does too.)
 */
function romanised(name: string): string {
  // `v: true` writes ü as v (吕 → lv), so it is not lost to a dash.
  if (DIACRITIC.test(name)) return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('');
  return withoutTones(pinyin(name, { type: 'array' }));
}

/** Items of pinyin's arrays without their tones, remembered: a few thousand syllables, and the other characters of names. */
const TONELESS_ITEMS = new Map<string, string>();
const MAX_TONELESS_ITEMS = 20_000;

/** Whether a UTF-16 unit is a combining diacritical mark (U+0300–U+036F), what TONED's two-unit forms end with. */
const isCombiningMark = (unit: number): boolean => unit >= 0x300 && unit <= 0x36f;

/**
 * The items joined, TONED replaced: item by item, each remembered, as on the joined string. A TONED match spans two
 * items only if one starts with a combining mark (its longer forms end with one, single letters are one unit); then
 * the joined string is read.
 */
function withoutTones(items: readonly string[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (isCombiningMark(item.charCodeAt(0))) return items.join('').replace(TONED, toneless);
    let plain = TONELESS_ITEMS.get(item);
    if (plain === undefined) {
      plain = item.replace(TONED, toneless);
      if (TONELESS_ITEMS.size < MAX_TONELESS_ITEMS) TONELESS_ITEMS.set(item, plain);
    }
    out += plain;
  }
  return out;
}

// An agency id as agencyIdFor makes it (a corrections entry could hand in anything).
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function reportIdFor(agencyId: string | null, year: number | null, sha256: string): string {
  if (agencyId && SAFE_ID.test(agencyId) && year !== null && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR) return `${agencyId}-${year}`;
  return `unidentified-${sha256.replace(/[^0-9a-f]/gi, '').toLowerCase().slice(0, 12) || 'none'}`;
}
