/**
 * The fast markdown writer against its reference: the bytes remark-stringify +
 * remark-gfm give for the same mdast tree, on every short string in every
 * place text goes, on real, synthetic and hostile records, and on documents of
 * random blocks.
 */
import { describe, expect, it } from 'vitest';
import { reportMarkdown, reportMarkdownReference } from '../../../src/pipeline/emit/markdown.ts';
import { blocksTree, stringifyBlock, stringifyCell, stringifyTree, type Block } from '../../../src/pipeline/emit/markdown-mdast.ts';
import { plainAfterCode, plainCell, plainHeading, plainLine, writeMarkdown } from '../../../src/pipeline/emit/markdown-write.ts';
import { TRICKY } from '../../../src/robustness/escaping-records.ts';
import { writerRecords } from './writer-records.ts';

// Printable ASCII, the line ends and blanks, and a few non-ASCII characters.
const ALPHABET = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\n', '\r', '\v', '中', '\u3000', '\u00a0'];
const SHORT = [...ALPHABET, ...ALPHABET.flatMap((a) => ALPHABET.map((b) => a + b))];

const PLACES: [string, (text: string) => boolean, (text: string) => string, (text: string) => string][] = [
  ['a paragraph', plainLine, (t) => stringifyBlock({ kind: 'paragraph', text: t }), (t) => t],
  ['a level-1 heading', plainHeading, (t) => stringifyBlock({ kind: 'heading', depth: 1, text: t }), (t) => `# ${t}`],
  ['a level-2 heading', plainHeading, (t) => stringifyBlock({ kind: 'heading', depth: 2, text: t }), (t) => `## ${t}`],
  ['a table cell', plainCell, stringifyCell, (t) => t],
  ['the text after a finding code', plainAfterCode, (t) => stringifyBlock({ kind: 'list', items: [{ code: 'table.sum', text: t }] }), (t) => `- \`table.sum\`${t}`],
];

/** A small deterministic generator (the tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('markdown writer', () => {
  for (const [place, plain, reference, asIs] of PLACES) {
    it(`writes text as is in ${place} only where the reference does (every string of one or two characters)`, () => {
      const wrong = SHORT.filter((t) => plain(t) && reference(t) !== asIs(t));
      expect(wrong).toEqual([]);
    });
  }

  it('gives the reference bytes for real, synthetic and hostile records', () => {
    const records = writerRecords();
    expect(records.length).toBeGreaterThan(250);
    for (const r of records) expect(reportMarkdown(r), r.source_file).toBe(reportMarkdownReference(r));
  });

  it('gives the reference bytes for documents of random blocks of tricky text', () => {
    const next = lcg(13);
    const text = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => TRICKY[Math.floor(next() * TRICKY.length)]!).join(next() < 0.5 ? '' : ' ');
    for (let doc = 0; doc < 200; doc++) {
      const blocks: Block[] = Array.from({ length: 1 + Math.floor(next() * 6) }, (): Block => {
        const kind = Math.floor(next() * 4);
        if (kind === 0) return { kind: 'heading', depth: next() < 0.5 ? 1 : 2, text: text() };
        if (kind === 1) return { kind: 'paragraph', text: text() };
        if (kind === 2) return { kind: 'table', header: [text(), text()], rows: [[text(), ''], ['', text()], [text(), text()]] };
        return { kind: 'list', items: [{ code: next() < 0.8 ? 'rule.code' : text(), text: text() }, { code: 'x', text: text() }] };
      });
      expect(writeMarkdown(blocks), JSON.stringify(blocks)).toBe(stringifyTree(blocksTree(blocks)));
    }
  });
});
