import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { applicationIdentities, identityHolds, reviewIdentities } from '../../../src/schema/identities.ts';
import { generateReport } from '../../../src/synth/index.ts';
import { makeRng } from '../../../src/synth/prng.ts';

function decode(bytes: Uint8Array, encoding: string): string {
  const label = encoding === 'gbk' ? 'gbk' : encoding === 'utf-16le' ? 'utf16le' : 'utf8';
  return iconv.decode(Buffer.from(bytes), label).replace(/^\uFEFF/, '');
}

describe('seeded PRNG', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = makeRng('s');
    const b = makeRng('s');
    const c = makeRng('t');
    const xs = Array.from({ length: 5 }, () => a.int(0, 1_000_000));
    expect(Array.from({ length: 5 }, () => b.int(0, 1_000_000))).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.int(0, 1_000_000))).not.toEqual(xs);
  });
});

describe('generateReport', () => {
  it('is a pure function of seed and index', () => {
    const a = generateReport('unit', 7);
    const b = generateReport('unit', 7);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(JSON.stringify(a.truth)).toBe(JSON.stringify(b.truth));
    expect(Buffer.from(generateReport('unit', 8).bytes).equals(Buffer.from(a.bytes))).toBe(false);
  });

  it('prints the agency, the year and every reported number, in the declared encoding', () => {
    for (let i = 0; i < 40; i++) {
      const { bytes, truth } = generateReport('unit', i);
      const text = decode(bytes, truth.encoding);
      expect(text).toContain(truth.metadata.agency_name);
      expect(text).toContain(`${truth.metadata.year}年`);
      // Real regions: a county lies in its city, a city in its province (division codes nest).
      const m = truth.metadata;
      if (m.city_code) expect(m.city_code.startsWith(m.province_code)).toBe(true);
      if (m.county_code) expect(m.county_code.startsWith(m.city_code ?? m.province_code)).toBe(true);
      const reported = truth.tables.applications.cells.filter((c) => c.status === 'reported');
      for (const c of reported.slice(0, 10)) expect(text).toContain(String(c.value));
    }
  });

  it('makes tables that add up, except the reports marked broken', () => {
    let broken = 0;
    for (let i = 0; i < 200; i++) {
      const { truth } = generateReport('unit', i);
      if (truth.noise.includes('no-tables') || truth.noise.includes('glued-cells') || truth.noise.includes('missing-cell')) continue;
      const t = truth.tables;
      const value = new Map(t.applications.cells.map((c) => [c.key, c.value]));
      const appsHold = applicationIdentities(t.applications.template!).every((id) => identityHolds(id, (k) => value.get(`${k.row}/${k.applicant}`) ?? null) !== false);
      const review = new Map(t.review_litigation.cells.map((c) => [c.key, c.value]));
      const reviewHolds = reviewIdentities().every((id) => identityHolds(id, (k) => review.get(`${k.proceeding}/${k.result}`) ?? null) !== false);
      if (truth.broken) {
        broken++;
        expect(appsHold && reviewHolds).toBe(false);
      } else {
        expect(appsHold).toBe(true);
        expect(reviewHolds).toBe(true);
      }
    }
    // About 8% of reports break their arithmetic on purpose.
    expect(broken).toBeGreaterThan(3);
    expect(broken).toBeLessThan(40);
  });

  it('covers every layout, every encoding and the damage kinds over a few hundred reports', () => {
    const layouts = new Set<string>();
    const encodings = new Set<string>();
    const noise = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const { truth } = generateReport('unit', i);
      layouts.add(truth.layout);
      encodings.add(truth.encoding);
      truth.noise.forEach((n) => noise.add(n));
    }
    expect([...layouts].sort()).toEqual(['cell-per-line', 'gfm', 'html', 'one-line', 'pdf-text', 'pipe-filler', 'pipe-newline', 'tsv-page-break']);
    expect([...encodings].sort()).toEqual(['gbk', 'utf-16le', 'utf-8', 'utf-8-bom']);
    for (const n of ['glued-cells', 'missing-cell', 'blank-cells', 'not-applicable', 'empty-table', 'no-tables', 'spam', 'chrome', 'half-width']) expect(noise).toContain(n);
  });

  it('marks damaged cells knowable only with the value the report really had, and some not at all', () => {
    let imputed = 0;
    let unknown = 0;
    for (let i = 0; i < 300; i++) {
      const { truth } = generateReport('unit', i, undefined);
      for (const c of truth.tables.applications.cells) {
        if (c.status === 'imputed') {
          imputed++;
          expect(c.knowable).toBe(true);
          expect(Number.isInteger(c.value)).toBe(true);
        }
        if (c.status === 'unreadable' || c.status === 'blank' || (c.status === 'missing' && truth.tables.applications.status === 'present')) {
          unknown++;
          expect(c.value).toBeNull();
          expect(c.knowable).toBe(false);
        }
      }
    }
    expect(imputed).toBeGreaterThan(0);
    expect(unknown).toBeGreaterThan(0);
  });
});
