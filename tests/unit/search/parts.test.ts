import { describe, expect, it } from 'vitest';
import { countedLength, parsePartsMeta, partsMeta, partTitle, partUrl, splitParts } from '../../../src/search/parts.ts';

const parts = [
  { code: 'general' as const, text: '本机关2020年\n坚持 疫情防控。' },
  { code: 'problems' as const, text: '（一）存在的问题\n政务新媒体更新不及时。' },
];

describe('parts of a record', () => {
  it('counts characters that are not whitespace, by code point (full-width space included as whitespace)', () => {
    expect(countedLength('疫情 防控\n　。')).toBe(5);
    expect(countedLength('𠀀a')).toBe(2);
  });

  it('writes code:length pairs and reads them back', () => {
    expect(partsMeta(parts)).toBe('general:15 problems:19');
    expect(parsePartsMeta('general:15 problems:19')).toEqual([{ code: 'general', length: 15 }, { code: 'problems', length: 19 }]);
    expect(parsePartsMeta('general:15 nonsense:3')).toBeNull();
    expect(parsePartsMeta('')).toBeNull();
  });

  it('cuts content back into parts even when Pagefind dropped or changed the whitespace', () => {
    const joined = parts.map((p) => p.text).join('\n');
    expect(splitParts(joined, partsMeta(parts))).toEqual(parts);
    const squeezed = joined.replace(/\n/g, '');
    expect(splitParts(squeezed, partsMeta(parts))).toEqual([
      { code: 'general', text: '本机关2020年坚持 疫情防控。' },
      { code: 'problems', text: '（一）存在的问题政务新媒体更新不及时。' },
    ]);
  });

  it('returns null when the lengths do not fit the content (too short or characters left over)', () => {
    const joined = parts.map((p) => p.text).join('\n');
    expect(splitParts(joined, 'general:15 problems:20')).toBeNull();
    expect(splitParts(`${joined}多`, partsMeta(parts))).toBeNull();
  });

  it('links a part to its section of the agency page and titles it as the template does', () => {
    expect(partUrl('/agencies/a-1/#a-1-2020', 'a-1-2020', 'problems')).toBe('/agencies/a-1/#a-1-2020--problems');
    expect(partTitle('other_matters')).toBe('六、其他需要报告的事项');
  });
});
