/** Aggregated tables of table 四, table 二, a ranking of reports and data quality. Pure. */
import { PARSE_STATUSES, PROCEEDINGS, RESULTS, RULES, type TemplateCode } from '../schema/codes.ts';
import { agencyPath } from './agencies.ts';
import { correctionRate } from './figures.ts';
import { measureLabel } from './proactive.ts';
import { col, groupBy, KnownSum, ratio, reportColumn, sumKnown, type AggRow, type AggTable } from './aggregate.ts';
import { proactiveMeasures, type ReportSummary } from './summary.ts';
import { SUM_NOTE } from './tables.ts';

export function reviewLitigation(all: readonly ReportSummary[]): AggTable {
  const rows: AggRow[] = [];
  for (const { key, items } of groupBy(all, (a) => [a.metadata.year])) {
    for (const p of PROCEEDINGS) {
      const byResult = RESULTS.map(() => new KnownSum());
      let reports = 0;
      const corrected = new KnownSum();
      const concluded = new KnownSum();
      for (const a of items) {
        const review = a.figures.review[p.code];
        // Reports stating any result of the proceeding.
        if (!RESULTS.some((r) => review[r.code] !== null)) continue;
        reports++;
        RESULTS.forEach((r, i) => byResult[i]!.add(review[r.code]));
        if (correctionRate(review.corrected, review.total, review.pending) === null) continue;
        corrected.add(review.corrected);
        concluded.add(review.total! - review.pending!);
      }
      const row: AggRow = { year: key[0]!, proceeding: p.code, label: p.zh, reports };
      RESULTS.forEach((r, i) => (row[r.code] = byResult[i]!.value));
      row.correction_rate = ratio(corrected.value, concluded.value);
      rows.push(row);
    }
  }
  return {
    slug: 'review-litigation',
    name: 'review_litigation_by_year',
    file: 'review-litigation.csv',
    zh: '政府信息公开行政复议、行政诉讼（按年度）',
    en: 'Administrative reconsideration and litigation by year',
    rowIs: 'year × proceeding',
    primaryKey: ['year', 'proceeding'],
    description: '表四各项之和。纠正率 = 结果纠正 ÷（总计 − 尚未审结），即已审结案件中被纠正的比例，只用这三项都有数值的报告计算。',
    notes: [SUM_NOTE, '表四在两版模板中相同，可以直接比较。'],
    columns: [
      reportColumn('year'),
      col('proceeding', 'string', '案件类型代码', 'Proceeding code'),
      col('label', 'string', '案件类型', 'Proceeding'),
      col('reports', 'integer', '报告数', 'Reports'),
      ...RESULTS.map((r) => col(r.code, 'integer', r.zh, r.en)),
      col('correction_rate', 'number', '纠正率', 'Correction rate', true),
    ],
    rows,
  };
}

/** Table 二: measures differ between templates, so each template is summed on its own, never combined. */
export function article20(all: readonly ReportSummary[]): AggTable {
  const rows: AggRow[] = [];
  const withTable = all.filter((a) => a.proactive !== null);
  for (const { key, items } of groupBy(withTable, (a) => [a.metadata.year, a.proactive!.template])) {
    const template = key[1] as TemplateCode;
    for (const [i, { category: c, measure: m }] of proactiveMeasures(template).entries()) {
      const values = items.map((a) => a.proactive!.values[i] ?? null);
      rows.push({
        year: key[0]!,
        template,
        item: c.item,
        category: c.code,
        measure: m,
        label: `${c.zh}·${measureLabel(m)}`,
        reports: values.filter((v) => v !== null).length,
        value: sumKnown(values),
      });
    }
  }
  return {
    slug: 'article-20',
    name: 'article_20',
    file: 'article-20.csv',
    zh: '主动公开政府信息情况（条例第二十条，按年度×模板）',
    en: 'Proactive disclosure (Article 20) by year × template',
    rowIs: 'year × template × item × category × measure',
    primaryKey: ['year', 'template', 'item', 'category', 'measure'],
    description: '表二各项之和。两版模板的统计口径不同（2019年版：新制作/新公开/公开总数、项目数量；2021年版：制发/废止/现行有效件数、处理决定数、收费金额），按模板分开合计，不跨模板相加。',
    notes: [SUM_NOTE, '金额统一换算为元。'],
    columns: [
      reportColumn('year'),
      reportColumn('template'),
      col('item', 'string', '条款', 'Item of Article 20'),
      col('category', 'string', '信息类别代码', 'Category code'),
      col('measure', 'string', '指标代码', 'Measure code'),
      col('label', 'string', '信息内容·指标', 'Category · measure'),
      col('reports', 'integer', '报告数', 'Reports'),
      col('value', 'number', '合计', 'Sum'),
    ],
    rows,
  };
}

/** One row per report, ranked by applications received (unknown last). */
export function ranking(all: readonly ReportSummary[]): AggTable {
  const ranked = [...all]
    .filter((a) => a.agency_id !== null)
    .sort((a, b) => (b.figures.received_new ?? -1) - (a.figures.received_new ?? -1) || (a.report_id < b.report_id ? -1 : 1));
  const rows = ranked.map((a, i) => ({
    rank: a.figures.received_new === null ? null : i + 1,
    report_id: a.report_id,
    agency_id: a.agency_id,
    agency_name: a.metadata.agency_name,
    year: a.metadata.year,
    template: a.template,
    province: a.metadata.province,
    admin_level: a.metadata.admin_level,
    received_new: a.figures.received_new,
    disclosure_rate: a.figures.disclosure_rate === null ? null : ratio(a.figures.disclosure_rate, 1),
    reconsideration: a.figures.review.reconsideration.total,
    litigation: sumKnown([a.figures.review.litigation_direct.total, a.figures.review.litigation_after_reconsideration.total]),
    adds_up: a.figures.adds_up === null ? null : String(a.figures.adds_up),
  }));
  return {
    slug: 'ranking',
    name: 'ranking',
    file: 'ranking.csv',
    zh: '各机关年度申请量排名',
    en: 'Agencies ranked by applications received',
    rowIs: 'report',
    primaryKey: ['report_id'],
    description: '每份报告一行，按本年新收政府信息公开申请数量从多到少排列；可点击表头按其他列排序。',
    notes: ['排名不区分机关层级和规模，比较时请结合行政层级。', '“表格勾稽一致”：表三有数字，且没有勾稽关系或合计不符的问题。'],
    columns: [
      col('rank', 'integer', '名次', 'Rank'),
      reportColumn('report_id'),
      reportColumn('agency_id'),
      reportColumn('agency_name'),
      reportColumn('year'),
      reportColumn('template'),
      reportColumn('province'),
      reportColumn('admin_level'),
      col('received_new', 'integer', '本年新收申请', 'New applications'),
      col('disclosure_rate', 'number', '公开率', 'Disclosure rate', true),
      col('reconsideration', 'integer', '行政复议', 'Reconsiderations'),
      col('litigation', 'integer', '行政诉讼', 'Lawsuits'),
      col('adds_up', 'boolean', '表格勾稽一致', 'Tables add up'),
    ],
    rows,
    links: { agency_name: (row) => (typeof row.agency_id === 'string' ? `${agencyPath(row.agency_id)}#${row.report_id}` : null) },
  };
}

/** Reports and findings per validation rule (every rule listed, also those never triggered). */
export function dataQuality(all: readonly ReportSummary[]): AggTable {
  // One pass over the reports: reports and findings per rule, reports per parse status.
  const hit = new Map<string, number>();
  const found = new Map<string, number>();
  const statuses = new Map<string, number>();
  for (const a of all) {
    for (const rule in a.rules) {
      hit.set(rule, (hit.get(rule) ?? 0) + 1);
      found.set(rule, (found.get(rule) ?? 0) + a.rules[rule as keyof typeof a.rules]!);
    }
    statuses.set(a.parse_status, (statuses.get(a.parse_status) ?? 0) + 1);
  }
  const rows: AggRow[] = RULES.map((rule) => ({
    rule: rule.code,
    severity: rule.severity,
    origin: rule.origin,
    message: rule.zh,
    reports: hit.get(rule.code) ?? 0,
    findings: found.get(rule.code) ?? 0,
    share: ratio(hit.get(rule.code) ?? 0, all.length),
  }));
  for (const s of PARSE_STATUSES) {
    const n = statuses.get(s.code) ?? 0;
    rows.push({ rule: `parse_status.${s.code}`, severity: null, origin: null, message: s.zh, reports: n, findings: null, share: ratio(n, all.length) });
  }
  return {
    slug: 'data-quality',
    name: 'data_quality',
    file: 'data-quality.csv',
    zh: '数据质量：各校验规则涉及的报告',
    en: 'Data quality: reports by validation rule',
    rowIs: 'validation rule or parse status',
    primaryKey: ['rule'],
    description: '每条校验规则（见“方法”页）发现问题的报告数和问题数，以及各解析状态的报告数。',
    notes: ['一份报告可能触发多条规则。'],
    links: { rule: (row) => (RULES.some((r) => r.code === row.rule) ? `/method/#rule-${String(row.rule)}` : null) },
    columns: [
      col('rule', 'string', '规则', 'Rule'),
      col('severity', 'string', '严重程度', 'Severity'),
      col('origin', 'string', '问题来源', 'Origin'),
      col('message', 'string', '说明', 'Meaning'),
      col('reports', 'integer', '报告数', 'Reports'),
      col('findings', 'integer', '问题数', 'Findings'),
      col('share', 'number', '占全部报告', 'Share of reports', true),
    ],
    rows,
  };
}
