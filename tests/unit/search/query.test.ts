import { describe, expect, it } from 'vitest';
import { containsAllTerms, excerptParts, paramsFromState, queryTerms, segmentedQuery, stateFromParams } from '../../../src/search/query.ts';

describe('query terms', () => {
  it('splits on spaces, keeps quoted phrases, drops quotes of either width and duplicates', () => {
    expect(queryTerms('政策解读 新媒体')).toEqual(['政策解读', '新媒体']);
    expect(queryTerms('“疫情防控”')).toEqual(['疫情防控']);
    expect(queryTerms('"政务 公开"  12345热线　12345热线')).toEqual(['政务公开', '12345热线']);
    expect(queryTerms('ＡＢＣ１２')).toEqual(['abc12']);
    expect(queryTerms('   ')).toEqual([]);
  });

  it('a term matches across the line breaks and spaces of PDF text', () => {
    expect(containsAllTerms('加强区政府门户网站及政务新媒\n体日常管理', ['政务新媒体', '门户网站'])).toBe(true);
    expect(containsAllTerms('2024 年，区政府', ['2024年'])).toBe(true);
    expect(containsAllTerms('政务公开', ['政务新媒体'])).toBe(false);
  });

  it('the retry cuts Han terms with the segmenter and leaves others alone', () => {
    const cut = (t: string) => (t === '疫情防控' ? ['疫情', '防控'] : [t]);
    expect(segmentedQuery(['疫情防控', 'abc'], cut)).toBe('疫情 防控 abc');
    expect(segmentedQuery(['公开'], cut)).toBeNull();
  });
});

describe('URL state', () => {
  it('round-trips the query and the filters in a fixed order, dropping empty ones', () => {
    const state = stateFromParams(new URLSearchParams('template=2021&q=%E7%96%AB%E6%83%85&year=2021&level=&x=1'));
    expect(state).toEqual({ q: '疫情', filters: { year: '2021', template: '2021' } });
    expect(paramsFromState(state).toString()).toBe('q=%E7%96%AB%E6%83%85&year=2021&template=2021');
  });
});

describe('excerpt', () => {
  it('marks every occurrence around the first, as plain text parts', () => {
    const text = '一是强化政府网站建设管理,加强政府网站的日常巡查,对<b>网站</b>栏目检查。';
    const parts = excerptParts(text, ['政府网站'], 20);
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['政府网站', '政府网站']);
    // Report text stays text: the page appends it as text nodes, so <b> is shown, not parsed.
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(excerptParts(text, ['政府网站'], 10).map((p) => p.text).join('')).toBe('一是强化政府网站建设管理,加强政府网站的日常巡查…');
  });

  it('marks a term broken by a line break and starts with … when cut', () => {
    const parts = excerptParts('甲乙丙丁戊己庚辛壬癸政务新媒\n体日常管理', ['政务新媒体'], 3);
    expect(parts[0]).toEqual({ text: '…辛壬癸', mark: false });
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['政务新媒 体']);
  });
});
