/**
 * parseTables tokenises a table once when the text before cleaning differs from
 * the cleaned text only by collapsed blank-line runs. That is right only when
 * both give the same labels and values; tokeniseRegion says when a token leant
 * on the line before it, which blank lines can change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenise, tokeniseRegion, type Token } from '../../../src/pipeline/tables/tokens.ts';

const collapse = (s: string) => s.replace(/\n{3,}/g, '\n\n');
/** Labels and values in order, blank cells aside (what parseTables compares). */
const content = (ts: Token[]) => ts.filter((t) => t.kind !== 'blank').map((t) => (t.kind === 'text' ? `T:${t.norm}` : `${t.kind}:${t.raw}`));

describe('tokeniseRegion', () => {
  it('gives the same tokens as tokenise', () => {
    const region = '行政许可\n\n6\n\n\n\n7.5\n\n万元';
    expect(tokeniseRegion(region).tokens).toEqual(tokenise(region));
  });

  it('flags a count word or unit at a line start, where blank lines decide what it joins', () => {
    // Cells one per line, one blank line apart; the longer run before 件 is two empty cells.
    const raw = '行政许可\n\n1\n\n2\n\n\n\n\n\n件\n\n3';
    expect(content(tokenise(raw))).not.toEqual(content(tokenise(collapse(raw))));
    expect(tokeniseRegion(raw).leansOnPreviousLine).toBe(true);
    expect(tokeniseRegion('| 行政许可 | 6件 | 7.5 万元 |').leansOnPreviousLine).toBe(false);
  });

  it('without the flag, collapsing blank-line runs never changes labels or values (fixture tables, with blank lines widened)', () => {
    const root = join(import.meta.dirname, '../../fixtures/tables');
    let checked = 0;
    for (const dir of readdirSync(root)) {
      const file = readdirSync(join(root, dir)).find((f) => f.startsWith('input.'));
      if (!file) continue;
      const text = readFileSync(join(root, dir, file), 'utf8').replace(/\r\n?/g, '\n');
      // The fixture as written, and with every blank line made three (empty cells appear).
      for (const raw of [text, text.replace(/\n\n/g, '\n\n\n\n')]) {
        if (raw.includes('<')) continue;
        const once = tokeniseRegion(raw);
        if (once.leansOnPreviousLine) continue;
        expect(content(once.tokens)).toEqual(content(tokenise(collapse(raw))));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
