/** Reading the normalized markdown back as a user's tool would: remark-parse + remark-gfm. */
import type { Root, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** Plain text of an mdast node (what a reader of the cell sees). */
export function toString(node: unknown): string {
  const n = node as { value?: string; children?: unknown[] };
  return typeof n.value === 'string' ? n.value : (n.children ?? []).map(toString).join('');
}

// The YAML front matter: from the first line `---` to the next line `---`.
const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;

export const parseMd = (md: string) => unified().use(remarkParse).use(remarkGfm).parse(md.replace(FRONT_MATTER, '')) as Root;
export const tables = (tree: Root) => tree.children.filter((n): n is Table => n.type === 'table');
export const cells = (t: Table) => t.children.map((row) => row.children.map((c) => toString(c)));

/** A markdown cell back to the CSV's value and status (blank and missing both show empty). */
export function readBack(text: string): { value: string; status: string } {
  if (text === '—') return { value: '', status: 'not_applicable' };
  if (text === '?') return { value: '', status: 'unreadable' };
  if (text.endsWith('*')) return { value: text.slice(0, -1), status: 'imputed' };
  return { value: text, status: text === '' ? 'missing' : 'reported' };
}

/** The applications table of a report's markdown as `row label → applicant index → cell`, rows in order. */
export function applicationGrid(md: string): string[][] | null {
  const tree = parseMd(md);
  const index = tree.children.findIndex((n) => n.type === 'heading' && toString(n).startsWith('三、'));
  const next = tree.children[index + 1];
  return next && next.type === 'table' ? cells(next) : null;
}
