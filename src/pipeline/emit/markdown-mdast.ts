/**
 * The reference serialisation of a report's markdown: its blocks as an mdast
 * tree, written by remark-stringify + remark-gfm (one frozen processor). The
 * fast writer (markdown-write.ts) must give the same bytes; it calls the
 * serialisers here for any text it cannot prove needs no escaping.
 */
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

/** One finding as a list item: its rule code (shown as code) and the text after it. */
export interface FindingItem {
  code: string;
  text: string;
}

/** A block of the report's markdown: what both serialisers take. */
export type Block =
  | { kind: 'heading'; depth: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'list'; items: FindingItem[] };

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const tcell = (value: string): TableCell => ({ type: 'tableCell', children: value ? [text(value)] : [] });
const trow = (values: string[]): TableRow => ({ type: 'tableRow', children: values.map(tcell) });
const listItem = (item: FindingItem): ListItem => ({
  type: 'listItem', spread: false, children: [paragraph({ type: 'inlineCode', value: item.code }, text(item.text))],
});

export function blockNode(block: Block): RootContent {
  switch (block.kind) {
    case 'heading': return { type: 'heading', depth: block.depth, children: [text(block.text)] } satisfies Heading;
    case 'paragraph': return paragraph(text(block.text));
    case 'table': return { type: 'table', align: block.header.map(() => null), children: [trow(block.header), ...block.rows.map(trow)] } satisfies Table;
    case 'list': return { type: 'list', ordered: false, spread: false, children: block.items.map(listItem) } satisfies List;
  }
}

export const blocksTree = (blocks: Block[]): Root => ({ type: 'root', children: blocks.map(blockNode) });

const processor = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { bullet: '-' }).freeze();

/** The project's markdown settings: GFM, tables without aligned pipes, `-` bullets. */
export function stringifyTree(tree: Root): string {
  return processor.stringify(tree);
}

// A plain paragraph after the block under test: the block's own bytes are what comes before `\n\n` + SENTINEL + `\n`.
const SENTINEL = 'x';
const SENTINEL_TAIL = `\n\n${SENTINEL}\n`;

/** One block as the reference writes it inside a document (without the blank lines around it). */
export function stringifyBlock(block: Block): string {
  const out = stringifyTree({ type: 'root', children: [blockNode(block), paragraph(text(SENTINEL))] });
  if (!out.endsWith(SENTINEL_TAIL)) throw new Error(`markdown: unexpected serialisation of a ${block.kind}`);
  return out.slice(0, -SENTINEL_TAIL.length);
}

/** A non-empty table cell's text as the reference escapes it (a cell's bytes do not depend on the other cells). */
export function stringifyCell(value: string): string {
  const line = stringifyBlock({ kind: 'table', header: [value], rows: [] }).split('\n')[0]!;
  if (!line.startsWith('| ') || !line.endsWith(' |')) throw new Error('markdown: unexpected serialisation of a table cell');
  return line.slice(2, -2);
}
