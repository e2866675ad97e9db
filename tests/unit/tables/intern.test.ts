/**
 * Text tokens are kept by a hash of their code units and reused when the same piece comes
 * back: with more labels than slots (so slots are shared), every token still says what was
 * printed, the first and later passes alike.
 */
import { describe, expect, it } from 'vitest';
import { tokenise } from '../../../src/pipeline/tables/tokens.ts';

describe('text tokens met before', () => {
  it('are the pieces printed, whatever else shares their slot', () => {
    const labels: string[] = [];
    for (let i = 0; i < 30_000; i++) labels.push(String.fromCharCode(0x4e00 + ((i * 7919) % 20_000), 0x4e00 + (i % 97), 0x4e00 + (i % 13)));
    const text = labels.map((l, i) => `| ${l} | ${i % 10} |`).join('\n');
    const expected = labels.flatMap((l, i) => [`T:${l}`, `num:${i % 10}`]);
    const texts = (s: string) => tokenise(s).map((t) => (t.kind === 'text' ? `T:${t.text}` : t.kind === 'blank' ? 'B' : `${t.kind}:${t.raw}`));
    expect(texts(text)).toEqual(expected);
    expect(texts(text)).toEqual(expected);
    // Units and count words stay what their neighbours make them.
    expect(texts('| 行政许可 | 7 | 万元 |\n| 件 | 元 |\n| 规章 | 件 |')).toEqual(['T:行政许可', 'num:7万元', 'T:元', 'T:规章', 'T:件']);
  });
});
