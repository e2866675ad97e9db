/**
 * proactiveTemplateOf finds table 二's header markers run by run of labels; the same as in
 * the labels joined whole, each value or blank cell a `|` between them.
 */
import { describe, expect, it } from 'vitest';
import { proactiveTemplateOf } from '../../../src/pipeline/tables/proactive.ts';
import type { Token } from '../../../src/pipeline/tables/tokens.ts';

const MARKERS_2021 = ['制发件数', '废止件数', '现行有效件数', '收费金额', '本年处理决定数量'];
const MARKERS_2019 = ['新制作数量', '新公开数量', '对外公开总数量', '上一年项目数量', '增/减', '采购项目数量', '采购总金额', '政府集中采购', '对外管理服务事项'];

function joinedWhole(tokens: Token[]): string | null {
  let text = '';
  for (const t of tokens) text += t.kind === 'text' ? t.norm : '|';
  const a = MARKERS_2021.filter((m) => text.includes(m)).length;
  const b = MARKERS_2019.filter((m) => text.includes(m)).length;
  return a === b ? null : a > b ? '2021' : '2019';
}

describe('proactiveTemplateOf', () => {
  it('agrees with the markers found in the labels joined whole', () => {
    // Pieces of markers (so a marker may span tokens), other words, and values between.
    const pieces = ['本年', '制发', '件数', '废止', '现行有效件数', '收费金额', '处理决定数量', '新制作', '数量', '新公开', '对外公开', '总数量', '上一年项目数量', '增', '/', '减', '增/减', '采购', '项目数量', '总金额', '政府集中采购', '对外管理', '服务事项', '信息内容', '规章'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let decided = 0;
    for (let k = 0; k < 3000; k++) {
      const tokens: Token[] = Array.from({ length: 1 + next(12) }, (): Token => {
        const r = next(10);
        if (r < 6) {
          const p = pieces[next(pieces.length)]!;
          return { kind: 'text', text: p, norm: p };
        }
        return r < 8 ? { kind: 'num', raw: String(next(100)) } : r < 9 ? { kind: 'na', raw: '/' } : { kind: 'blank' };
      });
      const want = joinedWhole(tokens);
      expect(proactiveTemplateOf(tokens)).toBe(want);
      if (want !== null) decided += 1;
    }
    expect(decided).toBeGreaterThan(300);
  });
});
