/** Normalized markdown: parsed back with remark-parse + remark-gfm, it gives the same numbers as the CSV. */
import { describe, expect, it } from 'vitest';
import { reportMarkdown } from '../../../src/pipeline/emit/markdown.ts';
import { applicationRows, proactiveRows, reviewRows } from '../../../src/pipeline/emit/rows.ts';
import { APPLICANTS, PROCEEDINGS, RESULTS, SECTIONS } from '../../../src/schema/codes.ts';
import type { ProactiveCell, ReportRecord, ReviewCell } from '../../../src/schema/types.ts';
import { applicationTable, record, sections } from './fixtures.ts';
import { cells, parseMd, readBack, tables, toString } from './markdown-read.ts';

function sample(): ReportRecord {
  const apps = applicationTable((row, a) => (row === 'received_new' && a === 'natural_person' ? 20 : row === 'disclosed' ? 3 : 0));
  const na = apps.find((c) => c.row === 'partially_disclosed' && c.applicant === 'research')!;
  Object.assign(na, { status: 'not_applicable', value: null, raw: '—' });
  Object.assign(apps.find((c) => c.row === 'outcome_total' && c.applicant === 'total')!, { status: 'imputed', value: 12, raw: null });
  Object.assign(apps.find((c) => c.row === 'carried_over_out' && c.applicant === 'commercial')!, { status: 'unreadable', value: null, raw: '1 02' });
  const review: ReviewCell[] = PROCEEDINGS.flatMap((p, i) => RESULTS.map((r, j) => ({ proceeding: p.code, result: r.code, value: i * 10 + j, status: 'reported', raw: String(i * 10 + j), unit: null }) as ReviewCell));
  const proactive: ProactiveCell[] = [
    { item: 'art20_8', category: 'fees', measure: 'amount', value: 32500, unit: '万元', status: 'reported', raw: '3.25' },
    { item: 'art20_5', category: 'licensing', measure: 'decisions', value: -4, unit: null, status: 'reported', raw: '-4' },
  ];
  return record({
    sections: sections({ general: '# 不是标题 <script>alert(1)</script>\n*不是强调*', problems: '问题。', other_matters: '无。' }),
    tables: {
      applications: { status: 'present', template: '2021', cells: apps },
      proactive_disclosure: { status: 'present', template: '2021', cells: proactive },
      review_litigation: { status: 'present', template: '2021', cells: review },
    },
  });
}

describe('normalized markdown', () => {
  const r = sample();
  const md = reportMarkdown(r);
  const tree = parseMd(md);

  it('starts with YAML front matter holding the metadata', () => {
    expect(md.startsWith('---\nreport_id: "mouxian-abc123-2021"\n')).toBe(true);
    expect(md).toContain('\nagency_name: "某某县人民政府办公室"\n');
    expect(md).toContain('\nyear: 2021\n');
  });

  it('has the six parts in canonical order under canonical titles, then the findings', () => {
    const headings = tree.children.filter((n) => n.type === 'heading' && n.depth === 2).map((n) => toString(n));
    expect(headings).toEqual([...SECTIONS.map((s) => `${s.numeral}、${s.zh}`), '检查结果']);
  });

  it('gives back the applications numbers and statuses of applications.csv', () => {
    const [, apps] = tables(tree);
    const grid = cells(apps!);
    expect(grid[0]).toEqual(['项目', ...APPLICANTS.map((a) => a.zh)]);
    const csv = applicationRows([r]);
    const rowCodes = [...new Set(csv.map((c) => c.row))];
    rowCodes.forEach((code, i) => {
      APPLICANTS.forEach((a, j) => {
        const expected = csv.find((c) => c.row === code && c.applicant === a.code)!;
        const back = readBack(grid[i + 1]![j + 1]!);
        expect(back.value, `${code}/${a.code}`).toBe(expected.value === null ? '' : String(expected.value));
        expect(back.status, `${code}/${a.code}`).toBe(expected.status === 'blank' ? 'missing' : expected.status);
      });
    });
    expect(grid[1]!.slice(0, 2)).toEqual(['一 本年新收政府信息公开申请数量', '20']);
  });

  it('gives back the review and proactive numbers (money in yuan)', () => {
    const [pro, , rev] = tables(tree);
    const review = reviewRows([r]);
    cells(rev!).slice(1).forEach((row, i) => row.slice(1).forEach((text, j) => {
      expect(Number(text)).toBe(review.find((c) => c.proceeding === PROCEEDINGS[i]!.code && c.result === RESULTS[j]!.code)!.value);
    }));
    const fees = cells(pro!).find((row) => row[1] === '行政事业性收费')!;
    expect(fees.slice(3)).toEqual(['32500', '万元']);
    expect(proactiveRows([r]).find((c) => c.measure === 'amount')!.value).toBe(32500);
    expect(cells(pro!).find((row) => row[1] === '行政许可')![3]).toBe('-4');
  });

  it('explains the imputed mark and lets no report text become markup or HTML', () => {
    expect(md).toContain('推算值');
    expect(tree.children.filter((n) => n.type === 'html')).toEqual([]);
    const general = tree.children.findIndex((n) => n.type === 'heading' && toString(n) === '一、总体情况');
    expect(tree.children[general + 1]).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: '# 不是标题 <script>alert(1)</script>' }] });
    expect(toString(tree.children[general + 2]!)).toBe('*不是强调*');
    expect(tree.children[general + 2]).toMatchObject({ children: [{ type: 'text' }] });
  });
});
