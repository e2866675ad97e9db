/**
 * npm run build [-- --content DIR --data DIR --out DIR --cache DIR --clean --only data|site|search]
 *
 * The whole build, its stages top to bottom, each a child process:
 *   data    node scripts/data.ts (or its bundle: src/entry-bundle.ts) --content <content> --out <data>  (type stripping, or tsx's loader: src/typescript-loader.ts)
 *   site    astro, incremental when a previous build is in <out> (src/site/build/site-stage.ts)
 *   search  node scripts/build-search.ts (or its bundle: src/entry-bundle.ts) --data <data>/reports --out <out>/pagefind --cache <cache>/search
 *           (with site: started with --wait at the site stage's start, and told to go when search may run)
 * Site and search both read only the data folder. A full site build uses both
 * cores, so search waits for it; an incremental one renders a few pages on one
 * core, so search (one shard or none to rebuild) runs beside it.
 * One line per stage, `build: <stage> <seconds> s`; the exit status is non-zero
 * when a stage fails, and the stages after it do not run. `--only` takes one
 * stage or a comma-separated list (`--only data,site`). `--clean` builds the site
 * from nothing (the output folder and the site cache are removed first).
 * Defaults: content, public/data, dist, and .cache/site/<out's name>-<hash>.
 */
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runChild, startPipedChild, type PipedChild } from '../src/site/build/child.ts';
import { dataEntry, searchEntry } from '../src/entry-bundle.ts';
import { TYPESCRIPT_NODE_ARGS } from '../src/typescript-loader.ts';

const STAGES = ['data', 'site', 'search'] as const;
type Stage = (typeof STAGES)[number];

const root = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    data: { type: 'string', default: 'public/data' },
    out: { type: 'string', default: 'dist' },
    cache: { type: 'string' },
    clean: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

function stagesToRun(only: string | undefined): Stage[] {
  if (only === undefined) return [...STAGES];
  const asked = only.split(',').map((s) => s.trim());
  const unknown = asked.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    console.error(`build: unknown stage ${unknown.join(', ')} (stages: ${STAGES.join(', ')})`);
    process.exit(2);
  }
  return STAGES.filter((s) => asked.includes(s));
}

const content = resolve(values.content!);
const data = resolve(values.data!);
const out = resolve(values.out!);
// The cache is keyed by the output folder, so two outputs never share a summaries file.
const cache = resolve(values.cache ?? join(root, '.cache/site', `${basename(out)}-${createHash('sha256').update(out).digest('hex').slice(0, 8)}`));

/** A stage's command line: from its bundle when there is one (src/entry-bundle.ts). */
const nodeArgs = (entry: string): string[] => [...(entry.endsWith('.ts') ? TYPESCRIPT_NODE_ARGS : []), entry];

/** The search stage's command line. */
async function searchArgs(): Promise<string[]> {
  const entry = await searchEntry();
  return [...nodeArgs(entry), '--data', join(data, 'reports'), '--out', join(out, 'pagefind'), '--cache', join(cache, 'search')];
}

/** The search stage's process when it was started ahead, waiting for its go (build-search.ts --wait). */
let waitingSearch: PipedChild | null = null;

/** Called once the site stage knows whether its build is incremental (before it reads the reports), with whether search may run beside it. */
type PlanListener = (overlap: boolean) => void;

async function runStage(stage: Stage, onSitePlan: PlanListener = () => {}): Promise<void> {
  if (stage === 'data') {
    const status = await runChild(process.execPath, [...nodeArgs(await dataEntry()), '--content', content, '--out', data], { cwd: root });
    if (status !== 0) throw new Error(`scripts/data.ts exited with status ${status}`);
  } else if (stage === 'site') {
    // Loaded only when the site stage runs: `--only data` needs none of it.
    const { runSiteStage } = await import('../src/site/build/site-stage.ts');
    const result = await runSiteStage({ root, data, out, cache, clean: values.clean!, onMode: (mode) => onSitePlan(mode === 'incremental') }, (line) => console.log(`build: ${line}`));
    const d = result.data;
    console.log(`build: site summaries ${result.summaries.read} read, ${result.summaries.reused} reused; data files ${d.placed} placed, ${d.unchanged} unchanged, ${d.removed} removed`);
    console.log(`build: site phases ${result.phases.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')}`);
  } else {
    let status: number;
    if (waitingSearch) {
      waitingSearch.send('go');
      waitingSearch.close();
      status = await waitingSearch.status;
    } else status = await runChild(process.execPath, await searchArgs(), { cwd: root });
    if (status !== 0) throw new Error(`scripts/build-search.ts exited with status ${status}`);
  }
}

/** Runs a stage and prints its line; false when it failed. */
async function timedStage(stage: Stage, onSitePlan?: PlanListener): Promise<boolean> {
  const start = performance.now();
  try {
    await runStage(stage, onSitePlan);
  } catch (error) {
    console.error(`build: ${stage} failed: ${error instanceof Error ? error.message : String(error)}`);
    console.log(`build: ${stage} ${((performance.now() - start) / 1000).toFixed(1)} s (failed)`);
    return false;
  }
  console.log(`build: ${stage} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return true;
}

const stages = stagesToRun(values.only);
if (stages.includes('data') && !(await timedStage('data'))) process.exit(1);
if (stages.includes('site') && stages.includes('search')) {
  // Search starts beside an incremental site stage, or after a full one. Its process starts now and waits for
  // its go: Node's start-up and the loading of its modules overlap the site stage's (it reads nothing before).
  const ahead = startPipedChild(process.execPath, [...(await searchArgs()), '--wait'], { cwd: root });
  waitingSearch = ahead;
  let search: Promise<boolean> | null = null;
  const site = await timedStage('site', (overlap) => {
    if (overlap) search = timedStage('search');
  });
  if (!site) {
    if (search) await search;
    else {
      // Told nothing but the end of its input, it ends without building.
      ahead.close();
      await ahead.status.catch(() => {});
    }
    process.exit(1);
  }
  if (!(await (search ?? timedStage('search')))) process.exit(1);
} else {
  for (const stage of stages.filter((s) => s !== 'data')) if (!(await timedStage(stage))) process.exit(1);
}
