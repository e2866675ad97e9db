/** npm run parse -- <file>: one report as JSON (metadata, sections, tables, findings). */
import { dirname, basename, resolve } from 'node:path';
import { parseReport } from '../src/pipeline/report.ts';
import { readInputFile, readSourcesManifest } from '../src/pipeline/read.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run parse -- <file>');
  process.exit(2);
}
const dir = dirname(resolve(file));
const record = parseReport(readInputFile(dir, basename(file), readSourcesManifest(dir)));
console.log(JSON.stringify(record, null, 2));
