/**
 * node scripts/emit-digests.ts --out FILE [--stress N] [name=DIR ...]
 *
 * The equality check for emit speed work: one line per report output,
 * `<name>\t<file>\t<part>\t<sha256>` for its JSON, its markdown and its block
 * of each per-report CSV dataset (reportJson, markdownBytes, csvBlocks), over
 * the real corpus (content/) and any other content folders given. With
 * `--stress N`, the first N records of each corpus are also emitted in
 * variants whose text fields carry the characters that CSV quoting, formula
 * neutralisation and markdown escaping act on. Run it before and after a
 * change that must not change what is written and `cmp` the two files.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ReportRecord } from '../src/schema/types.ts';
import { csvBlocks, markdownBytes, reportJson } from '../src/pipeline/emit/report-outputs.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from '../src/pipeline/read.ts';
import { parseReport } from '../src/pipeline/report.ts';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, stress: { type: 'string' } }, allowPositionals: true });
if (!values.out) {
  console.error('emit-digests: --out FILE is required');
  process.exit(2);
}
const stressCount = Number(values.stress ?? 0);

/** Strings that exercise escaping: formula leaders, CSV quoting, markdown syntax, GFM autolinks, odd whitespace. */
const TRICKY = [
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
function stressVariant(record: ReportRecord, k: number): ReportRecord {
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

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

function digestLines(name: string, file: string, record: ReportRecord): string[] {
  const lines = [`${name}\t${file}\tjson\t${sha(reportJson(record))}`, `${name}\t${file}\tmarkdown\t${sha(markdownBytes(record))}`];
  for (const [dataset, block] of csvBlocks(record)) lines.push(`${name}\t${file}\tcsv:${dataset}:${block.rows}\t${sha(block.bytes)}`);
  return lines;
}

const corpora: [string, string][] = [['real', 'content'], ...positionals.map((p): [string, string] => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])];
const lines: string[] = [];
for (const [name, dir] of corpora) {
  if (!existsSync(dir)) {
    console.error(`emit-digests: ${dir} does not exist`);
    process.exit(2);
  }
  const manifest = readSourcesManifest(dir);
  listContentFiles(dir).forEach((path, n) => {
    const record = parseReport(readInputFile(dir, path, manifest));
    lines.push(...digestLines(name, path, record));
    if (n < stressCount) for (let k = 0; k < 6; k++) lines.push(...digestLines(`${name}~${k}`, path, stressVariant(record, k)));
  });
  console.error(`emit-digests: ${name}: ${lines.length} lines so far`);
}
writeFileSync(values.out, `${lines.join('\n')}\n`);
