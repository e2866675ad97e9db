/**
 * node scripts/parse-digests.ts --out FILE [name=DIR ...]
 *
 * The identity check for parser speed work: one line per input file,
 * `<name>\t<file>\t<sha256 of JSON.stringify(parseReport(file))>`, over the
 * real corpus (content/) and any other content folders given (e.g. the bench's
 * n1000=/tmp/nianbao-bench/n1000/corpus/content). Run it before and after a
 * change that must not change what is parsed and `cmp` the two files.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { listContentFiles, readInputFile, readSourcesManifest } from '../src/pipeline/read.ts';
import { parseReport } from '../src/pipeline/report.ts';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
if (!values.out) {
  console.error('parse-digests: --out FILE is required');
  process.exit(2);
}
const corpora: [string, string][] = [['real', 'content'], ...positionals.map((p): [string, string] => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])];
const lines: string[] = [];
for (const [name, dir] of corpora) {
  if (!existsSync(dir)) {
    console.error(`parse-digests: ${dir} does not exist`);
    process.exit(2);
  }
  const manifest = readSourcesManifest(dir);
  for (const path of listContentFiles(dir)) {
    const record = parseReport(readInputFile(dir, path, manifest));
    lines.push(`${name}\t${path}\t${createHash('sha256').update(JSON.stringify(record)).digest('hex')}`);
  }
  console.error(`parse-digests: ${name}: ${lines.length} lines so far`);
}
writeFileSync(values.out, `${lines.join('\n')}\n`);
