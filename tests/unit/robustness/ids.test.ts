/** Safe, unique and stable ids for hostile agency names (issue 8 §5). */
import { resolve, join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { agencyIdFor, normaliseAgencyName, reportIdFor } from '../../../src/pipeline/ids.ts';

const SAFE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HOSTILE_NAMES = [
  '../../etc/passwd', '..', '.', '/', 'a/b c', 'a\\b', '🏛️👩‍⚖️', '🏛️', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)', '{Astro.props}', '---', '<!--', '\u202e局', '%2e%2e%2f', 'CON', 'x'.repeat(100_000), '政'.repeat(5000),
  '河北省教育厅', '河北省教育厅（厅办公室）', '吕梁市人民政府', '女子监狱管理局', '律师协会', '', '\ud800局',
];

describe('agency and report ids', () => {
  it('are ASCII slugs of bounded length, safe as file names and URL segments', () => {
    for (const name of HOSTILE_NAMES) {
      const id = agencyIdFor(name);
      expect(id, name.slice(0, 20)).toMatch(SAFE);
      expect(id.length).toBeLessThanOrEqual(56);
      expect(encodeURIComponent(id)).toBe(id);
      const dir = resolve('/srv/data/reports');
      expect(resolve(join(dir, `${id}.json`)).startsWith(dir + '/')).toBe(true);
      expect(reportIdFor(id, 2020, 'a'.repeat(64))).toBe(`${id}-2020`);
    }
  });

  it('are unique for distinct names and stable across runs', () => {
    const distinct = [...new Set(HOSTILE_NAMES.map(normaliseAgencyName))];
    const ids = distinct.map(agencyIdFor);
    expect(new Set(ids).size).toBe(distinct.length);
    // Fixed values: an id never changes for the same name (hash = sha256 of the NFKC name, first 6 hex).
    expect(agencyIdFor('河北省教育厅')).toBe('hebeishengjiaoyuting-9df43b');
    expect(agencyIdFor('../../etc/passwd')).toBe('etc-passwd-3754d6');
    expect(agencyIdFor('🏛️👩‍⚖️')).toBe('agency-f8dca8');
  });

  it('keep ü as v instead of losing it', () => {
    expect(agencyIdFor('吕梁市人民政府')).toBe('lvliangshirenminzhengfu-8b7221');
    expect(agencyIdFor('女子监狱管理局').startsWith('nvzijianyuguanliju-')).toBe(true);
  });

  it('take the tones off the syllables as pinyin-pro does (toneType none, ü as v), and leave other accented letters to the slug rule', () => {
    // What pinyin-pro itself gives, slugged as ids.ts does: toned syllables (嗯 ń/ň/ǹ, 呣 m̀, 欸 ê̄/ế, 一/不 sandhi, 了) and ü.
    const slug = (name: string) =>
      pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    for (const name of ['嗯呣欸局', '一不了绿略女子局', '长乐县重庆行政局', 'Café局', 'Müller局', 'é吕', 'n\u0304局', '欸\u0304县', 'ÀÉÜ吕局']) {
      expect(agencyIdFor(name).replace(/-?[0-9a-f]{6}$/, ''), name).toBe(slug(normaliseAgencyName(name)) || 'agency');
    }
    expect(agencyIdFor('Café吕局').startsWith('caf-lvju-')).toBe(true);
  });

  it('ignore width, whitespace and invisible characters, which never tell two agencies apart', () => {
    const id = agencyIdFor('河北省教育厅');
    for (const variant of [' 河北省 教育厅 ', '河北省\u3000教育厅', '河北省\u200b教育厅', '\ufeff河北省教育厅', '河北省\u202e教育厅']) expect(agencyIdFor(variant)).toBe(id);
    expect(agencyIdFor('Ａｇｅｎｃｙ局')).toBe(agencyIdFor('Agency局'));
  });

  it('romanise only the head of a very long name, quickly', () => {
    const t0 = performance.now();
    agencyIdFor('政'.repeat(1_000_000));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(agencyIdFor('政'.repeat(1000) + '甲')).not.toBe(agencyIdFor('政'.repeat(1000) + '乙'));
  });

  it('fall back to the file hash when the year is not a plausible integer year or the agency id is unsafe', () => {
    const sha = 'ab'.repeat(32);
    for (const year of [null, NaN, 2019.5, -1, 0, 99999]) expect(reportIdFor('x-abc123', year, sha)).toBe('unidentified-abababababab');
    expect(reportIdFor('../x', 2020, sha)).toBe('unidentified-abababababab');
    expect(reportIdFor(null, 2020, sha)).toBe('unidentified-abababababab');
  });
});
