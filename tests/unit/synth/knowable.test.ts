import { describe, expect, it } from 'vitest';
import { digitSplits, knowableValues } from '../../../src/synth/knowable.ts';

// Row total: t = a + b; column: a = x + y.
const identities = [
  { left: ['t'], right: ['a', 'b'] },
  { left: ['a'], right: ['x', 'y'] },
];

describe('digitSplits', () => {
  it('cuts digits into parts without leading zeros', () => {
    expect(digitSplits('123', 2)).toEqual([[1, 23], [12, 3]]);
    expect(digitSplits('101', 2)).toEqual([[10, 1]]);
    expect(digitSplits('000', 3)).toEqual([[0, 0, 0]]);
    expect(digitSplits('05', 2)).toEqual([[0, 5]]);
  });
  it('lists a long run whole by dropping splits that break the row totals while they are cut', () => {
    // Table 四 glued into one run: 25 digits, 15 cells (C(24, 14) ≈ 2 million splits); each proceeding's total is the sum of its first four results.
    const totals = [0, 5, 10].map((p) => ({ left: [p + 4], right: [p, p + 1, p + 2, p + 3] }));
    expect(digitSplits('1142501002395501507050139', 15, 100_000, totals)).toEqual([
      [114, 25, 0, 100, 239, 5, 50, 15, 0, 70, 5, 0, 1, 3, 9],
      [114, 25, 0, 100, 239, 55, 0, 15, 0, 70, 5, 0, 1, 3, 9],
    ]);
  });
  it('gives no splits, not a part of them, when there are more than the limit', () => {
    expect(digitSplits('1111111111', 3, 5)).toEqual([]);
    expect(digitSplits('1111', 3, 5)).toHaveLength(3);
  });
});

describe('knowableValues', () => {
  it('fixes a single missing cell from an identity', () => {
    const known = new Map([['t', 9], ['b', 4], ['x', 2], ['y', 3]]);
    const solved = knowableValues(identities, known, [[new Map([['a', null]])]]);
    expect(solved.get('a')).toBe(5);
  });

  it('accepts a glued split only when exactly one reading adds up', () => {
    // a, b, t printed as "549": readings 5|4|9 (5+4=9 ✓) and 54|9|… — only 5,4,9 holds.
    const known = new Map([['x', 2], ['y', 3]]);
    const glued = digitSplits('549', 3).map((s) => new Map([['a', s[0]!], ['b', s[1]!], ['t', s[2]!]]));
    const solved = knowableValues(identities, known, [glued]);
    expect([solved.get('a'), solved.get('b'), solved.get('t')]).toEqual([5, 4, 9]);
  });

  it('leaves cells unknown when two readings add up', () => {
    const solved = knowableValues([{ left: ['t'], right: ['a', 'b'] }], new Map(), [digitSplits('1113', 3).map((s) => new Map([['a', s[0]!], ['b', s[1]!], ['t', s[2]!]]))]);
    // 1|11|3? 12≠3; 11|1|3? no; 1|1|13? no — no reading adds up: nothing is knowable.
    expect(solved.get('a')).toBeNull();
    const two = knowableValues([{ left: ['t'], right: ['a', 'b'] }], new Map(), [[new Map([['a', 1], ['b', 2], ['t', 3]]), new Map([['a', 2], ['b', 1], ['t', 3]])]]);
    expect(two.get('t')).toBe(3);
    expect(two.get('a')).toBeNull();
    expect(two.get('b')).toBeNull();
  });

  it('places a dropped cell only where the arithmetic allows', () => {
    // Printed 4 and 9 for a, b, t with one cell dropped. Gap at a: a=5, but x+y=4 — impossible.
    // Gap at b: b=5, t=9. Gap at t: b=9, t=13. Both add up, so only a=4 is knowable.
    const known = new Map([['x', 1], ['y', 3]]);
    const keys = ['a', 'b', 't'];
    const shown = [4, 9];
    const alts = keys.map((_, gap) => new Map(keys.map((k, i) => [k, i === gap ? null : shown[i < gap ? i : i - 1]!])));
    const solved = knowableValues(identities, known, [alts]);
    expect([solved.get('a'), solved.get('b'), solved.get('t')]).toEqual([4, null, null]);
  });
});
