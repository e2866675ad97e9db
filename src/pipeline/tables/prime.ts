/**
 * Tables 二, 三 and 四 in each layout (space-, tab- and `|`-separated rows, one cell per line),
 * with what few reports print (a page break inside a tab row, empty cells, full-width digits,
 * not-applicable marks, money units, glued digits, short rows), built from the schema's labels
 * and read by parseTables at load, a few rounds (primeTables).
 *
 * Why: V8 records what a function meets only from about its eighth call on, and optimises it
 * for what it has met. A branch first taken after that throws the optimised code away and it
 * is compiled again, which each worker paid for once per such branch, some reports into its
 * run. Read here first, those branches are known before any report is.
 *
 * Nothing read here changes what a report gives: what it leaves behind is what the stage's
 * memo tables (interned tokens, pieces, label fragments) would hold for the same text.
 */
import { APPLICANTS, APPLICATION_ROWS, PROACTIVE_CATEGORIES, PROCEEDINGS, RESULTS, SECTIONS, type TemplateCode } from '../../schema/codes.ts';

interface SampleRow {
  label: string;
  values: string[];
}

/** Rows of the three tables for a template: each row's label and a value per cell, some of them unusual. */
function sampleRows(template: TemplateCode): { proactive: SampleRow[]; applications: SampleRow[]; review: SampleRow[] } {
  const proactive = PROACTIVE_CATEGORIES.filter((c) => (c.measures as Record<string, readonly string[] | undefined>)[template] !== undefined).map(
    (c, k): SampleRow => ({ label: c.zh, values: (c.measures as Record<string, readonly string[]>)[template]!.map((m, i) => (m === 'amount' ? '12.5 万元' : m === 'items_change' ? '-2' : k === 1 && i === 0 ? '/' : String(k + i))) }),
  );
  const applications = APPLICATION_ROWS.filter((r) => (r.templates as readonly TemplateCode[]).includes(template)).map(
    (r, k): SampleRow => ({ label: r.zh, values: APPLICANTS.map((_, i) => (k === 2 && i === 1 ? '１' : i === APPLICANTS.length - 1 ? String(k * 6) : String(k % 3 === 0 ? 1 : 0))) }),
  );
  // A row of glued digits, a short row, a not-applicable mark and a number too long for any cell.
  if (applications.length > 6) {
    applications[1] = { label: applications[1]!.label, values: [applications[1]!.values.join('')] };
    applications[3] = { label: applications[3]!.label, values: applications[3]!.values.slice(1) };
    applications[5]!.values[0] = '-';
    applications[6]!.values[2] = '12345678901234567';
  }
  const review = [{ label: '', values: PROCEEDINGS.flatMap((p) => RESULTS.map((r) => `${p.zh}${r.zh}`)) }, { label: '', values: PROCEEDINGS.flatMap(() => RESULTS.map((_, i) => String(i === RESULTS.length - 1 ? 3 : 1))) }];
  return { proactive, applications, review };
}

/** A table's rows in one layout. */
function laidOut(rows: SampleRow[], layout: number): string {
  switch (layout) {
    case 0:
      // Space-separated PDF text, a page number between two rows.
      return rows.map((r, k) => `${r.label} ${r.values.join(' ')}${k === 2 ? '\n- 2 -' : ''}`).join('\n');
    case 1:
      // Tab-separated, an empty cell, a row cut by a page break on a cell boundary.
      return rows.map((r, k) => (k === 2 ? `${r.label}\t${r.values[0]}\n\n- 3 -\n\n\t${r.values.slice(1).join('\t')}` : `${r.label}\t${k === 4 ? '' : r.values.join('\t')}`)).join('\n');
    case 2:
      // `|` rows under a GFM delimiter row, an empty cell.
      return ['| 项目 | 数量 |', '| --- | --- |', ...rows.map((r, k) => `| ${r.label} | ${r.values.map((v, i) => (k === 1 && i === 0 ? ' ' : v)).join(' | ')} |`)].join('\n');
    default:
      // One cell per line, a blank line between cells, a longer gap for an empty cell.
      return rows.map((r, k) => [r.label, ...r.values].join(k === 3 ? '\n\n\n\n' : '\n\n')).join('\n\n');
  }
}

/** Sample report texts: the three tables under their part titles, in each layout, for each template. */
export function sampleTexts(): string[] {
  const title = (code: string) => {
    const s = SECTIONS.find((x) => x.code === code)!;
    return `${s.numeral}、${s.zh}`;
  };
  const texts: string[] = [];
  for (const template of ['2021', '2019'] as TemplateCode[]) {
    const { proactive, applications, review } = sampleRows(template);
    for (let layout = 0; layout < 4; layout++) {
      texts.push(
        [
          title('general'), '本机关全年主动公开信息。',
          title('proactive_disclosure'), laidOut(proactive, layout),
          title('applications'), `申请人情况\t${APPLICANTS.map((a) => a.zh).join(' ')}`, laidOut(applications, layout),
          title('review_litigation'), laidOut(review, layout),
          title('problems'), '无。',
        ].join('\n\n'),
      );
    }
  }
  // A report without the tables.
  texts.push([title('general'), '本机关全年主动公开信息。', title('problems'), '无。'].join('\n\n'));
  return texts;
}

/**
 * Rounds of reading the samples: one round calls each function of the stage at least as often as
 * there are samples (16), past the calls V8 makes before it records, so the second is recorded.
 */
const ROUNDS = 2;

/**
 * Reads the samples with `parseTables` (passed in: this module is imported by the one that
 * defines it), each also as the text before a cleaning that collapsed its blank-line runs.
 */
export function primeTables(parseTables: (input: { sections: []; text: string; year: number | null; sourceText?: string }) => unknown): void {
  const texts = sampleTexts();
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of texts) {
      parseTables({ sections: [], text, year: round % 2 === 0 ? 2023 : null });
      parseTables({ sections: [], text: text.replace(/\n{3,}/g, '\n\n'), year: 2020, sourceText: text });
    }
  }
}
