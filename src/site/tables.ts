/**
 * The aggregated tables of /tables/: what each shows is computed here from report
 * summaries (their per-report figures are made with the summaries file, so these
 * are sums over numbers already there); the pages and the CSV downloads only
 * render these rows. Pure.
 */
import {
  APPLICATION_ROWS,
  type ApplicationRowCode,
  type TemplateCode,
} from '../schema/codes.ts';
import { outcomeGroups, reasonRows, type OutcomeGroup } from './cells.ts';
import type { ReportSummary } from './summary.ts';
import { col, groupBy, KnownSum, median, ratio, reportColumn, sumKnown, type AggColumn, type AggRow, type AggTable } from './aggregate.ts';

/** Column name of an outcome group: the row code, or the prefix its rows share (withheld_*, other_*). */
export function groupColumnName(g: OutcomeGroup): string {
  if (g.rows.length === 1 && g.key !== '六') return g.rows[0]!;
  const prefixes = new Set(g.rows.map((r) => r.split('_')[0]!));
  return prefixes.size === 1 ? [...prefixes][0]! : `group_${g.rows[0]}`;
}

const rowDef = (code: string) => APPLICATION_ROWS.find((r) => r.code === code)!;

export const CROSSWALK_NOTE =
  '模板对照：2019年版模板的“三（六）其他处理”是一行，2021年版模板拆为“三（六）1 逾期不补正”“三（六）2 逾期未缴费”“三（六）3 其他”三行；本表把三行之和与2019年版的一行对应，作为“其他处理”。其余各行两版模板相同。';
export const SUM_NOTE = '合计只计入报告了数值的单元格（报告数值或推算数值）；缺失、空白、不适用、无法识别的单元格不计为0。每列的数据来自报告了该项的报告，各列的报告数可能不同。';
export const RATE_NOTE = '公开率 =（予以公开 + 部分公开）÷ 办理结果总计，只用三项都有数值的报告汇总计算。';

const DIMENSIONS = {
  province: { zh: '省级行政区', slug: 'applications-by-province', key: (a: ReportSummary) => a.metadata.province },
  admin_level: { zh: '行政层级', slug: 'applications-by-level', key: (a: ReportSummary) => a.metadata.admin_level },
  template: { zh: '表格模板', slug: 'applications-by-template', key: (a: ReportSummary) => a.template },
} as const;
export type Dimension = keyof typeof DIMENSIONS;

/** 予以公开 + 部分公开 and 办理结果总计, summed over the reports whose disclosure rate is known. */
class PooledRate {
  private open = new KnownSum();
  private outcomes = new KnownSum();
  add(a: ReportSummary): void {
    if (a.figures.disclosure_rate === null) return;
    this.open.add((a.figures.groups['一'] ?? 0) + (a.figures.groups['二'] ?? 0));
    this.outcomes.add(a.figures.outcome_total);
  }
  get value(): number | null {
    return ratio(this.open.value, this.outcomes.value);
  }
}

function pooledRate(items: readonly ReportSummary[]): number | null {
  const rate = new PooledRate();
  for (const a of items) rate.add(a);
  return rate.value;
}

function figureColumns(): AggColumn[] {
  // 三(七) is printed as just 总计: name its group so the column title stands alone.
  const rowCol = (code: ApplicationRowCode) => col(code, 'integer', rowDef(code).zh === '总计' ? `${rowDef(code).group}·总计` : rowDef(code).zh, rowDef(code).en);
  return [
    rowCol('received_new'),
    rowCol('carried_over_in'),
    ...outcomeGroups().map((g) => col(groupColumnName(g), 'integer', g.zh, rowDef(g.rows[0]!).en.split(':')[0]!)),
    rowCol('outcome_total'),
    rowCol('carried_over_out'),
    col('disclosure_rate', 'number', '公开率', 'Disclosure rate', true),
  ];
}

function figureValues(items: readonly ReportSummary[]): AggRow {
  const groups = outcomeGroups();
  const received = new KnownSum();
  const carriedIn = new KnownSum();
  const byGroup = groups.map(() => new KnownSum());
  const outcomes = new KnownSum();
  const carriedOut = new KnownSum();
  const rate = new PooledRate();
  for (const a of items) {
    const f = a.figures;
    received.add(f.received_new);
    carriedIn.add(f.carried_over_in);
    for (let i = 0; i < groups.length; i++) byGroup[i]!.add(f.groups[groups[i]!.key]);
    outcomes.add(f.outcome_total);
    carriedOut.add(f.carried_over_out);
    rate.add(a);
  }
  const row: AggRow = { received_new: received.value, carried_over_in: carriedIn.value };
  groups.forEach((g, i) => (row[groupColumnName(g)] = byGroup[i]!.value));
  row.outcome_total = outcomes.value;
  row.carried_over_out = carriedOut.value;
  row.disclosure_rate = rate.value;
  return row;
}

const reportsCol = col('reports', 'integer', '报告数', 'Reports');
const withTableCol = col('reports_with_applications', 'integer', '有申请情况表的报告数', 'Reports with an applications table');

export function applicationsBy(all: readonly ReportSummary[], dimension: Dimension): AggTable {
  const dim = DIMENSIONS[dimension];
  const rows = groupBy(all, (a) => [a.metadata.year, dim.key(a)]).map(({ key, items }) => ({
    year: key[0]!,
    [dimension]: key[1]!,
    reports: items.length,
    reports_with_applications: items.filter((a) => a.applications_present).length,
    ...figureValues(items),
  }));
  return {
    slug: dim.slug,
    name: dim.slug.replace(/-/g, '_'),
    file: `${dim.slug}.csv`,
    zh: `政府信息公开申请及办理结果（按年度×${dim.zh}）`,
    en: `Applications and outcomes by year × ${dimension}`,
    rowIs: `year × ${dimension}`,
    primaryKey: ['year', dimension],
    description: `各年度、各${dim.zh}的政府信息公开申请数量和办理结果（表三“总计”列）之和。`,
    notes: [SUM_NOTE, CROSSWALK_NOTE, RATE_NOTE],
    columns: [reportColumn('year'), reportColumn(dimension), reportsCol, withTableCol, ...figureColumns()],
    rows,
  };
}

export function disclosureRates(all: readonly ReportSummary[]): AggTable {
  const rows = groupBy(all, (a) => [a.metadata.year, a.template]).map(({ key, items }) => {
    const rated = items.filter((a) => a.figures.disclosure_rate !== null);
    return {
      year: key[0]!,
      template: key[1]!,
      reports: items.length,
      reports_rated: rated.length,
      disclosed: sumKnown(rated.map((a) => a.figures.groups['一'] ?? null)),
      partially_disclosed: sumKnown(rated.map((a) => a.figures.groups['二'] ?? null)),
      outcome_total: sumKnown(rated.map((a) => a.figures.outcome_total)),
      disclosure_rate: pooledRate(items),
      median_rate: ratio(median(rated.map((a) => a.figures.disclosure_rate!)), 1),
    };
  });
  return {
    slug: 'disclosure-rate',
    name: 'disclosure_rate',
    file: 'disclosure-rate.csv',
    zh: '公开率（按年度×模板）',
    en: 'Disclosure rate by year × template',
    rowIs: 'year × template',
    primaryKey: ['year', 'template'],
    description: '予以公开与部分公开之和占办理结果总计的比例：汇总公开率按件数合计计算，中位数按各报告的公开率计算。',
    notes: [RATE_NOTE, SUM_NOTE],
    columns: [
      reportColumn('year'),
      reportColumn('template'),
      reportsCol,
      col('reports_rated', 'integer', '可计算公开率的报告数', 'Reports with a disclosure rate'),
      col('disclosed', 'integer', rowDef('disclosed').zh, rowDef('disclosed').en),
      col('partially_disclosed', 'integer', rowDef('partially_disclosed').zh, rowDef('partially_disclosed').en),
      col('outcome_total', 'integer', '办理结果总计', rowDef('outcome_total').en),
      col('disclosure_rate', 'number', '汇总公开率', 'Pooled disclosure rate', true),
      col('median_rate', 'number', '各报告公开率中位数', 'Median report disclosure rate', true),
    ],
    rows,
  };
}

/** Outcome rows other than 予以公开 and 部分公开: why information was not (fully) disclosed. */
export function nonDisclosureReasons(all: readonly ReportSummary[]): AggTable {
  const reasons = reasonRows();
  const withTable = all.filter((a) => a.template !== null && a.applications_present);
  const rows: AggRow[] = [];
  for (const { key, items } of groupBy(withTable, (a) => [a.metadata.year, a.template])) {
    const template = key[1] as TemplateCode;
    for (const [i, code] of reasons.entries()) {
      const def = rowDef(code);
      if (!(def.templates as readonly string[]).includes(template)) continue;
      const count = new KnownSum();
      const outcomes = new KnownSum();
      for (const a of items) {
        const v = a.reasons[i]!;
        if (v === null) continue;
        count.add(v);
        outcomes.add(a.figures.outcome_total);
      }
      rows.push({
        year: key[0]!,
        template,
        row: code,
        number: def.number,
        label: def.group && def.group !== '本年度办理结果' ? `${def.group}·${def.zh}` : def.zh,
        reports: count.n,
        count: count.value,
        share: ratio(count.value, outcomes.value),
      });
    }
  }
  return {
    slug: 'non-disclosure-reasons',
    name: 'non_disclosure_reasons',
    file: 'non-disclosure-reasons.csv',
    zh: '不予公开、无法提供、不予处理及其他处理的理由（按年度×模板）',
    en: 'Reasons for non-disclosure by year × template',
    rowIs: 'year × template × applications row',
    primaryKey: ['year', 'template', 'row'],
    description: '表三各办理结果行（予以公开、部分公开以外）在“总计”列的件数，以及占同一批报告办理结果总计的比例。',
    notes: [SUM_NOTE, CROSSWALK_NOTE],
    columns: [
      reportColumn('year'),
      reportColumn('template'),
      col('row', 'string', '行代码', 'Row code'),
      col('number', 'string', '模板序号', 'Template number'),
      col('label', 'string', '办理结果', 'Outcome'),
      col('reports', 'integer', '报告了该项的报告数', 'Reports stating it'),
      col('count', 'integer', '件数', 'Count'),
      col('share', 'number', '占办理结果总计', 'Share of outcomes total', true),
    ],
    rows,
  };
}
