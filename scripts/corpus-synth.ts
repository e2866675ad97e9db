/**
 * npm run corpus:synth -- --count N --seed S --out DIR [--no-truth]
 * Writes N generated reports to DIR/content (with sources.json) and their
 * ground truth to DIR/truth. Same seed and count, byte-identical files.
 */
import { parseArgs } from 'node:util';
import { writeCorpus } from '../src/synth/write.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100' },
    seed: { type: 'string', default: 'nianbao' },
    out: { type: 'string' },
    'no-truth': { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
if (!values.out || !Number.isInteger(count) || count < 0) {
  console.error('usage: npm run corpus:synth -- --count N --seed S --out DIR [--no-truth]');
  process.exit(2);
}
const started = Date.now();
const summary = writeCorpus(values.out, values.seed!, count, undefined, !values['no-truth']);
console.log(`corpus:synth: ${summary.files} reports (${(summary.bytes / 1e6).toFixed(1)} MB) → ${summary.content}${values['no-truth'] ? '' : `, truth → ${summary.truth}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
