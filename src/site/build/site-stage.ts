/**
 * The site stage of scripts/build.ts, read top to bottom:
 * read the previous build's state → read the inputs → decide the plan →
 * write the summaries file and the plan → Astro renders into a scratch folder →
 * replace the pages the plan renders → mirror the data folder → record the state.
 * The output after an incremental build is byte for byte the output of a clean one.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeSummariesFile, type SummaryCounts } from '../summaries-file.ts';
import { packageBin, runChild } from './child.ts';
import { clearRender, copyInto, mirrorTree, moveInto, remove, removeFile, STATE_FILE, type MirrorCounts } from './files.ts';
import { dataNames, readReportInputs, siteFingerprint } from './inputs.ts';
import { decidePlan, STATE_VERSION, type BuildState, type SitePlan } from './plan.ts';

export interface SiteOptions {
  /** The repository (Astro project) root. */
  root: string;
  data: string;
  out: string;
  /** Folder for the summaries file, the plan and the scratch render. */
  cache: string;
  clean: boolean;
}

export interface SiteResult {
  plan: SitePlan;
  summaries: SummaryCounts;
  data: MirrorCounts;
  /** Wall seconds of each phase, in order. */
  phases: [string, number][];
}

/** Runs phases one after the other and keeps their wall times. */
function phaseTimer() {
  const phases: [string, number][] = [];
  const time = async <T,>(name: string, run: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await run();
    phases.push([name, (performance.now() - start) / 1000]);
    return result;
  };
  return { phases, time };
}

function readState(out: string): BuildState | null {
  const path = join(out, STATE_FILE);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BuildState;
  } catch {
    return null;
  }
}

/** The summaries file, dropped when the site's sources changed (its summaries were made by that code). */
function prepareSummaries(cache: string, data: string, state: BuildState): SummaryCounts {
  const file = join(cache, 'summaries.tsv');
  const madeBy = join(cache, 'summaries.site');
  if (!existsSync(madeBy) || readFileSync(madeBy, 'utf8') !== state.site) remove(file);
  const counts = writeSummariesFile(file, data, state.reports);
  writeFileSync(madeBy, state.site);
  return counts;
}

/**
 * Node's default heap limit (about 4 GB) is below what Astro needs for the
 * summaries of ~100,000 reports; a higher limit reserves nothing until used.
 */
const ASTRO_HEAP_MB = 16384;

function astroNodeOptions(inherited: string): string {
  return inherited.includes('--max-old-space-size') ? inherited : `${inherited} --max-old-space-size=${ASTRO_HEAP_MB}`.trim();
}

async function render(o: SiteOptions, plan: SitePlan, scratch: string): Promise<void> {
  const publicDir = join(o.cache, 'public-empty');
  remove(scratch);
  remove(publicDir);
  mkdirSync(publicDir, { recursive: true });
  const env: Record<string, string> = {
    NODE_OPTIONS: astroNodeOptions(process.env.NODE_OPTIONS ?? ''),
    NIANBAO_DATA_DIR: o.data,
    NIANBAO_SUMMARIES: join(o.cache, 'summaries.tsv'),
    NIANBAO_PUBLIC_DIR: publicDir,
  };
  if (plan.mode === 'incremental') {
    env.NIANBAO_SITE_PLAN = join(o.cache, 'plan.json');
    writeFileSync(env.NIANBAO_SITE_PLAN, `${JSON.stringify({ agencies: plan.render })}\n`);
  }
  const status = await runChild(process.execPath, [packageBin(o.root, 'astro'), 'build', '--outDir', scratch], { cwd: o.root, env });
  if (status !== 0) throw new Error(`astro build exited with status ${status}`);
  // public/data is the data stage's default output: the data folder is mirrored below instead.
  copyInto(join(o.root, 'public'), scratch, new Set(['data']));
}

export async function runSiteStage(options: SiteOptions, log: (line: string) => void): Promise<SiteResult> {
  const o = { ...options, data: resolve(options.data), out: resolve(options.out), cache: resolve(options.cache) };
  if (!existsSync(join(o.data, 'reports'))) throw new Error(`${o.data}: no reports folder; run the data stage first`);
  const { phases, time } = phaseTimer();
  if (o.clean) {
    remove(o.out);
    remove(o.cache);
  }
  mkdirSync(o.cache, { recursive: true });
  const previous = readState(o.out);
  const next = await time('inputs', (): BuildState => ({
    version: STATE_VERSION,
    site: siteFingerprint(o.root),
    data_names: dataNames(o.data),
    reports: readReportInputs(o.data, previous?.reports ?? []),
  }));
  const plan = decidePlan(previous, next, {
    clean: o.clean,
    outputComplete: existsSync(join(o.out, 'index.html')),
    hasAgencyPage: (id) => existsSync(join(o.out, 'agencies', id, 'index.html')),
  });
  log(`site plan: ${plan.mode} (${plan.reason}), ${plan.render.length} agency pages to render`);
  const summaries = await time('summaries', () => prepareSummaries(o.cache, o.data, next));
  const scratch = join(o.cache, 'render');
  await time('astro', () => render(o, plan, scratch));
  await time('move', () => {
    // From here the output folder changes: without the state file a failed run leads to a full build next time.
    removeFile(join(o.out, STATE_FILE));
    clearRender(o.out, { agencies: new Set(plan.mode === 'incremental' ? plan.keep : []) });
    moveInto(scratch, o.out);
    remove(scratch);
  });
  const data = await time('data', () => mirrorTree(o.data, join(o.out, 'data'), new Set(['index.html'])));
  writeFileSync(join(o.out, STATE_FILE), `${JSON.stringify(next)}\n`);
  return { plan, summaries, data, phases };
}
