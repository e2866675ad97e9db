/**
 * template.mismatch: a table printed in the template of other years (the 2019
 * template serves the reports on 2019–2020, the 2021 template those on 2021
 * and later), a table that carries rows or measures of both templates, or
 * tables 二 and 三 of one report in different templates. Table 四 is the same
 * in both templates and is not checked. One finding per table.
 */
import { APPLICATION_ROWS, PROACTIVE_CATEGORIES, TEMPLATES, templateForYear, type TemplateCode } from '../../schema/codes.ts';
import { emptyList } from '../packed.ts';
import type { Finding, ReportTables } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import { applicationRowLabel, proactiveKeyLabel, TABLE_LABELS, type Label } from './labels.ts';

type TemplatedTable = 'proactive_disclosure' | 'applications';
const TEMPLATED: readonly TemplatedTable[] = ['proactive_disclosure', 'applications'];

function templateName(t: TemplateCode): Label {
  const def = TEMPLATES.find((x) => x.code === t);
  return { zh: def?.zh ?? t, en: def?.en ?? t };
}

const other = (t: TemplateCode): TemplateCode => (t === '2019' ? '2021' : '2019');

/** Per template: the rows of table 三 it does not have, and the measures of table 二 it has for each category. */
const FOREIGN_ROWS = new Map<TemplateCode, ReadonlySet<string>>();
const ALLOWED_MEASURES = new Map<TemplateCode, ReadonlyMap<string, ReadonlySet<string>>>();
for (const { code: t } of TEMPLATES) {
  FOREIGN_ROWS.set(t, new Set(APPLICATION_ROWS.filter((r) => !(r.templates as readonly string[]).includes(t)).map((r) => r.code)));
  ALLOWED_MEASURES.set(t, new Map(PROACTIVE_CATEGORIES.map((cat) => [cat.code, new Set((cat.measures as Partial<Record<TemplateCode, readonly string[]>>)[t] ?? [])])));
}

/** Cells with something printed (any status but `missing`) whose row or measure the table's template does not have. */
function foreignPositions(tables: ReportTables, table: TemplatedTable, template: TemplateCode): Label[] {
  if (table === 'applications') {
    const foreign = FOREIGN_ROWS.get(template)!;
    const rows = new Set<string>();
    // A row's cells come one after another: its code is looked up once per run of them.
    let row: string | null = null;
    let isForeign = false;
    for (const c of tables.applications.cells) {
      if (c.row !== row) {
        row = c.row;
        isForeign = foreign.has(row);
      }
      if (isForeign && c.status !== 'missing') rows.add(c.row);
    }
    if (rows.size === 0) return [];
    // Schema order, so the message is the same whatever order the cells came in.
    return APPLICATION_ROWS.filter((r) => rows.has(r.code)).map((r) => applicationRowLabel(r.code));
  }
  const allowedIn = ALLOWED_MEASURES.get(template)!;
  // The cells a category does not allow, by category, in the order of the cells.
  const byCategory = new Map<string, { category: string; measure: string }[]>();
  for (const c of tables.proactive_disclosure.cells) {
    if (c.status === 'missing') continue;
    const allowed = allowedIn.get(c.category);
    // A category the schema does not have is never listed (the schema's categories are walked below).
    if (allowed === undefined || allowed.has(c.measure)) continue;
    let list = byCategory.get(c.category);
    if (!list) byCategory.set(c.category, (list = []));
    list.push(c);
  }
  if (byCategory.size === 0) return [];
  const seen = new Set<string>();
  const out: Label[] = [];
  // Categories in schema order; within one, the cells' order; each category and measure once.
  for (const cat of PROACTIVE_CATEGORIES) {
    for (const c of byCategory.get(cat.code) ?? []) {
      const key = `${c.category}|${c.measure}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(proactiveKeyLabel(c.category, c.measure));
    }
  }
  return out;
}

export function checkTemplate(tables: ReportTables, year: number | null): Finding[] {
  // (emptyList: every check's findings one kind of array, see packed.ts.)
  const out: Finding[] = emptyList();
  const expected = year === null ? null : templateForYear(year);
  for (const code of TEMPLATED) {
    const t = tables[code];
    if (t.status !== 'present' || t.template === null) continue;
    const name = TABLE_LABELS[code];
    const used = templateName(t.template);
    const zh: string[] = [];
    const en: string[] = [];
    if (expected !== null && t.template !== expected) {
      const want = templateName(expected);
      zh.push(`${year}年度报告应使用${want.zh}，但该表使用${used.zh}`);
      en.push(`a report on ${year} should use the ${want.en}, but this table uses the ${used.en}`);
    }
    const foreign = foreignPositions(tables, code, t.template);
    if (foreign.length > 0) {
      const o = templateName(other(t.template));
      zh.push(`该表按${used.zh}解析，却含有${o.zh}的行或列：${foreign.map((l) => l.zh).join('、')}`);
      en.push(`this table reads as the ${used.en} but carries rows or columns of the ${o.en}: ${foreign.map((l) => l.en).join('; ')}`);
    }
    if (zh.length === 0) continue;
    out.push(
      makeFinding('template.mismatch', {
        table: code,
        expected: expected ?? t.template,
        actual: foreign.length > 0 ? `${t.template}+${other(t.template)}` : t.template,
        zh: `${name.zh}：${zh.join('；')}`,
        en: `${name.en}: ${en.join('; ')}`,
      }),
    );
  }
  out.push(...tablesDisagree(tables, expected));
  return out;
}

/** Tables 二 and 三 in different templates, when the year cannot say which is wrong. */
function tablesDisagree(tables: ReportTables, expected: TemplateCode | null): Finding[] {
  const a = tables.proactive_disclosure;
  const b = tables.applications;
  if (expected !== null || a.status !== 'present' || b.status !== 'present') return [];
  if (a.template === null || b.template === null || a.template === b.template) return [];
  const ta = templateName(a.template);
  const tb = templateName(b.template);
  return [
    makeFinding('template.mismatch', {
      location: 'tables',
      expected: a.template,
      actual: b.template,
      zh: `表二使用${ta.zh}，表三使用${tb.zh}，同一份报告混用两版模板`,
      en: `table 2 uses the ${ta.en} and table 3 the ${tb.en}: one report mixes both templates`,
    }),
  ];
}
