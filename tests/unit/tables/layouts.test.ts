/**
 * Layout independence: each corpus report's parsed tables, written back in every layout and
 * parsed again, give the same value and status in every cell, with two documented exceptions:
 * a value imputed from glued digits reads back as reported (it is printed plainly now); and the
 * space-separated layout cannot show an empty cell (PDF text drops it), so a row with empty
 * cells cannot be placed.
 */
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/pipeline/html.ts';
import { parseTables } from '../../../src/pipeline/tables/index.ts';
import { LAYOUTS, renderTablesAs } from '../../../src/pipeline/tables/render.ts';
import type { CellValue, ReportTables } from '../../../src/schema/types.ts';
import { corpusFiles, runReport } from './harness.ts';

const TABLES = ['proactive_disclosure', 'applications', 'review_litigation'] as const;

function differences(a: ReportTables, b: ReportTables, layout: string): string[] {
  const out: string[] = [];
  for (const k of TABLES) {
    if (a[k].status !== b[k].status) out.push(`${k}: status ${a[k].status} → ${b[k].status}`);
    const bc = b[k].cells as CellValue[];
    const cells = a[k].cells as unknown as (CellValue & Record<string, unknown>)[];
    const rowOf = (c: Record<string, unknown>) => String(c.row ?? c.category ?? 'review');
    const rowsWithBlanks = new Set(cells.filter((c) => c.status === 'blank').map(rowOf));
    cells.forEach((c, i) => {
      const d = bc[i];
      if (layout === 'space' && rowsWithBlanks.has(rowOf(c))) return;
      const sameStatus = c.status === d?.status || (c.status === 'imputed' && d?.status === 'reported');
      if (!d || c.value !== d.value || c.unit !== d.unit || !sameStatus) out.push(`${k}[${i}]: ${c.status} ${c.value} → ${d?.status} ${d?.value}`);
    });
  }
  return out;
}

describe('tables read the same from every layout', () => {
  for (const file of corpusFiles()) {
    const { tables, year } = runReport(file);
    for (const layout of LAYOUTS) {
      it(`${file} as ${layout}`, () => {
        const rendered = renderTablesAs(tables, layout);
        const text = layout === 'html' ? htmlToText(`<html><body>${rendered}</body></html>`) : rendered;
        const back = parseTables({ sections: [], text, year }).value;
        expect(differences(tables, back, layout)).toEqual([]);
      });
    }
  }

  it('renders the same text for the same tables', () => {
    const tables = runReport('000_bbae7e2c4812eba4.txt').tables;
    for (const layout of LAYOUTS) expect(renderTablesAs(tables, layout)).toBe(renderTablesAs(structuredClone(tables), layout));
  });
});
