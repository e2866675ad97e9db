/** Tokens, values and row readings: the small rules the tables stage is built from. */
import { describe, expect, it } from 'vitest';
import { parseTables } from '../../../src/pipeline/tables/index.ts';
import { resultOrder } from '../../../src/pipeline/tables/review.ts';
import { readRow, surplusSide } from '../../../src/pipeline/tables/split.ts';
import { tokenise, type Token } from '../../../src/pipeline/tables/tokens.ts';
import { fromYuan, toYuan } from '../../../src/pipeline/tables/values.ts';

const plain = { signed: () => false, decimal: () => false };
const nums = (...raws: string[]) => raws.map((raw) => ({ kind: 'num' as const, raw }));
const texts = (ts: Token[]) => ts.map((t) => (t.kind === 'text' ? `T:${t.norm}` : t.kind === 'blank' ? 'B' : `${t.kind}:${t.raw}`));

describe('tokenise', () => {
  it('splits list numbers from glued digits and drops page numbers', () => {
    expect(texts(tokenise('00000002.其他法律行政法规禁止公开0000000\n- 4 -\n行政处罚2648-18538'))).toEqual([
      'num:0000000', 'T:2.其他法律行政法规禁止公开', 'num:0000000', 'T:行政处罚', 'num:2648', 'num:-18538',
    ]);
  });
  it('drops a count word after a number and keeps a money unit', () => {
    expect(texts(tokenise('| 行政许可 | 6件 | 7.5 万元 |'))).toEqual(['T:行政许可', 'num:6', 'num:7.5万元']);
  });
  it('reads full-width digits, signs and not-applicable marks', () => {
    expect(texts(tokenise('行政许可　２１０　＋８２　—　无　／'))).toEqual(['T:行政许可', 'num:210', 'num:+82', 'na:—', 'na:无', 'na:/']);
  });
  it('keeps empty cells of tab, pipe and one-cell-per-line layouts, but not filler rows', () => {
    expect(texts(tokenise('a\t\t1\n|||\n| b | | 2 |'))).toEqual(['T:a', 'B', 'num:1', 'T:b', 'B', 'num:2']);
    // One cell per line with one blank line between cells: an empty cell is two more blank lines.
    expect(texts(tokenise('x\n\n1\n\n2\n\n\n\n3\n\n4'))).toEqual(['T:x', 'num:1', 'num:2', 'B', 'num:3', 'num:4']);
  });
  it('reads an empty line between two bare `|` lines as an empty cell, and `|` right after `|` as a row end', () => {
    expect(texts(tokenise('规章\n|\n1\n|\n\n|\n3\n|\n|\n行政许可\n|\n5'))).toEqual(['T:规章', 'num:1', 'B', 'num:3', 'T:行政许可', 'num:5']);
  });
  it('drops empty cells in front of a label on its line (rowspan and colspan fillers), not those after it', () => {
    expect(texts(tokenise('| | 4.保护第三方合法权益 | | | 0 |\n| | 5.属于三类内部事务信息 | | 1 | 0 |'))).toEqual([
      'T:4.保护第三方合法权益', 'B', 'B', 'num:0', 'T:5.属于三类内部事务信息', 'B', 'num:1', 'num:0',
    ]);
  });
});

describe('values', () => {
  it('converts 万元 to yuan exactly and back', () => {
    expect(toYuan(671.422, '万元')).toBe(6714220);
    expect(toYuan(7.522, '万元')).toBe(75220);
    expect(toYuan(0.00001, '万元')).toBe(0.1);
    expect(toYuan(12, '元')).toBe(12);
    expect(fromYuan(6714220, '万元')).toBe('671.422');
    expect(fromYuan(0.1, '万元')).toBe('0.00001');
    expect(fromYuan(75450000, '万元')).toBe('7545');
  });
  it('converts 万元 to yuan as the decimal point shifted in the printed digits, whatever the value', () => {
    // The digits of String(value) with the point moved four places: what toYuan's arithmetic shortcut must equal.
    const shifted = (value: number): number => {
      const s = String(Math.abs(value));
      if (/e/i.test(s)) return value * 10000;
      const [int, frac = ''] = s.split('.');
      const rest = frac.slice(4);
      const yuan = Number(`${int}${(frac + '0000').slice(0, 4)}${rest ? `.${rest}` : ''}`);
      return value < 0 ? -yuan : yuan;
    };
    const values = [0, -0, 1, -1, 0.1, 0.0001, 0.00005, 1e-7, 475.72, -3.75, 99999999999.9999, 1e11, 123456789.123456, 2 ** 53, 0.3 - 0.1];
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 20_000; i++) {
      const digits = Math.floor(random() * 13);
      const places = Math.floor(random() * 8);
      const sign = random() < 0.2 ? '-' : '';
      values.push(Number(`${sign}${Math.floor(random() * 10 ** digits)}.${String(Math.floor(random() * 10 ** places)).padStart(places, '0')}`), random() * 10 ** digits);
    }
    for (const v of values) expect(Object.is(toYuan(v, '万元'), shifted(v)), String(v)).toBe(true);
  });
});

describe('readRow', () => {
  it('takes values one to a cell', () => {
    expect(readRow(nums('1', '2', '3'), 3, plain)).toMatchObject({ kind: 'cells', cells: [{ value: 1 }, { value: 2 }, { value: 3 }] });
  });
  it('lists every split of glued digits, without leading zeros', () => {
    const r = readRow(nums('1153'), 3, plain);
    expect(r.kind).toBe('readings');
    const splits = r.kind === 'readings' ? r.readings.filter((x) => !x.includes(null)).map((x) => x.map((p) => p!.raw).join('|')) : [];
    expect(splits.sort()).toEqual(['11|5|3', '1|15|3', '1|1|53']);
    const zeros = readRow(nums('007'), 3, plain);
    expect(zeros.kind === 'readings' && zeros.readings.map((x) => x.map((p) => p?.raw ?? '?').join('|'))).toEqual(['0|0|7']);
  });
  it('puts a sign only where the column may be signed', () => {
    const r = readRow(nums('2648', '-18538'), 3, { signed: (i) => i === 1, decimal: () => false });
    const firsts = r.kind === 'readings' ? new Set(r.readings.map((x) => x[0]?.raw ?? '?')) : null;
    expect(firsts).toEqual(new Set(['2648']));
  });
  it('gives up on a row with too many readings instead of searching them all', () => {
    const r = readRow(nums('1234567891234567891234567891234567'), 7, plain);
    expect(r).toEqual({ kind: 'readings', readings: [], tokens: ['1234567891234567891234567891234567'] });
  });
  const B = { kind: 'blank' as const };
  const show = (r: ReturnType<typeof readRow>) =>
    r.kind === 'cells' ? [r.cells.map((p) => p.raw || '_').join('|')] : r.kind === 'readings' ? r.readings.map((x) => x.map((p) => p?.raw || '_').join('|')).sort() : [];
  it('reads one run followed only by printed empty cells as printed, unless it cannot stand alone', () => {
    // "0000000" cannot stand alone (leading zero): only the split.
    expect(show(readRow([...nums('000'), B, B], 3, plain))).toEqual(['0|0|0']);
    // "105" then two printed empty cells: one count; digits glue within a cell, not across printed separators.
    expect(show(readRow([...nums('105'), B, B], 3, plain))).toEqual(['105|_|_']);
    // Neither one count nor a split into three cells: nothing is read.
    expect(show(readRow([...nums('0000'), B, B], 3, plain))).toEqual([]);
    // Two printed values then an empty position: cells as laid out.
    expect(show(readRow([...nums('10', '5'), B], 3, plain))).toEqual(['10|5|_']);
  });
  it('drops surplus empty positions from the end the table says, else keeps every alignment', () => {
    const row = [B, ...nums('2', '3'), B];
    expect(show(readRow(row, 3, plain, 'trail'))).toEqual(['_|2|3']);
    expect(show(readRow(row, 3, plain, 'lead'))).toEqual(['2|3|_']);
    expect(show(readRow(row, 3, plain, null))).toEqual(['2|3|_', '_|2|3']);
  });
  it('learns the surplus side from rows that print every cell', () => {
    expect(surplusSide([{ values: [...nums('1', '2'), B], n: 2 }, { values: [B, ...nums('1'), B], n: 2 }])).toBe('trail');
    expect(surplusSide([{ values: [B, ...nums('1', '2')], n: 2 }])).toBe('lead');
    expect(surplusSide([{ values: [B, ...nums('1', '2')], n: 2 }, { values: [...nums('1', '2'), B], n: 2 }])).toBeNull();
  });
});

describe('choosing by arithmetic', () => {
  const table3 = (received: string) =>
    `三、收到和处理政府信息公开申请情况\n申请人情况\n一、本年新收政府信息公开申请数量 ${received}\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n` +
    `（一）予以公开 3 0 0 0 0 0 3\n（六）其他处理 0 0 0 0 0 0 0\n（七）总计 3 0 0 0 0 0 3\n四、结转下年度继续办理 0 0 0 0 0 0 0\n`;
  const row = (text: string, code: string) => parseTables({ sections: [], text, year: 2020 }).value.applications.cells.filter((c) => c.row === code);

  it('accepts the one split whose row total is right', () => {
    expect(row(table3('3000003'), 'received_new').map((c) => [c.status, c.value])).toEqual([['reported', 3], ['reported', 0], ['reported', 0], ['reported', 0], ['reported', 0], ['reported', 0], ['reported', 3]]);
    expect(row(table3('120000012'), 'received_new').map((c) => c.value)).toEqual([12, 0, 0, 0, 0, 0, 12]);
  });
  it('leaves cells unreadable when no split or several splits fit, never a made-up number', () => {
    const r = parseTables({ sections: [], text: table3('110000011'), year: 2020 });
    const cells = r.value.applications.cells.filter((c) => c.row === 'received_new');
    // 11|0|0|0|0|0|11 and 1|10|0|0|0|0|11 both add up.
    expect(cells[0]).toMatchObject({ status: 'unreadable', value: null });
    expect(r.findings.map((f) => [f.rule, f.location])).toContainEqual(['table.unreadable_cells', 'applications/received_new']);
  });
  // A token with a leading zero ("00") is glued digits of unknown extent: one cell or several.
  const totals = (total: string) =>
    row(table3('3 0 0 0 0 0 3').replace('（七）总计 3 0 0 0 0 0 3', `（七）总计 ${total}`), 'outcome_total');
  it('reads a leading-zero token as one cell when that is the only reading the row total accepts', () => {
    // "00" as two cells gives 20|0|0|0|0|0|121 (20 ≠ 121); as one cell, only 121 → 1|21 adds up.
    expect(totals('20 0 0 00 0 121').map((c) => [c.status, c.value])).toEqual([
      ['imputed', 20], ['imputed', 0], ['imputed', 0], ['imputed', 0], ['imputed', 0], ['imputed', 1], ['imputed', 21],
    ]);
    // When splitting "00" already adds up, the one-cell readings add nothing and the row reads as before.
    expect(totals('20 0 00 0 121').map((c) => c.value)).toEqual([20, 0, 0, 0, 0, 1, 21]);
  });
  it('leaves a leading-zero row unreadable when no reading, or several, add up: never the refuted one as reported', () => {
    // 20|0|0|0|0|0|21, 2|0|0|0|00|0|21 and 20|0|0|00|0|2|1: none adds up.
    const none = totals('20 0 0 00 0 21');
    expect(none.filter((c) => c.applicant === 'total' || c.applicant === 'other_org').map((c) => [c.status, c.value])).toEqual([['unreadable', null], ['unreadable', null]]);
    expect(none.some((c) => c.status === 'reported' && c.applicant === 'total')).toBe(false);
    // "00" split: 5|0|0|0|0|0|10 (5 ≠ 10); "00" whole and 10 → 1|0: 5|0|0|0|0|1|0 (6 ≠ 0): none adds up.
    expect(totals('5 0 0 00 0 10').find((c) => c.applicant === 'total')).toMatchObject({ status: 'unreadable', value: null });
  });
});

describe('resultOrder (table 四 header)', () => {
  const group = (labels: string[]) => labels.join('');
  const template = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  it('keeps the template order for the template header, printed once or per proceeding', () => {
    expect(resultOrder(group(template))).toEqual(['upheld', 'corrected', 'other', 'pending', 'total']);
    expect(resultOrder('行政复议' + group(template).repeat(3))).toEqual(['upheld', 'corrected', 'other', 'pending', 'total']);
  });
  it('takes a printed order only when every group prints it', () => {
    const moved = ['总计', '结果维持', '结果纠正', '其他结果', '尚未审结'];
    expect(resultOrder(group(moved).repeat(3))).toEqual(['total', 'upheld', 'corrected', 'other', 'pending']);
    expect(resultOrder(group(moved) + group(template) + group(template))).toEqual(['upheld', 'corrected', 'other', 'pending', 'total']);
  });
  it('falls back on the template when a label is cut (尚未 … 审结)', () => {
    const cut = '结果维持结果纠正其他结果尚未噪声审结总计';
    expect(resultOrder(cut + group(template) + group(template))).toEqual(['upheld', 'corrected', 'other', 'pending', 'total']);
  });
});
