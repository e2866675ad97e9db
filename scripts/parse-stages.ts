/**
 * node scripts/parse-stages.ts [--content DIR] [--count 3000] [--passes 3]
 *
 * Where parseReport's time goes: each stage of src/pipeline/report.ts timed on
 * its own over the same reports, µs per report, one line per pass (read the
 * last: the first includes V8's warm-up). For parser speed work; compare two
 * checkouts by running each one's copy back to back on an idle machine.
 * Default content: the 10,000-report bench corpus (npm run bench).
 */
import { parseArgs } from 'node:util';
import { cleanText } from '../src/pipeline/clean.ts';
import { decodeBytes } from '../src/pipeline/decode.ts';
import { htmlToText } from '../src/pipeline/html.ts';
import { extractMetadata } from '../src/pipeline/metadata/index.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from '../src/pipeline/read.ts';
import { parseReport } from '../src/pipeline/report.ts';
import { segmentReport } from '../src/pipeline/segment.ts';
import { parseTables } from '../src/pipeline/tables/index.ts';
import { validateReport } from '../src/pipeline/validate/index.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: '/tmp/nianbao-bench/n10000/corpus/content' },
    count: { type: 'string', default: '3000' },
    passes: { type: 'string', default: '3' },
  },
});
const manifest = readSourcesManifest(values.content!);
const sample = listContentFiles(values.content!).slice(0, Number(values.count)).map((p) => readInputFile(values.content!, p, manifest));
const STAGES = ['decode', 'html', 'clean', 'segment', 'metadata', 'tables', 'validate'] as const;
const us = (ms: number) => `${((ms / sample.length) * 1000).toFixed(0)} µs`;

for (let pass = 1; pass <= Number(values.passes); pass++) {
  const spent = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<(typeof STAGES)[number], number>;
  let t = 0;
  const lap = (stage: (typeof STAGES)[number]) => {
    const now = performance.now();
    spent[stage] += now - t;
    t = now;
  };
  for (const file of sample) {
    t = performance.now();
    const decoded = decodeBytes(file.bytes, file.path);
    lap('decode');
    if (!decoded.value) continue;
    const plain = decoded.value.isHtml ? htmlToText(decoded.value.text) : decoded.value.text;
    lap('html');
    const cleaned = cleanText(plain);
    lap('clean');
    const segmented = segmentReport(cleaned.text);
    const sections = segmented.value;
    lap('segment');
    const meta = extractMetadata(cleaned.text, sections);
    lap('metadata');
    const tables = parseTables({ sections, text: cleaned.text, year: meta.value.year, sourceText: plain });
    lap('tables');
    validateReport({ metadata: { ...meta.value, template: tables.value.applications.template }, sections, tables: tables.value, text: cleaned.text, partStarts: segmented.partStarts });
    lap('validate');
  }
  const start = performance.now();
  for (const file of sample) parseReport(file);
  const whole = performance.now() - start;
  console.log(`pass ${pass}: ${STAGES.map((s) => `${s} ${us(spent[s])}`).join(', ')}; parseReport ${us(whole)} (${sample.length} reports)`);
}
