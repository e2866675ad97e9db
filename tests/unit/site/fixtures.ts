/**
 * ReportRecords for the site's unit tests, with the numbers of real corpus reports
 * (read from content/): 000_… 南充市顺庆区人民政府办公室 2020, 003_… 吴忠市利通区 2020 (table 四 without
 * numbers), 004_… 漳河新区 2021 (template 2021, all zero). Built by hand so the site's tests do not
 * depend on the parser's progress.
 */
import { APPLICANTS, PROCEEDINGS, RESULTS, applicationRowsFor, proactiveCategoriesFor, type TemplateCode } from '../../../src/schema/codes.ts';
import type { ApplicationCell, Finding, ProactiveCell, ReportRecord, ReviewCell } from '../../../src/schema/types.ts';
import { makeFinding } from '../../../src/pipeline/findings.ts';

type Seven = [number, number, number, number, number, number, number];

export function applicationCells(template: TemplateCode, values: Record<string, Seven>): ApplicationCell[] {
  return applicationRowsFor(template).flatMap((row) =>
    APPLICANTS.map((a, i) => {
      const v = values[row.code]?.[i] ?? 0;
      return { row: row.code, applicant: a.code, value: v, status: 'reported', raw: String(v), unit: null } as ApplicationCell;
    }),
  );
}

export function reviewCells(values: number[] = new Array(15).fill(0)): ReviewCell[] {
  return PROCEEDINGS.flatMap((p, i) =>
    RESULTS.map((r, j) => ({ proceeding: p.code, result: r.code, value: values[i * 5 + j]!, status: 'reported', raw: String(values[i * 5 + j]), unit: null }) as ReviewCell),
  );
}

export function proactiveCells(template: TemplateCode, values: Record<string, number[]> = {}): ProactiveCell[] {
  return proactiveCategoriesFor(template).flatMap((c) =>
    (c.measures[template] ?? []).map((m, i) => {
      const v = values[c.code]?.[i] ?? 0;
      return { item: c.item, category: c.code, measure: m, value: v, status: 'reported', raw: String(v), unit: m === 'amount' ? '元' : null } as ProactiveCell;
    }),
  );
}

const SECTION_CODES = ['general', 'proactive_disclosure', 'applications', 'review_litigation', 'problems', 'other_matters'] as const;

export function record(over: {
  report_id: string;
  agency_id: string | null;
  agency_name: string | null;
  year: number | null;
  template: TemplateCode | null;
  province?: string | null;
  city?: string | null;
  county?: string | null;
  admin_level?: ReportRecord['metadata']['admin_level'];
  tables?: Partial<ReportRecord['tables']>;
  findings?: Finding[];
  texts?: Partial<Record<(typeof SECTION_CODES)[number], string>>;
  parse_status?: ReportRecord['parse_status'];
}): ReportRecord {
  const missing = { status: 'missing' as const, template: null, cells: [] };
  return {
    report_id: over.report_id,
    agency_id: over.agency_id,
    source_file: `${over.report_id}.txt`,
    source_sha256: '0'.repeat(64),
    provenance: { source_url: null, obtained: null, note: null },
    encoding: 'utf-8',
    parse_status: over.parse_status ?? 'ok',
    metadata: {
      agency_name: over.agency_name,
      year: over.year,
      template: over.template,
      published_date: null,
      province: over.province ?? null,
      province_code: null,
      city: over.city ?? null,
      city_code: null,
      county: over.county ?? null,
      county_code: null,
      admin_level: over.admin_level ?? null,
      is_department: null,
      contact: { address: null, phone: null, website: null },
    },
    sections: SECTION_CODES.map((code, i) => ({
      code,
      number: i + 1,
      status: over.texts?.[code] === undefined ? 'missing' : 'present',
      title_found: null,
      text: over.texts?.[code] ?? '',
    })),
    tables: { applications: missing, proactive_disclosure: missing, review_litigation: missing, ...over.tables },
    findings: over.findings ?? [],
    removed_chrome: [],
    narrative_chars: 0,
  };
}

/** 000_bbae7e2c4812eba4.txt, template 2019. */
export const SHUNQING_2020 = record({
  report_id: 'shunqing-2020',
  agency_id: 'shunqing',
  agency_name: '南充市顺庆区人民政府办公室',
  year: 2020,
  template: '2019',
  province: '四川省',
  city: '南充市',
  county: '顺庆区',
  admin_level: 'county',
  texts: { general: '2020年，区政府办认真贯彻执行《条例》各项规定。\n\n<b>不是HTML</b>', problems: '还存在一些单位对政务公开工作重视不够。' },
  tables: {
    applications: {
      status: 'present',
      template: '2019',
      cells: applicationCells('2019', {
        received_new: [20, 0, 0, 0, 0, 15, 35],
        disclosed: [15, 0, 0, 0, 0, 0, 15],
        withheld_admin_inquiry: [5, 0, 0, 0, 0, 10, 15],
        unavailable_not_held: [0, 0, 0, 0, 0, 5, 5],
        outcome_total: [20, 0, 0, 0, 0, 15, 35],
      }),
    },
    review_litigation: { status: 'present', template: '2019', cells: reviewCells() },
    proactive_disclosure: { status: 'present', template: '2019', cells: proactiveCells('2019', { normative_documents: [10, 10, 30] }) },
  },
});

/** 003_bd2728a2fb5b3f82.txt: table 四 has headers and no numbers. */
export const LITONG_2020 = record({
  report_id: 'litong-2020',
  agency_id: 'litong',
  agency_name: '吴忠市利通区人民政府办公室',
  year: 2020,
  template: '2019',
  province: '宁夏回族自治区',
  admin_level: 'county',
  tables: {
    applications: { status: 'present', template: '2019', cells: applicationCells('2019', {}) },
    review_litigation: { status: 'empty', template: '2019', cells: [] },
  },
  findings: [makeFinding('table.missing', { table: 'review_litigation' })],
});

/** 004_e90c2bdef7009ef2.txt: template 2021, all zero. */
export const ZHANGHE_2021 = record({
  report_id: 'zhanghe-2021',
  agency_id: 'zhanghe',
  agency_name: '漳河新区',
  year: 2021,
  template: '2021',
  province: '湖北省',
  admin_level: 'county',
  tables: {
    applications: { status: 'present', template: '2021', cells: applicationCells('2021', {}) },
    review_litigation: { status: 'present', template: '2021', cells: reviewCells() },
  },
});

export const UNIDENTIFIED = record({
  report_id: 'unidentified-000000000000',
  agency_id: null,
  agency_name: null,
  year: null,
  template: null,
  parse_status: 'failed',
  findings: [makeFinding('file.not_a_report', { location: 'file' })],
});

/** 002_8000bc9f9e439cef.txt: gambling spam injected into the text. */
export const YINGZHOU_2020 = record({
  report_id: 'yingzhou-2020',
  agency_id: 'yingzhou',
  agency_name: '洛阳高新区瀛洲街道办事处',
  year: 2020,
  template: '2019',
  province: '河南省',
  admin_level: 'township',
  texts: { general: '2020年，瀛洲街道办事处认真贯彻落实《条例》。' },
  findings: [makeFinding('narrative.injected_spam', { location: 'section/general', actual: '澳门赌场' })],
});

export const ALL = [SHUNQING_2020, LITONG_2020, ZHANGHE_2021, YINGZHOU_2020, UNIDENTIFIED];
