/**
 * combineInPlace (one working grid, filled cells set back, partial combinations that break
 * a known identity dropped) against combineByCopies, the general walk: the same rows, in
 * the same order, on random grids; and neither changes its inputs.
 */
import { describe, expect, it } from 'vitest';
import { combineByCopies, combineInPlace, compileIdentities, type Cell } from '../../../src/pipeline/tables/propagate.ts';
import type { GridIdentity } from '../../../src/pipeline/tables/resolve.ts';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('combineInPlace', () => {
  it('gives what combineByCopies gives', () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rnd = random(seed);
      const width = 3 + Math.floor(rnd() * 3);
      const rows = 3 + Math.floor(rnd() * 4);
      const cell = (): Cell => {
        const x = rnd();
        return x < 0.15 ? undefined : x < 0.2 ? null : Math.floor(rnd() * 4);
      };
      const base: Cell[][] = Array.from({ length: rows }, () => Array.from({ length: width }, cell));
      const keys = [0, 1, 2].slice(0, 2 + Math.floor(rnd() * 2));
      const options = keys.map(() => Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => Array.from({ length: width }, cell)));
      const names = Array.from({ length: rows }, (_, r) => `r${r}`);
      const identities: GridIdentity[] = Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => {
        const pick = (): [string, number] => [rnd() < 0.05 ? 'absent' : names[Math.floor(rnd() * rows)]!, Math.floor(rnd() * width)];
        return { left: Array.from({ length: 1 + Math.floor(rnd() * 3) }, pick), right: [pick()] };
      });
      const compiled = compileIdentities(identities, new Map(names.map((n, i) => [n, i])));
      const before = JSON.stringify([base, options]);
      const writable = base.map((r) => r.includes(undefined));
      const general = combineByCopies(base, writable, keys, options, compiled);
      const fast = combineInPlace(base, keys, options, compiled);
      expect(fast).toEqual(general);
      expect(JSON.stringify([base, options])).toBe(before);
      if (general.some((g) => g.length > 0)) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(50);
  });
});
