/** Table 二 (Article 20): categories by label, measures by template, amounts to yuan. */
import { PROACTIVE_CATEGORIES, proactiveCategoriesFor, type MeasureCode, type ProactiveCategoryDef, type TemplateCode } from '../../schema/codes.ts';
import type { CellStatus } from '../../schema/codes.ts';
import type { ParsedTable, ProactiveCell } from '../../schema/types.ts';
import type { TableRead } from './applications.ts';
import { contextOf, findRows } from './labels.ts';
import { MISSING_CELL, printedAsIs, printedCell, printedPieces, resolveListed } from './resolve.ts';
import { readRow, surplusSideOf, type ColumnRules, type RowReading } from './split.ts';
import { listOfLength } from './slots.ts';
import type { Token } from './tokens.ts';
import { toYuan } from './values.ts';

// Header words that only one template prints in table 二.
// Fragments, so wording variants (本年度新制作数量) still count.

/** A cell of the table: every one is made here, so all have one shape (the contract's field order). */
function proactiveCell(item: ProactiveCell['item'], category: ProactiveCell['category'], measure: MeasureCode, status: CellStatus, value: number | null, raw: string | null, unit: string | null): ProactiveCell {
  return { item, category, measure, status, value, raw, unit };
}
// Primed at load, as sourcedPiece is (values.ts), and written once more, as amounts and the cells of a table not present are.
for (const cell of [proactiveCell('art20_1', 'fees', 'amount', 'missing', null, null, null), proactiveCell('art20_1', 'fees', 'amount', 'reported', 0.5, '', '元')]) {
  cell.unit = null;
  cell.value = 1.5;
  Object.assign(cell, MISSING_CELL);
}
const MARKERS_2021 = ['制发件数', '废止件数', '现行有效件数', '收费金额', '本年处理决定数量'];
const MARKERS_2019 = ['新制作数量', '新公开数量', '对外公开总数量', '上一年项目数量', '增/减', '采购项目数量', '采购总金额', '政府集中采购', '对外管理服务事项'];

const MARKERS = [...MARKERS_2021, ...MARKERS_2019];

/**
 * The template table 二's header words tell: the one more of whose markers the labels hold
 * (labels joined, each value or blank cell a `|` between them). No marker has a `|` in it,
 * so each one found lies within one run of consecutive labels: the markers are found run
 * by run, each run's once (the same header runs come back report after report).
 */
export function proactiveTemplateOf(tokens: Token[]): TemplateCode | null {
  let found = 0;
  let run = '';
  for (const t of tokens) {
    if (t.kind === 'text') {
      // A run of one label is its text as it is (no new string to hash: see markersOfRun).
      run = run === '' ? t.norm : run + t.norm;
      continue;
    }
    if (run !== '') found |= markersOfRun(run);
    run = '';
  }
  if (run !== '') found |= markersOfRun(run);
  let a = 0;
  let b = 0;
  for (let m = 0; m < MARKERS.length; m++) {
    if ((found & (1 << m)) === 0) continue;
    if (m < MARKERS_2021.length) a++;
    else b++;
  }
  return a === b ? null : a > b ? '2021' : '2019';
}

/** Bit m set for each of MARKERS a run of labels holds, by run text (bounded). */
const MARKERS_BY_RUN = new Map<string, number>();

function markersOfRun(run: string): number {
  let bits = MARKERS_BY_RUN.get(run);
  if (bits === undefined) {
    bits = 0;
    for (let m = 0; m < MARKERS.length; m++) if (run.includes(MARKERS[m]!)) bits |= 1 << m;
    if (MARKERS_BY_RUN.size < 20_000) MARKERS_BY_RUN.set(run, bits);
  }
  return bits;
}

/** Per template: its categories, each with its measures and column rules. The same for every report. */
interface CategoryLayout {
  def: ProactiveCategoryDef;
  measures: readonly MeasureCode[];
  rules: ColumnRules;
}
/** A template's categories in order, their codes, and each one's width (measures). */
interface TableLayout {
  categories: CategoryLayout[];
  codes: string[];
  widths: Map<string, number>;
  /** Cells of the table: its categories' measures. */
  cellCount: number;
}
const LAYOUTS = new Map<TemplateCode, TableLayout>();
function layoutFor(template: TemplateCode): TableLayout {
  let layout = LAYOUTS.get(template);
  if (!layout) {
    const categories = proactiveCategoriesFor(template).map((def) => {
      const measures = def.measures[template] as readonly MeasureCode[];
      return { def, measures, rules: { signed: (i: number) => measures[i] === 'items_change', decimal: (i: number) => measures[i] === 'amount' } };
    });
    layout = { categories, codes: categories.map((c) => c.def.code), widths: new Map(categories.map((c) => [c.def.code, c.measures.length])), cellCount: categories.reduce((n, c) => n + c.measures.length, 0) };
    LAYOUTS.set(template, layout);
  }
  return layout;
}

/** The money unit a header or label prints: (单位：万元), 金额（元）. */
function unitIn(text: string): string | null {
  if (text.includes('万元')) return '万元';
  // 元 as a unit: after 单位 or in brackets, not inside a word such as 单元.
  if (/单位:?元|\(元\)|金额元/.test(text)) return '元';
  return null;
}

export function readProactive(tokens: Token[] | null, fallback: TemplateCode): TableRead<ProactiveCell> & { detected: TemplateCode | null } {
  const rows = tokens ? findRows(tokens, PROACTIVE_CATEGORIES) : [];
  const detected = tokens ? proactiveTemplateOf(tokens) : null;
  const template = detected ?? fallback;
  const { categories, widths, codes, cellCount } = layoutFor(template);
  // By category index: its reading, and the money unit its header prints.
  const readings: (RowReading | null)[] = [];
  const headerUnits: (string | null)[] = [];
  const side = tokens ? surplusSideOf(tokens, rows, (r) => widths.get(r.code)) : null;
  for (const { def, measures, rules } of categories) {
    const row = rows.find((r) => r.code === def.code);
    readings.push(row ? readRow(tokens!, measures.length, rules, side, row.from, row.to) : null);
    // The header's unit matters only to an amount column.
    headerUnits.push(row && measures.includes('amount') ? unitIn(contextOf(tokens!, row)) : null);
  }
  // The usual table, every row printed cell for cell: read as printed, with no maps made (see printedAsIs).
  const resolved = printedAsIs(readings) ? null : resolveListed(codes, readings, (code) => widths.get(code)!, []);
  // Made at its size: a cell per category and measure.
  const out = listOfLength<ProactiveCell>(cellCount);
  let at = 0;
  for (let k = 0; k < categories.length; k++) {
    const { def, measures } = categories[k]!;
    const pieces = resolved ? resolved.printed.get(def.code) : printedPieces(readings[k]!);
    const row = resolved?.cells.get(def.code);
    for (let i = 0; i < measures.length; i++) {
      const measure = measures[i]!;
      const p = pieces?.[i];
      const c = p ? printedCell(p) : ((pieces ? undefined : row?.[i]) ?? MISSING_CELL);
      const cell = proactiveCell(def.item as ProactiveCell['item'], def.code as ProactiveCell['category'], measure, c.status, c.value, c.raw, c.unit);
      if (measure === 'amount') {
        const unit = c.unit ?? headerUnits[k] ?? null;
        cell.unit = unit;
        if (cell.value !== null) cell.value = toYuan(cell.value, unit);
      } else cell.unit = null;
      out[at++] = cell;
    }
  }
  const notes = resolved ? resolved.notes : [];
  const anyPrinted = out.some((c) => c.status !== 'missing' && c.status !== 'blank');
  const status: ParsedTable<ProactiveCell>['status'] = rows.length === 0 ? 'missing' : anyPrinted ? 'present' : 'empty';
  if (status !== 'present') for (const c of out) Object.assign(c, MISSING_CELL);
  return {
    table: { status, template: status === 'present' ? template : detected, cells: out },
    notes,
    columns: [],
    detected,
  };
}
