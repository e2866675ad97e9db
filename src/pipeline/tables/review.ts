/**
 * Table 四 (review and litigation): one row of 15 values after its header,
 * three proceedings × five results. The result order is read from the
 * header when it names all five; proceedings keep the template's order.
 */
import { PROCEEDINGS, RESULTS, type CellStatus, type ResultCode } from '../../schema/codes.ts';
import { reviewIdentities } from '../../schema/identities.ts';
import type { ParsedTable, ReviewCell } from '../../schema/types.ts';
import type { TableRead } from './applications.ts';
import { MISSING_CELL, printedPieces, printedStatus, resolveListed, type GridIdentity } from './resolve.ts';
import { listOfLength } from './slots.ts';
import { readRow, type ColumnRules } from './split.ts';
import type { Token } from './tokens.ts';


/** A cell of the table: every one is made here, so all have one shape (the contract's field order). */
function reviewCell(proceeding: ReviewCell['proceeding'], result: ReviewCell['result'], status: CellStatus, value: number | null, raw: string | null, unit: string | null): ReviewCell {
  return { proceeding, result, status, value, raw, unit };
}
// Primed at load, as sourcedPiece is (values.ts), and written once more, as the cells of a table not present are.
Object.assign(reviewCell('reconsideration', 'total', 'missing', null, null, null), MISSING_CELL);
Object.assign(reviewCell('reconsideration', 'total', 'reported', 0.5, '', '元'), MISSING_CELL);
const RESULT_LABELS: Record<ResultCode, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };
const HEADER_WORDS = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', ...Object.values(RESULT_LABELS)];

/**
 * Results in the order the header prints them, else the template's. A printed order
 * is taken only when the header is whole: the result labels, in order of position,
 * are one arrangement of all five, printed once or repeated identically for each
 * proceeding. A header broken by noise (a label cut in two) falls back on the template.
 */
export function resultOrder(header: string): ResultCode[] {
  // Headers repeat from report to report: each is read once (bounded).
  let order = ORDER_BY_HEADER.get(header);
  if (order === undefined) {
    order = readResultOrder(header);
    if (ORDER_BY_HEADER.size < 10_000) ORDER_BY_HEADER.set(header, order);
  }
  return order;
}

/** resultOrder by header text; the arrays are shared, never changed. */
const ORDER_BY_HEADER = new Map<string, ResultCode[]>();

function readResultOrder(header: string): ResultCode[] {
  const template = RESULTS.map((r) => r.code);
  const hits: { code: ResultCode; at: number }[] = [];
  for (const r of RESULTS) {
    for (let at = header.indexOf(RESULT_LABELS[r.code]); at >= 0; at = header.indexOf(RESULT_LABELS[r.code], at + 1)) hits.push({ code: r.code, at });
  }
  const sequence = hits.sort((a, b) => a.at - b.at).map((h) => h.code);
  const first = sequence.slice(0, template.length);
  const whole =
    new Set(first).size === template.length &&
    sequence.length % template.length === 0 &&
    sequence.every((code, i) => code === first[i % template.length]);
  return whole ? first : template;
}

/** What depends only on the result order: the columns, the identities by column, the row rules. */
interface Layout {
  order: ResultCode[];
  columns: string[];
  identities: GridIdentity[];
  rules: ColumnRules;
}

const LAYOUTS = new Map<string, Layout>();
/** Layouts by the order array resultOrder shares (one per header read), so most reports join no key. */
const LAYOUT_OF_ORDER = new WeakMap<ResultCode[], Layout>();
function layoutFor(order: ResultCode[]): Layout {
  const shared = LAYOUT_OF_ORDER.get(order);
  if (shared) return shared;
  const key = order.join(',');
  let layout = LAYOUTS.get(key);
  if (!layout) {
    const columns: string[] = [];
    for (const p of PROCEEDINGS) for (const r of order) columns.push(`${p.code}/${r}`);
    const identities = reviewIdentities().map((id) => ({
      left: id.left.map((k) => ['review', columns.indexOf(`${k.proceeding}/${k.result}`)] as [string, number]),
      right: id.right.map((k) => ['review', columns.indexOf(`${k.proceeding}/${k.result}`)] as [string, number]),
    }));
    const rowIdentities = identities.map((id) => ({ left: id.left.map(([, c]) => c), right: id.right.map(([, c]) => c) }));
    layout = { order, columns, identities, rules: { signed: () => false, decimal: () => false, identities: rowIdentities } };
    LAYOUTS.set(key, layout);
  }
  LAYOUT_OF_ORDER.set(order, layout);
  return layout;
}

/** A text token between values that is a header word (a table printed row by row), not the end of the table. */
function isHeaderWord(norm: string): boolean {
  return norm.length <= 12 && HEADER_WORDS.some((w) => norm.includes(w));
}

/**
 * The table's values: from its first value (with the blank cells just before it) to the
 * first text that is not a header word.
 */
function valuesFrom(tokens: Token[], first: number): Exclude<Token, { kind: 'text' }>[] {
  const values: Exclude<Token, { kind: 'text' }>[] = [];
  let start = first;
  while (start > 0 && tokens[start - 1]!.kind === 'blank') start -= 1;
  for (let k = start; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'text') {
      // Labels between values (a table printed row by row) are skipped; other text ends the table.
      if (isHeaderWord(t.norm)) continue;
      break;
    }
    values.push(t);
  }
  return values;
}

export function readReview(tokens: Token[] | null): TableRead<ReviewCell> {
  // Made at its size: a cell per proceeding and result.
  const cells = listOfLength<ReviewCell>(PROCEEDINGS.length * RESULTS.length);
  let at = 0;
  const first = tokens ? tokens.findIndex((t) => t.kind === 'num' || t.kind === 'na') : -1;
  const headerEnd = first >= 0 ? first : (tokens?.length ?? 0);
  let header = '';
  for (let k = 0; k < headerEnd; k++) {
    const t = tokens![k]!;
    if (t.kind === 'text') header += t.norm;
  }
  const { order, columns, identities, rules } = layoutFor(resultOrder(header));
  const values = tokens && first >= 0 ? valuesFrom(tokens, first) : [];
  // The results header (结果维持, 结果纠正 …) marks the table; the part title alone may head a sentence.
  const hasHeader = RESULTS.filter((r) => r.code !== 'total' && header.includes(RESULT_LABELS[r.code])).length >= 2;
  const reading = values.length && hasHeader ? readRow(values, columns.length, rules) : null;
  // The usual table, printed cell for cell: read as printed, with no maps made (see printedAsIs).
  const resolved = reading === null || reading.kind === 'cells' ? null : resolveListed(['review'], [reading], () => columns.length, identities);
  const pieces = resolved ? resolved.printed.get('review') : printedPieces(reading);
  const row = resolved?.cells.get('review');
  for (let pi = 0; pi < PROCEEDINGS.length; pi++) {
    const p = PROCEEDINGS[pi]!;
    for (const r of RESULTS) {
      const col = pi * order.length + order.indexOf(r.code);
      const piece = pieces?.[col];
      if (piece) {
        // A printed cell, as printedCell gives it.
        const num = piece.kind === 'num';
        cells[at++] = reviewCell(p.code, r.code, printedStatus(piece), num ? piece.value : null, piece.kind === 'blank' ? '' : piece.raw, num ? piece.unit : null);
        continue;
      }
      // A resolved cell, or a missing one (one call for both: V8 compiles no separate path for the rarer).
      const c = (pieces ? undefined : row?.[col]) ?? MISSING_CELL;
      cells[at++] = reviewCell(p.code, r.code, c.status, c.value, c.raw, c.unit);
    }
  }
  const anyPrinted = cells.some((c) => c.status !== 'missing' && c.status !== 'blank');
  const status: ParsedTable<ReviewCell>['status'] = anyPrinted ? 'present' : hasHeader ? 'empty' : 'missing';
  if (status !== 'present') for (const c of cells) Object.assign(c, MISSING_CELL);
  return { table: { status, template: null, cells }, notes: resolved ? resolved.notes : [], columns };
}
