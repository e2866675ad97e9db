/**
 * table.missing: a table of the template that the report lacks, or prints
 * with no numbers; table.missing_cells: cells of a table that is otherwise
 * there but that the report lacks (status `missing`), one finding per table.
 */
import type { Finding, ReportTables } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import { applicationKeyLabel, proactiveKeyLabel, reviewKeyLabel, TABLE_LABELS, type Label, type TableCode } from './labels.ts';
import { emptyList, mapList } from '../packed.ts';

/** The tables in the order of the template (二, 三, 四), so findings come out in a stable order. */
export const TABLE_ORDER: readonly TableCode[] = ['proactive_disclosure', 'applications', 'review_litigation'];

/** How many missing cells a message names before it says "and N more". */
const LISTED_CELLS = 8;

export function checkMissingTables(tables: ReportTables): Finding[] {
  // (emptyList: every check's findings one kind of array, see packed.ts.)
  const out: Finding[] = emptyList();
  for (const code of TABLE_ORDER) {
    const t = tables[code];
    if (t.status === 'present') continue;
    const name = TABLE_LABELS[code];
    const zh = t.status === 'missing' ? `${name.zh}：报告中没有这张表` : `${name.zh}：报告有表头，但表中没有任何数字`;
    const en = t.status === 'missing' ? `${name.en}: the report does not have this table` : `${name.en}: the report prints the header but no numbers`;
    out.push(makeFinding('table.missing', { table: code, expected: 'present', actual: t.status, zh, en }));
  }
  return out;
}

function missingLabels(tables: ReportTables, code: TableCode): Label[] {
  switch (code) {
    case 'applications':
      return tables.applications.cells.filter((c) => c.status === 'missing').map(applicationKeyLabel);
    case 'review_litigation':
      return tables.review_litigation.cells.filter((c) => c.status === 'missing').map(reviewKeyLabel);
    case 'proactive_disclosure':
      return tables.proactive_disclosure.cells.filter((c) => c.status === 'missing').map((c) => proactiveKeyLabel(c.category, c.measure));
  }
}

export function checkMissingCells(tables: ReportTables): Finding[] {
  const out: Finding[] = emptyList();
  for (const code of TABLE_ORDER) {
    const t = tables[code];
    if (t.status !== 'present') continue;
    // (Asked first: an empty list of labels would be another kind of array than a filled one, for V8.)
    if (!t.cells.some((c) => c.status === 'missing')) continue;
    const missing = missingLabels(tables, code);
    const listed = missing.slice(0, LISTED_CELLS);
    const more = missing.length - listed.length;
    const zhList = mapList(listed, (l) => l.zh).join('、') + (more > 0 ? `等（另有${more}个）` : '');
    const enList = mapList(listed, (l) => l.en).join('; ') + (more > 0 ? `; and ${more} more` : '');
    const name = TABLE_LABELS[code];
    out.push(
      makeFinding('table.missing_cells', {
        table: code,
        expected: t.cells.length,
        actual: t.cells.length - missing.length,
        zh: `${name.zh}：模板的${t.cells.length}个单元格中缺少${missing.length}个：${zhList}`,
        en: `${name.en}: ${missing.length} of the template's ${t.cells.length} cells are missing: ${enList}`,
      }),
    );
  }
  return out;
}
