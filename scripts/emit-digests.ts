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
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ReportRecord } from '../src/schema/types.ts';
import { hostileVariant } from '../src/robustness/escaping-records.ts';
import { csvBlocks, markdownBytes, reportJson } from '../src/pipeline/emit/report-outputs.ts';
import { eachParsedFile } from './digest-corpora.ts';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, stress: { type: 'string' } }, allowPositionals: true });
if (!values.out) {
  console.error('emit-digests: --out FILE is required');
  process.exit(2);
}
const stressCount = Number(values.stress ?? 0);

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

function digestLines(name: string, file: string, record: ReportRecord): string[] {
  const lines = [`${name}\t${file}\tjson\t${sha(reportJson(record))}`, `${name}\t${file}\tmarkdown\t${sha(markdownBytes(record))}`];
  for (const [dataset, block] of csvBlocks(record)) lines.push(`${name}\t${file}\tcsv:${dataset}:${block.rows}\t${sha(block.bytes)}`);
  return lines;
}

const lines: string[] = [];
eachParsedFile('emit-digests', positionals, (name, path, record, n) => {
  lines.push(...digestLines(name, path, record));
  if (n < stressCount) for (let k = 0; k < 6; k++) lines.push(...digestLines(`${name}~${k}`, path, hostileVariant(record, k)));
}, (name) => console.error(`emit-digests: ${name}: ${lines.length} lines so far`));
writeFileSync(values.out, `${lines.join('\n')}\n`);
