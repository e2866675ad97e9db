import { describe, expect, it } from 'vitest';
import { applicationRowsFor } from '../../../src/schema/codes.ts';
import { placeFindings } from '../../../src/site/findings.ts';
import { applicationsGrid, reviewGrid, type DataCell, type Grid, type HeadCell } from '../../../src/site/grid.ts';
import { proactiveBlocks } from '../../../src/site/proactive.ts';
import { makeFinding } from '../../../src/pipeline/findings.ts';
import { LITONG_2020, SHUNQING_2020, ZHANGHE_2021 } from './fixtures.ts';

const noFindings = placeFindings('x', []);
const width = (row: Grid['bodyRows'][number]) => row.reduce((n, c) => n + (c.kind === 'th' ? c.colspan : 1), 0);
const tds = (g: Grid) => g.bodyRows.flat().filter((c): c is DataCell => c.kind === 'td');
const ths = (g: Grid) => [...g.headRows, ...g.bodyRows].flat().filter((c): c is HeadCell => c.kind === 'th');

/** Every row spans the full width once rowspans from earlier rows are counted. */
function columnsPerRow(rows: Grid['bodyRows']): number[] {
  const carry: number[] = [];
  return rows.map((row, i) => {
    const spanned = carry.filter((until) => until > i).length;
    for (const c of row) if (c.kind === 'th' && c.rowspan > 1) for (let k = 0; k < c.colspan; k++) carry.push(i + c.rowspan);
    return width(row) + spanned;
  });
}

describe('applicationsGrid', () => {
  it('lays out template 2019 like the official table: 10 columns, one body row per template row', () => {
    const g = applicationsGrid(SHUNQING_2020, '2019', noFindings);
    expect(g.bodyRows).toHaveLength(applicationRowsFor('2019').length);
    expect(columnsPerRow(g.bodyRows)).toEqual(new Array(g.bodyRows.length).fill(10));
    expect(columnsPerRow(g.headRows)).toEqual([10, 10, 10]);
  });

  it('shows 35 in the 总计 cell of 本年新收 (000_… 顺庆区 2020)', () => {
    const g = applicationsGrid(SHUNQING_2020, '2019', noFindings);
    const cell = tds(g).find((c) => c.row === 'received_new' && c.column === 'total')!;
    expect(cell.text).toBe('35');
    expect(cell.status).toBe('reported');
    expect(g.bodyRows[0]![0]).toMatchObject({ kind: 'th', text: '一、本年新收政府信息公开申请数量', colspan: 3, scope: 'row' });
  });

  it('merges the label cells of 三 and its sub-groups with official numbering', () => {
    const g = applicationsGrid(SHUNQING_2020, '2019', noFindings);
    const labels = ths(g).map((c) => [c.text, c.rowspan, c.colspan]);
    expect(labels).toContainEqual(['三、本年度办理结果', 20, 1]);
    expect(labels).toContainEqual(['（三）不予公开', 8, 1]);
    expect(labels).toContainEqual(['8. 属于行政查询事项', 1, 1]);
    expect(labels).toContainEqual(['（六）其他处理', 1, 2]);
    expect(labels).toContainEqual(['法人或其他组织', 1, 5]);
  });

  it('template 2021 splits （六）其他处理 into three rows under a merged label', () => {
    const g = applicationsGrid(ZHANGHE_2021, '2021', noFindings);
    expect(columnsPerRow(g.bodyRows).every((n) => n === 10)).toBe(true);
    const labels = ths(g).map((c) => [c.text, c.rowspan]);
    expect(labels).toContainEqual(['（六）其他处理', 3]);
    expect(labels).toContainEqual(['三、本年度办理结果', 22]);
  });

  it('a cell the report lacks is missing, never 0', () => {
    const partial = { ...SHUNQING_2020, tables: { ...SHUNQING_2020.tables, applications: { ...SHUNQING_2020.tables.applications, cells: SHUNQING_2020.tables.applications.cells.filter((c) => !(c.row === 'disclosed' && c.applicant === 'total')) } } };
    const cell = tds(applicationsGrid(partial, '2019', noFindings)).find((c) => c.row === 'disclosed' && c.column === 'total')!;
    expect(cell).toMatchObject({ text: '', status: 'missing', statusZh: '缺失' });
  });

  it('attaches a finding to the cell and the row it concerns', () => {
    const f = makeFinding('applications.row_total', { table: 'applications', row: 'received_new', column: 'total' });
    const g = applicationsGrid(SHUNQING_2020, '2019', placeFindings('shunqing-2020', [f]));
    const cell = tds(g).find((c) => c.row === 'received_new' && c.column === 'total')!;
    expect(cell.refs.map((r) => r.id)).toEqual(['shunqing-2020--finding-1']);
  });
});

describe('reviewGrid', () => {
  it('has 15 cells under 行政复议 (5) and 行政诉讼 (10)', () => {
    const g = reviewGrid(SHUNQING_2020, noFindings);
    expect(tds(g)).toHaveLength(15);
    expect(g.headRows[0]!.map((c) => (c.kind === 'th' ? [c.text, c.colspan] : null))).toEqual([['行政复议', 5], ['行政诉讼', 10]]);
    expect(columnsPerRow(g.headRows)).toEqual([15, 15, 15]);
  });

  it('shows every cell of an empty table 四 as missing (003_… 利通区)', () => {
    expect(tds(reviewGrid(LITONG_2020, noFindings)).every((c) => c.status === 'missing')).toBe(true);
  });
});

describe('proactiveBlocks', () => {
  it('prints one block per item of Article 20 with the template 2019 measures (000_… 规范性文件 10/10/30)', () => {
    const blocks = proactiveBlocks(SHUNQING_2020, '2019', noFindings);
    expect(blocks.map((b) => b.caption)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项']);
    const docs = blocks[0]!.grid.bodyRows[1]!;
    expect(docs.map((c) => c.text)).toEqual(['(行政)规范性文件', '10', '10', '30']);
    expect(blocks[4]!.grid.headRows[0]!.map((c) => c.text)).toEqual(['信息内容', '采购项目数量', '金额（元）']);
  });
});

describe('cell reasons', () => {
  it('an imputed cell points to the row finding that explains it', () => {
    const cells = SHUNQING_2020.tables.applications.cells.map((c) => (c.row === 'received_new' && c.applicant === 'natural_person' ? { ...c, status: 'imputed' as const } : c));
    const r = { ...SHUNQING_2020, tables: { ...SHUNQING_2020.tables, applications: { ...SHUNQING_2020.tables.applications, cells } } };
    const f = makeFinding('table.imputed_cells', { table: 'applications', row: 'received_new' });
    const g = applicationsGrid(r, '2019', placeFindings('r', [f]));
    const imputed = tds(g).find((c) => c.row === 'received_new' && c.column === 'natural_person')!;
    expect(imputed).toMatchObject({ text: '20', status: 'imputed', statusZh: '推算' });
    expect(imputed.refs.map((x) => x.n)).toEqual([1]);
    expect(tds(g).find((c) => c.row === 'received_new' && c.column === 'total')!.refs).toEqual([]);
  });
});
