/**
 * The tables stage reuses buffers from one region and row to the next (the token
 * sink, the lists printed rows' cells are copied from): what one call returns is
 * its own, and nothing of an earlier call shows in a later one.
 */
import { describe, expect, it } from 'vitest';
import { findRows, valuesOf } from '../../../src/pipeline/tables/labels.ts';
import { readRow } from '../../../src/pipeline/tables/split.ts';
import { tokenise, type Token } from '../../../src/pipeline/tables/tokens.ts';

const plain = { signed: () => false, decimal: () => false };
const nums = (...raws: string[]) => raws.map((raw) => ({ kind: 'num' as const, raw }));
const texts = (ts: Token[]) => ts.map((t) => (t.kind === 'text' ? `T:${t.norm}` : t.kind === 'blank' ? 'B' : `${t.kind}:${t.raw}`));

describe('buffers reused across calls', () => {
  it('gives each region its own tokens: a shorter region after a longer one holds none of its tokens, and leaves its list as it was', () => {
    const long = tokenise('| 行政许可 | 1 | 2 | 3 |\n| 行政处罚 | 4 | | 6 |\n| 其他 | 7 | 8 | 9 |');
    const before = texts(long);
    expect(before).toEqual(['T:行政许可', 'num:1', 'num:2', 'num:3', 'T:行政处罚', 'num:4', 'B', 'num:6', 'T:其他', 'num:7', 'num:8', 'num:9']);
    const short = tokenise('行政强制\n\n5 万元');
    expect(texts(short)).toEqual(['T:行政强制', 'num:5万元']);
    expect(texts(long)).toEqual(before);
    // An empty region after them: no tokens.
    expect(tokenise('')).toEqual([]);
  });

  it('makes a list of its own for each row printed cell for cell', () => {
    const a = readRow(nums('1', '2', '3'), 3, plain);
    const b = readRow(nums('4', '5', '6'), 3, plain);
    expect(a.kind === 'cells' && b.kind === 'cells' && a.cells !== b.cells).toBe(true);
    expect(a).toMatchObject({ kind: 'cells', cells: [{ value: 1 }, { value: 2 }, { value: 3 }] });
    expect(b).toMatchObject({ kind: 'cells', cells: [{ value: 4 }, { value: 5 }, { value: 6 }] });
  });

  it('finds rows from label hits kept in reused buffers, few hits or many (the library sort), one row per code', () => {
    const defs = [{ code: 'permit', match: ['行政许可'] }, { code: 'penalty', match: ['行政处罚'] }];
    for (const times of [5, 40]) {
      const lines: string[] = [];
      for (let k = 0; k < times; k++) lines.push(k === 3 ? '行政许可 7 8 9' : '行政许可 1', `行政处罚 ${k + 2}`);
      const tokens = tokenise(lines.join('\n'));
      const rows = findRows(tokens, defs);
      // Per code the row that printed most values (among equals, the first), in text order.
      expect(rows.map((r) => [r.code, r.start, r.end, r.contextFrom, valuesOf(tokens, r).map((v) => v.raw).join(' ')])).toEqual([['penalty', 2, 3, 1, '2'], ['permit', 12, 13, 11, '7 8 9']]);
    }
    // A later call does not change the rows an earlier one gave.
    const first = findRows(tokenise('行政处罚 5 6'), defs);
    findRows(tokenise('行政许可 1\n行政处罚 3'), defs);
    expect(first.map((r) => [r.code, r.start, r.end, r.from, r.to])).toEqual([['penalty', 0, 1, 1, 3]]);
  });
});
