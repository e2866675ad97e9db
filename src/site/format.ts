/** Presentation helpers: numbers, rates, template numbering. Pure. */
import { ADMIN_LEVELS, CELL_STATUSES, TEMPLATES, type CellStatus } from '../schema/codes.ts';

const INTEGER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** Chinese collation (as `a.localeCompare(b, 'zh-CN')`), one collator for the thousands of names a list sorts. */
export const zhCompare = new Intl.Collator('zh-CN').compare;

/** A number as shown in a table cell; `—` never stands for a number we do not have (callers show the status instead). */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? INTEGER.format(value) : DECIMAL.format(value);
}

/** A rate in [0, 1] as a percentage with one decimal; empty when unknown. */
export function formatPercent(rate: number | null): string {
  return rate === null ? '' : `${(rate * 100).toFixed(1)}%`;
}

/** The template's numbering with full-width brackets, as printed: 三(三)1 → 三（三）1. */
export function officialNumber(number: string): string {
  return number.replace(/\(/g, '（').replace(/\)/g, '）');
}

export function statusLabel(status: CellStatus): string {
  return CELL_STATUSES.find((s) => s.code === status)?.zh ?? status;
}

export function levelLabel(level: string | null): string {
  if (level === null) return '未知层级';
  return ADMIN_LEVELS.find((l) => l.code === level)?.zh ?? level;
}

export function templateLabel(template: string | null): string {
  if (template === null) return '模板未知';
  return TEMPLATES.find((t) => t.code === template)?.zh ?? template;
}

/** Province › city › county, skipping what is unknown. */
export function regionLabel(parts: { province: string | null; city: string | null; county: string | null }): string {
  const known = [parts.province, parts.city, parts.county].filter((p): p is string => p !== null && p !== '');
  return known.length > 0 ? known.join(' › ') : '地区未知';
}

/** A part's heading without its numbering: 一、总体情况 → 总体情况 (to tell whether the report's title differs from the template's). */
export function headingText(title: string): string {
  // Leading Chinese numeral or digits with its punctuation (、 . ． ，) and spaces.
  return title.replace(/^\s*[一二三四五六七八九十\d]+\s*[、.．，,]?\s*/, '').trim();
}
