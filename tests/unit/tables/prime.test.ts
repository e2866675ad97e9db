import { describe, expect, it } from 'vitest';
import { parseTables } from '../../../src/pipeline/tables/index.ts';
import { sampleTexts } from '../../../src/pipeline/tables/prime.ts';

describe('priming samples', () => {
  it('hold the three tables in each layout, read as present, with their unusual cells', () => {
    const texts = sampleTexts();
    // Two templates × four layouts, and one report without the tables.
    expect(texts).toHaveLength(9);
    for (const text of texts.slice(0, 8)) {
      const { value, findings } = parseTables({ sections: [], text, year: 2023 });
      expect(value.proactive_disclosure.status).toBe('present');
      expect(value.applications.status).toBe('present');
      expect(value.review_litigation.status).toBe('present');
      // The not-applicable mark and the number too long for a cell are read as such.
      expect(value.applications.cells.some((c) => c.status === 'not_applicable')).toBe(true);
      expect(value.applications.cells.some((c) => c.status === 'unreadable')).toBe(true);
      expect(findings.some((f) => f.rule === 'table.unreadable_cells')).toBe(true);
    }
    const none = parseTables({ sections: [], text: texts[8]!, year: 2023 }).value;
    expect([none.proactive_disclosure.status, none.applications.status, none.review_litigation.status]).toEqual(['missing', 'missing', 'missing']);
  });
});
