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
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eachParsedFile } from './digest-corpora.ts';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
if (!values.out) {
  console.error('parse-digests: --out FILE is required');
  process.exit(2);
}
const lines: string[] = [];
eachParsedFile('parse-digests', positionals, (name, path, record) => {
  lines.push(`${name}\t${path}\t${createHash('sha256').update(JSON.stringify(record)).digest('hex')}`);
}, (name) => console.error(`parse-digests: ${name}: ${lines.length} lines so far`));
writeFileSync(values.out, `${lines.join('\n')}\n`);
