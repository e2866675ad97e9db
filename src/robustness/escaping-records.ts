/**
 * Text that exercises the writers' escaping: formula leaders, CSV quoting,
 * markdown syntax, GFM autolinks and odd white space, and records that carry
 * it in every text field (used by the writer tests in tests/unit/datasets and by scripts/emit-digests.ts, so it lives in src, not in the tests).
 */
import type { ReportRecord } from '../schema/types.ts';

/** Strings that exercise escaping: formula leaders, CSV quoting, markdown syntax, GFM autolinks, odd whitespace. */
export const TRICKY = [
  '=1+1', '+86 10', '-18', '@SUM(A1)', '\tTab', '\rCR', 'a,b', 'he said "hi"', 'line1\nline2', 'x\r\ny', ' lead', 'trail ',
  '*bold*', '_u_', '# hash', '1. item', '1) item', '- dash', '+ plus', '> quote', '<b>html</b>', '[link](x)', '`code`',
  'a|b', '~~s~~', 'http://example.com', 'www.example.com', 'mail a@b.com', '&amp; &#123;', 'back\\slash', '!', '---',
  '===', '***', '   ', '', '\u3000全角空格', '😀', '1.5', '12*', '[^1]', '|', 'a\\|b', '\\', '**', '__init__', 'x*y*z',
  '2020年1月1日', '（一）', '1、', '一、总体情况', '#', '##', '10.', '  two  spaces', 'tab\tinside', '<', '>', '&',
  'a_b_c', '*', '_', '~', '`', '```', '~~~', '[', ']', '(', ')', '!', '{', '}', ':', 'https://x.cn/a?b=c&d', 'e.g.',
  '==', '--', '"', '""', "'", "'=x", 'Ｗ全角', '\u00a0nbsp', 'a\u2028b', '\v', '\f', '\0',
];

function pick(k: number, i: number): string {
  return TRICKY[(k * 7 + i * 13) % TRICKY.length]!;
}

/** A variant of a record whose text fields carry tricky strings (k selects which). */
export function hostileVariant(record: ReportRecord, k: number): ReportRecord {
  const r = structuredClone(record);
  let i = 0;
  const t = () => pick(k, i++);
  if (k % 3 !== 2) r.metadata.agency_name = k % 3 === 0 ? `${t()}${r.metadata.agency_name ?? ''}${t()}` : null;
  r.source_file = `${t()}${r.source_file}`;
  r.provenance.source_url = t();
  r.sections = r.sections.map((s) => ({ ...s, title_found: s.title_found === null ? null : `${t()}${s.title_found}`, text: [t(), s.text, `${t()} ${t()}`, t()].join('\n') }));
  for (const table of [r.tables.applications, r.tables.proactive_disclosure, r.tables.review_litigation] as { cells: { raw: string | null; unit: string | null }[] }[]) {
    table.cells.forEach((c, j) => {
      if ((j + k) % 3 === 0) c.raw = t();
      if ((j + k) % 5 === 0) c.unit = t();
    });
  }
  r.findings = [...r.findings, ...r.findings.slice(0, 2)].map((f, j) => ({
    ...f, message_zh: `${t()}${f.message_zh}${t()}`, expected: j % 2 ? t() : f.expected, actual: j % 3 ? f.actual : t(), location: j % 4 ? f.location : `${f.location}${t()}`,
  }));
  return r;
}

