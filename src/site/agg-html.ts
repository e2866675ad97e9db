/**
 * The body rows of an aggregated table as one HTML string. The ranking table has
 * a row per report (10,000 rows × 13 cells at 10,000 reports): rendered as Astro
 * expressions, cell by cell, it took most of the render time of a rebuild with
 * one report changed; as a string it takes a few milliseconds. The markup is
 * byte for byte what the component's template gave, escaped as Astro escapes
 * (text: & < > ' "; attribute values: & "; an empty attribute value is written
 * as the bare name). Pure.
 */
import type { AggColumn, AggRow, AggTable, AggValue } from './aggregate.ts';
import { formatNumber, formatPercent, levelLabel, templateLabel } from './format.ts';

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };
const TEXT_SPECIAL = /[&<>'"]/;

// Most values need no escape: looked for first, replaced only when there.
function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(/[&<>'"]/g, (c) => TEXT_ESCAPES[c]!) : s;
}

function escapeAttribute(s: string): string {
  return s.includes('&') || s.includes('"') ? s.replace(/&/g, '&amp;').replace(/"/g, '&quot;') : s;
}

function attribute(name: string, value: string): string {
  return value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
}

export const isNumeric = (type: string) => type === 'integer' || type === 'number';

/** A cell's value as shown. */
export function displayValue(name: string, type: string, percent: boolean | undefined, v: AggValue): string {
  if (v === null) return '—';
  if (type === 'boolean') return v === 'true' ? '是' : '否';
  // Years and ranks are labels, not quantities: no digit grouping.
  if (typeof v === 'number') return percent ? formatPercent(v) : name === 'year' || name === 'rank' ? String(v) : formatNumber(v);
  if (name === 'admin_level') return levelLabel(v);
  if (name === 'template') return templateLabel(v);
  return v;
}

function cellHtml(table: AggTable, c: AggColumn, row: AggRow): string {
  const v = row[c.name] ?? null;
  const href = table.links?.[c.name]?.(row) ?? null;
  const text = escapeText(displayValue(c.name, c.type, c.percent, v));
  const numeric = isNumeric(c.type);
  const classAttr = numeric ? (v === null ? ' class="num empty"' : ' class="num"') : v === null ? ' class="empty"' : '';
  const inner = href ? `<a${attribute('href', href)}>${text}</a>` : text;
  return `<td${classAttr}${attribute('data-sort', v === null ? '' : String(v))}>${inner}</td>`;
}

/** `<tr>…</tr>` for each row, every column in order. */
export function aggRowsHtml(table: AggTable, rows: readonly AggRow[]): string {
  let html = '';
  for (const row of rows) {
    html += '<tr>';
    for (const c of table.columns) html += cellHtml(table, c, row);
    html += '</tr>';
  }
  return html;
}
