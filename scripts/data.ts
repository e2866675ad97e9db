/**
 * npm run data [-- --content <dir> --out <dir> --strict]
 * Runs the whole pipeline and writes the datasets of the data contract.
 * A bad file is reported and the run goes on; the exit status is non-zero only with --strict.
 */
import { parseArgs } from 'node:util';
import { runPipeline } from '../src/pipeline/run.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'public/data' },
    strict: { type: 'boolean', default: false },
  },
});

const summary = runPipeline({ content: values.content!, out: values.out! });
for (const r of summary.records) {
  for (const f of r.findings.filter((f) => f.severity === 'error')) {
    console.error(`${r.source_file}: ${f.rule} ${f.location}: ${f.message_zh} / ${f.message_en}`);
  }
}
console.log(
  `nianbao data: ${summary.files} files → ${values.out} (ok ${summary.ok}, partial ${summary.partial}, failed ${summary.failed}; ${summary.errors} error findings)`,
);
if (values.strict && summary.errors > 0) process.exit(1);
