/** Table 二 (Article 20) as the template prints it: one block per item of Article 20, measures by template. Pure. */
import { MEASURES, proactiveCategoriesFor, type MeasureCode, type TemplateCode } from '../schema/codes.ts';
import type { ReportRecord } from '../schema/types.ts';
import { MISSING_CELL } from './cells.ts';
import { cellKey, type FindingPlacement } from './findings.ts';
import { dataCell, th, type Grid } from './grid.ts';
import { officialNumber } from './format.ts';

export interface ProactiveBlock {
  item: string;
  /** 第二十条第（一）项 */
  caption: string;
  grid: Grid;
}

export function measureLabel(code: MeasureCode): string {
  const m = MEASURES.find((x) => x.code === code)!;
  // Money is normalised to yuan in the data; the unit the report printed stays in the cell's `unit`.
  return m.unit === 'yuan' ? `${m.zh}（元）` : m.zh;
}

export function proactiveBlocks(r: Pick<ReportRecord, 'tables'>, template: TemplateCode, placement: FindingPlacement): ProactiveBlock[] {
  const categories = proactiveCategoriesFor(template);
  const items = [...new Set(categories.map((c) => c.item))];
  return items.map((item) => {
    const inItem = categories.filter((c) => c.item === item);
    const measures = inItem[0]!.measures[template]!;
    const cellOf = (category: string, measure: string) =>
      r.tables.proactive_disclosure.cells.find((c) => c.item === item && c.category === category && c.measure === measure) ?? MISSING_CELL;
    const grid: Grid = {
      headRows: [[th('信息内容', 'col'), ...measures.map((m) => th(measureLabel(m), 'col'))]],
      bodyRows: inItem.map((c) => [
        th(c.zh, 'row', 1, 1, placement.cells.get(cellKey('proactive_disclosure', c.code, null)) ?? []),
        ...measures.map((m) =>
          dataCell(c.code, m, cellOf(c.code, m), placement.cells.get(cellKey('proactive_disclosure', c.code, m)) ?? []),
        ),
      ]),
    };
    return { item, caption: officialNumber(inItem[0]!.itemZh), grid };
  });
}
