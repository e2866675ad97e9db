/**
 * npm run data [-- --content <dir> --out <dir> --strict]
 * Runs the whole pipeline and writes the datasets of the data contract.
 * Parsing uses all cores and the parse cache (NIANBAO_WORKERS, NIANBAO_CACHE_DIR=off, NIANBAO_PARSE_TIMEOUT_MS);
 * the emit stage writes only files whose bytes changed and keeps its own cache
 * beside the parse cache (.cache/emit, or $NIANBAO_CACHE_DIR/emit).
 * A bad file is reported with its name and reason and the run goes on; the
 * exit status is non-zero only with --strict, when any error-level finding
 * (or a corrections entry that could not apply) exists.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveOptions } from '../src/pipeline/parallel/index.ts';
import { runPipeline } from '../src/pipeline/run.ts';

if (process.env.NIANBAO_TIMINGS === '1') process.stderr.write(`timings: data start-up (node + imports) ${(process.uptime() * 1000).toFixed(0)} ms wall, ${((process.cpuUsage().user + process.cpuUsage().system) / 1000).toFixed(0)} ms cpu\n`);

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'public/data' },
    strict: { type: 'boolean', default: false },
  },
});

if (!existsSync(values.content!) || !statSync(values.content!).isDirectory()) {
  console.error(`nianbao data: content folder ${values.content} does not exist or is not a folder`);
  process.exit(2);
}

// Parsing in this thread (NIANBAO_WORKERS=0) is the only case where this thread needs the parser: load it only then.
const inThread = resolveOptions({}).workers <= 0 ? (await import('../src/pipeline/report.ts')).parseReport : undefined;
const summary = runPipeline({ content: values.content!, out: values.out!, parse: { inThread } });
for (const r of [...summary.reports].sort((a, b) => (a.source_file < b.source_file ? -1 : 1))) {
  for (const f of r.errors) {
    console.error(`${r.source_file}: ${f.rule} ${f.location}: ${f.message_zh} / ${f.message_en}`);
  }
}
for (const p of summary.problems) console.error(p);
console.log(
  `nianbao data: ${summary.files} files → ${values.out} (ok ${summary.ok}, partial ${summary.partial}, failed ${summary.failed}; ${summary.errors} error findings; ${summary.written.length} dataset files; parsed ${summary.parseStats.parsed}, cached ${summary.parseStats.cached}, timed out ${summary.parseStats.timedOut})`,
);
if (values.strict && (summary.errors > 0 || summary.problems.length > 0)) process.exit(1);
