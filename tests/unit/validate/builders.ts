/** Small builders of hand-made tables, sections and metadata for the validate tests. */
import {
  APPLICANTS,
  PROCEEDINGS,
  RESULTS,
  SECTIONS,
  applicationRowsFor,
  proactiveCategoriesFor,
  type ApplicationRowCode,
  type CellStatus,
  type MeasureCode,
  type ProactiveCategoryCode,
  type ProactiveItemCode,
  type SectionCode,
  type TemplateCode,
} from '../../../src/schema/codes.ts';
import type { ApplicationCell, ParsedTable, ProactiveCell, ReportMetadata, ReportTables, ReviewCell, Section } from '../../../src/schema/types.ts';
import { EMPTY_METADATA } from '../../../src/pipeline/report.ts';
import type { ValidationInput } from '../../../src/pipeline/validate/index.ts';

/** A cell as the tables stage would give it: a number is `reported`, a status string is that status with no value. */
export type CellSpec = number | Exclude<CellStatus, 'reported'> | { imputed: number };

function cellValue(spec: CellSpec) {
  if (typeof spec === 'number') return { value: spec, status: 'reported' as const, raw: String(spec), unit: null };
  if (typeof spec === 'object') return { value: spec.imputed, status: 'imputed' as const, raw: null, unit: null };
  return { value: null, status: spec, raw: spec === 'missing' ? null : spec === 'blank' ? '' : '/', unit: null };
}

/**
 * Table 三 in `template`: every row is seven cells (six applicant columns, then
 * 总计); rows not given are all 0.
 */
export function applications(template: TemplateCode, rows: Partial<Record<ApplicationRowCode, CellSpec[]>> = {}): ParsedTable<ApplicationCell> {
  const cells: ApplicationCell[] = [];
  for (const r of applicationRowsFor(template)) {
    const specs = rows[r.code as ApplicationRowCode] ?? APPLICANTS.map(() => 0);
    APPLICANTS.forEach((a, i) => cells.push({ row: r.code as ApplicationRowCode, applicant: a.code, ...cellValue(specs[i] ?? 0) }));
  }
  return { status: 'present', template, cells };
}

/** Table 四 as printed: fifteen numbers, reconsideration then direct then after-reconsideration litigation, each 维持/纠正/其他/未审结/总计. */
export function review(values: CellSpec[] = Array(15).fill(0)): ParsedTable<ReviewCell> {
  const cells: ReviewCell[] = [];
  let i = 0;
  for (const p of PROCEEDINGS) for (const r of RESULTS) cells.push({ proceeding: p.code, result: r.code, ...cellValue(values[i++] ?? 0) });
  return { status: 'present', template: null, cells };
}

/** Table 二 of `template`, all 0, with some cells overridden by `category|measure`. */
export function proactive(template: TemplateCode, overrides: Record<string, CellSpec> = {}): ParsedTable<ProactiveCell> {
  const cells: ProactiveCell[] = [];
  for (const c of proactiveCategoriesFor(template)) {
    for (const m of c.measures[template] ?? []) {
      const spec = overrides[`${c.code}|${m}`] ?? 0;
      cells.push({ item: c.item as ProactiveItemCode, category: c.code as ProactiveCategoryCode, measure: m as MeasureCode, ...cellValue(spec) });
    }
  }
  return { status: 'present', template, cells };
}

export function absent<C>(status: 'missing' | 'empty' = 'missing'): ParsedTable<C> {
  return { status, template: null, cells: [] };
}

export function tables(template: TemplateCode, parts: Partial<ReportTables> = {}): ReportTables {
  return {
    proactive_disclosure: parts.proactive_disclosure ?? proactive(template),
    applications: parts.applications ?? applications(template),
    review_litigation: parts.review_litigation ?? review(),
  };
}

/** The six parts; those given texts are present, the others missing. */
export function sections(texts: Partial<Record<SectionCode, string>> = {}): Section[] {
  return SECTIONS.map((s) => {
    const text = texts[s.code];
    return text === undefined
      ? { code: s.code, number: s.number, status: 'missing' as const, title_found: null, text: '' }
      : { code: s.code, number: s.number, status: 'present' as const, title_found: `${s.numeral}、${s.zh}`, text };
  });
}

export function metadata(year: number | null, template: TemplateCode | null = null): ReportMetadata {
  return { ...EMPTY_METADATA, year, template };
}

export function input(year: number | null, t: ReportTables, texts: Partial<Record<SectionCode, string>> = {}): ValidationInput {
  const secs = sections(texts);
  return { metadata: metadata(year), sections: secs, tables: t, text: secs.map((s) => s.text).join('\n') };
}
