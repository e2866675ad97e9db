import { describe, expect, it } from 'vitest';
import { mergeFilterValues, stableJson } from '../../../src/search/manifest.ts';
import { assignShards, REPORTS_PER_SHARD, shardCount, shardDigest, shardName, shardOf } from '../../../src/search/shards.ts';

describe('shards of the search index', () => {
  it('takes the smallest power of two that keeps shards at or below the target on average', () => {
    expect(REPORTS_PER_SHARD).toBe(400);
    expect([1, 10, 400, 401, 800, 801, 10_000, 100_000].map((n) => shardCount(n))).toEqual([1, 1, 1, 2, 2, 4, 32, 256]);
    expect(shardCount(10, 3)).toBe(4);
    expect(() => shardCount(10, 0)).toThrow('positive integer');
  });

  it('places a key by the first 32 bits of its sha256, the same on every run', () => {
    // sha256 of 'a' starts ca978112, of the key below 3813c955.
    expect(shardOf('a', 16)).toBe(0xca978112 % 16);
    expect(shardOf('nanchongshishunqingqurenminzhengfubangongshi-2f5d1a', 16)).toBe(0x3813c955 % 16);
    expect(shardOf('a', 1)).toBe(0);
  });

  it('names shards with a fixed width', () => {
    expect(shardName(3, 16)).toBe('s03');
    expect(shardName(7, 256)).toBe('s007');
  });

  it('keeps all years of an agency in one shard, each shard in report order', () => {
    const inputs = ['b-2021', 'a-2020', 'a-2021', 'c-2020', 'b-2020'].map((id) => ({ report_id: id, agency_id: id.split('-')[0]!, sha256: 'x' }));
    const groups = assignShards(inputs, 4);
    for (const g of groups) expect(g.map((r) => r.report_id)).toEqual([...g.map((r) => r.report_id)].sort());
    for (const agency of ['a', 'b', 'c']) expect(groups.filter((g) => g.some((r) => r.agency_id === agency))).toHaveLength(1);
    expect(groups.flat()).toHaveLength(5);
  });

  it('digests what a shard is built from: a changed hash or fingerprint changes it', () => {
    const reports = [{ report_id: 'a-2020', agency_id: 'a', sha256: '01' }];
    const d = shardDigest('code', reports);
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(shardDigest('code', [{ ...reports[0]!, sha256: '02' }])).not.toBe(d);
    expect(shardDigest('other', reports)).not.toBe(d);
  });

  it('writes the manifest with sorted keys and merged, sorted filter values', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}\n');
    expect(mergeFilterValues([{ year: ['2021'] }, { year: ['2019', '2021'], province: ['四川省'] }])).toEqual({ year: ['2019', '2021'], province: ['四川省'] });
  });
});
