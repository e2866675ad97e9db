/**
 * Golden files of the reader for every corpus report: agency, year, region,
 * level, publication date and the edges of the six parts, each checked by
 * reading the report. Regenerate deliberately with update-expectations.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBytes, corpusFiles, goldenPath, readStages } from './load.ts';
import { summarise } from './summary.ts';

describe('reader golden files', () => {
  it('has a golden file for every corpus report', () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(10);
    for (const file of corpusFiles()) expect(existsSync(goldenPath(file)), file).toBe(true);
  });

  for (const file of corpusFiles()) {
    it(`${file} reads as its golden file says`, () => {
      const golden = JSON.parse(readFileSync(goldenPath(file), 'utf8'));
      expect({ source_file: file, ...summarise(readStages(file, corpusBytes(file))) }).toEqual(golden);
    });
  }
});

describe('facts stated in the issue, independent of the golden files', () => {
  it('004: 漳河新区, 2021, 湖北省 荆门市 (the city named in the text)', () => {
    const m = readStages('004_e90c2bdef7009ef2.txt', corpusBytes('004_e90c2bdef7009ef2.txt')).metadata!;
    expect([m.agency_name, m.year, m.province, m.province_code, m.city, m.city_code]).toEqual(['漳河新区', 2021, '湖北省', '420000', '荆门市', '420800']);
  });

  it('16: 河北省科学技术厅, 2019, no part 六 and an empty part 二', () => {
    const out = readStages('16_hebei_kjt_2019.txt', corpusBytes('16_hebei_kjt_2019.txt'));
    expect([out.metadata!.agency_name, out.metadata!.year, out.metadata!.province]).toEqual(['河北省科学技术厅', 2019, '河北省']);
    expect(out.sections.map((s) => s.status)).toEqual(['present', 'present', 'present', 'present', 'present', 'missing']);
    expect(out.sections[1]!.text).toBe('');
    expect(out.sections[2]!.text).toBe('2019年未收到政府信息公开申请。');
  });

  it('000: 南充市顺庆区人民政府办公室, 2020, published 2021-01-29, 四川省 南充市 顺庆区, a department of a county', () => {
    const m = readStages('000_bbae7e2c4812eba4.txt', corpusBytes('000_bbae7e2c4812eba4.txt')).metadata!;
    expect(m).toMatchObject({
      agency_name: '南充市顺庆区人民政府办公室', year: 2020, published_date: '2021-01-29',
      province: '四川省', province_code: '510000', city: '南充市', city_code: '511300', county: '顺庆区', county_code: '511302',
      admin_level: 'county', is_department: true,
    });
    expect(m.contact).toEqual({ address: '南充市顺庆区果城路13号政府大楼', phone: '0817-2261090', website: 'www.shunqing.gov.cn' });
  });

  it('03_pingtan: the intro that lists every part title is not taken for headings', () => {
    const out = readStages('03_pingtan_2020.txt', corpusBytes('03_pingtan_2020.txt'));
    expect(out.sections.every((s) => s.status === 'present')).toBe(true);
    expect(out.sections[0]!.text.startsWith('2020年，我区以习近平新时代')).toBe(true);
    expect(out.sections[3]!.text).toMatch(/^行政复议行政诉讼结果维持/);
    expect(out.sections[5]!.text).toBe('无其他需要报告的事项');
    expect(out.metadata).toMatchObject({ agency_name: '平潭综合实验区', year: 2020, published_date: '2021-03-05', province: '福建省' });
  });
});
