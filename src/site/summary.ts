/**
 * A report as the aggregate pages and the agency list need it: a few metadata
 * fields and the per-report figures, computed once when the report's line of the
 * summaries file is made. The build script keeps the lines of unchanged reports,
 * so a rebuild with one report changed computes one report's figures, and the
 * aggregate pages only add up numbers that are already there. Pure.
 */
import { PROACTIVE_CATEGORIES, type MeasureCode, type ParseStatus, type ProactiveCategoryDef, type RuleCode, type TemplateCode } from '../schema/codes.ts';
import type { ReportMetadata, ReportRecord } from '../schema/types.ts';
import { applicationCell, reasonRows, tableTemplate, valueOf } from './cells.ts';
import { reportFigures, type ReportFigures } from './figures.ts';

export interface ReportSummary {
  report_id: string;
  agency_id: string | null;
  parse_status: ParseStatus;
  /** What the agency list, the tables and the home page show or group by. */
  metadata: Pick<ReportMetadata, 'agency_name' | 'year' | 'province' | 'city' | 'county' | 'admin_level'>;
  /** Whether the provenance names the source's web address (the method page counts them). */
  has_source_url: boolean;
  /** The template table 三 is read against (cells.ts tableTemplate). */
  template: TemplateCode | null;
  /** Whether table 三 has numbers. */
  applications_present: boolean;
  figures: ReportFigures;
  /**
   * Table 三 总计 column of the outcome rows other than 予以公开 and 部分公开
   * (the reasons table), in the order of cells.ts reasonRows(); null: unknown.
   * Lists in the order of the schema rather than objects keyed by code: the
   * aggregate pages parse 10,000s of these, and a list of numbers parses faster.
   */
  reasons: (number | null)[];
  /** Table 二 when it has numbers and a template: its values in the order of proactiveMeasures(template); null: unknown. */
  proactive: { template: TemplateCode; values: (number | null)[] } | null;
  /** Findings per validation rule, only the rules found. */
  rules: Partial<Record<RuleCode, number>>;
}

export interface ProactiveMeasure {
  category: ProactiveCategoryDef;
  measure: MeasureCode;
}

const measuresOf = new Map<TemplateCode, ProactiveMeasure[]>();

/** The cells of table 二 a template has (category × measure), in the order of the schema. */
export function proactiveMeasures(template: TemplateCode): ProactiveMeasure[] {
  let list = measuresOf.get(template);
  if (!list) {
    list = (PROACTIVE_CATEGORIES as readonly ProactiveCategoryDef[]).flatMap((category) => (category.measures[template] ?? []).map((measure) => ({ category, measure })));
    measuresOf.set(template, list);
  }
  return list;
}

function proactiveSummary(r: ReportRecord, template: TemplateCode | null): ReportSummary['proactive'] {
  const table = r.tables.proactive_disclosure;
  // Summed per template, the table's own, else the one table 三 is read against.
  const key = table.template ?? template;
  if (table.status !== 'present' || key === null) return null;
  const values = proactiveMeasures(key).map(({ category, measure }) =>
    valueOf(table.cells.find((x) => x.item === category.item && x.category === category.code && x.measure === measure)),
  );
  return { template: key, values };
}

export function summarize(r: ReportRecord): ReportSummary {
  const template = tableTemplate(r, 'applications');
  const reasons = reasonRows().map((code) => valueOf(applicationCell(r, code, 'total')));
  const rules: ReportSummary['rules'] = {};
  for (const f of r.findings) rules[f.rule] = (rules[f.rule] ?? 0) + 1;
  const m = r.metadata;
  return {
    report_id: r.report_id,
    agency_id: r.agency_id,
    parse_status: r.parse_status,
    metadata: { agency_name: m.agency_name, year: m.year, province: m.province, city: m.city, county: m.county, admin_level: m.admin_level },
    has_source_url: Boolean(r.provenance.source_url),
    template,
    applications_present: r.tables.applications.status === 'present',
    figures: reportFigures(r),
    reasons,
    proactive: proactiveSummary(r, template),
    rules,
  };
}
