/**
 * The site stage of scripts/build.ts, read top to bottom:
 * start Astro (its start-up overlaps what follows; it waits for its plan) →
 * read the previous build's state → read the inputs (the mode is told as soon
 * as it is known, before the reports are read) → decide the plan → write
 * the summaries file and the part of it the render reads, then the plan → Astro renders into a scratch folder
 * (meanwhile the data folder is mirrored, the files of unchanged reports taken as they are) → replace the pages the plan renders →
 * record the state.
 * The output after an incremental build is byte for byte the output of a clean one.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { writeSummariesFile, type SummaryCounts } from '../summaries-file.ts';
import { packageBin, runChild } from './child.ts';
import { AGGREGATE_PAGES, clearRender, copyInto, mirrorTree, moveInto, remove, removeFile, STATE_FILE, type MirrorCounts } from './files.ts';
import { dataNames, readReportInputs, siteFingerprint } from './inputs.ts';
import { decidePlan, fullBuildReason, knownDataFiles, renderAggregates, STATE_VERSION, type BuildState, type SitePlan } from './plan.ts';
import { renderedReportIds, writeRenderSummaries } from './render-summaries.ts';

export interface SiteOptions {
  /** The repository (Astro project) root. */
  root: string;
  data: string;
  out: string;
  /** Folder for the summaries file, the plan and the scratch render. */
  cache: string;
  clean: boolean;
  /** Told the plan's mode as soon as it is known, before the reports are read (the plan then says the same). */
  onMode?: (mode: SitePlan['mode']) => void;
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

/** The summaries file Astro reads: the summaries of the reports whose pages it renders. */
const RENDER_SUMMARIES = 'summaries-render.tsv';

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

/**
 * A larger young generation: the aggregate pages parse tens of MB of summaries
 * into short-lived objects, and with the default semi-space a quarter of
 * Astro's time went to scavenges.
 */
const ASTRO_SEMI_SPACE_MB = 64;

function astroNodeOptions(inherited: string): string {
  const options = [inherited];
  if (!inherited.includes('--max-old-space-size')) options.push(`--max-old-space-size=${ASTRO_HEAP_MB}`);
  if (!inherited.includes('--max-semi-space-size')) options.push(`--max-semi-space-size=${ASTRO_SEMI_SPACE_MB}`);
  return options.join(' ').trim();
}

/**
 * Astro renders on one thread, so a build of many agency pages is split
 * between two Astro processes (NIANBAO_SITE_RENDERS, default one per core, at
 * most 2; when set, also for small builds), each rendering every other agency page. Both also render the
 * aggregate pages, whose output is taken from the first; a page comes out the
 * same whichever process renders it (an incremental build relies on that too).
 */
const SPLIT_FROM_PAGES = 1000;

function renderCount(pages: number): number {
  const asked = Number(process.env.NIANBAO_SITE_RENDERS);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, Math.max(1, pages));
  return pages < SPLIT_FROM_PAGES ? 1 : Math.min(2, availableParallelism());
}

/** What one Astro process renders besides the aggregate pages (site-plan.ts reads it); agencies null: every agency. */
interface RenderPart {
  agencies: readonly string[] | null;
  /** The page of unidentified reports. */
  unidentified: boolean;
  /** The pages that aggregate over all reports (files.ts AGGREGATE_PAGES). */
  aggregates: boolean;
}

/** A started Astro build. It waits for its plan file (site-plan.ts) before it reads the plan or the summaries. */
interface AstroProcess {
  planFile: string;
  done: Promise<void>;
  abort: () => void;
}

/** Starts one Astro build into `outDir`, before its plan is known (givePlan). */
function startAstro(o: SiteOptions, outDir: string, index: number): AstroProcess {
  remove(outDir);
  const planFile = join(o.cache, `plan-${index}.json`);
  // A plan left by an earlier build must not be taken for this one's.
  removeFile(planFile);
  const env: Record<string, string> = {
    NODE_OPTIONS: astroNodeOptions(process.env.NODE_OPTIONS ?? ''),
    NIANBAO_DATA_DIR: o.data,
    // What the pages to render read of the summaries file (render-summaries.ts).
    NIANBAO_SUMMARIES: join(o.cache, RENDER_SUMMARIES),
    NIANBAO_SITE_PLAN: planFile,
    NIANBAO_PUBLIC_DIR: join(o.cache, 'public-empty'),
    // Astro's and Vite's own cache, one per process when two build at once.
    NIANBAO_ASTRO_CACHE_DIR: join(o.cache, `astro-${index}`, 'cache'),
    // Compiled code of Astro, Vite and their dependencies kept between builds (Node checks it against the sources): start-up loads ~1,000 modules.
    NODE_COMPILE_CACHE: join(o.root, '.cache', 'node-compile-cache'),
    // No usage report sent at the end of every build.
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  // Astro writes its server bundle under the working folder when the output is outside it: one folder per
  // process, where the bundle finds the project's packages through a link.
  const cwd = join(o.cache, `astro-${index}`);
  mkdirSync(cwd, { recursive: true });
  if (!existsSync(join(cwd, 'node_modules'))) symlinkSync(join(o.root, 'node_modules'), join(cwd, 'node_modules'), 'dir');
  const controller = new AbortController();
  const args = [packageBin(o.root, 'astro'), 'build', '--root', o.root, '--outDir', outDir];
  const done = runChild(process.execPath, args, { cwd, env, signal: controller.signal }).then((status) => {
    if (status !== 0) throw new Error(`astro build exited with status ${status}`);
  });
  // Failures are awaited where the render is; this keeps an early one from going unhandled meanwhile.
  done.catch(() => {});
  return { planFile, done, abort: () => controller.abort() };
}

/** Hands a started Astro process its plan: written whole, then renamed into place, as the process looks for it. */
function givePlan(p: AstroProcess, part: RenderPart): void {
  writeFileSync(`${p.planFile}.tmp`, `${JSON.stringify(part)}\n`);
  renameSync(`${p.planFile}.tmp`, p.planFile);
}

/** Stops started Astro processes and waits for them to end. */
async function stopAll(processes: readonly AstroProcess[]): Promise<void> {
  for (const p of processes) p.abort();
  await Promise.allSettled(processes.map((p) => p.done));
}

function preparePublicDir(o: SiteOptions): void {
  const publicDir = join(o.cache, 'public-empty');
  remove(publicDir);
  mkdirSync(publicDir, { recursive: true });
}

/**
 * Renders the plan into `scratch`: `first` (already started) takes the first part, further processes the rest.
 * `aggregates`: whether the pages that aggregate over all reports are rendered (by the first process only).
 */
async function render(o: SiteOptions, plan: SitePlan, scratch: string, first: AstroProcess, aggregates: boolean): Promise<void> {
  const count = renderCount(plan.render.length);
  // Only the first process renders the aggregate pages and the page of unidentified reports.
  const parts = Array.from({ length: count }, (_, part): RenderPart => ({
    agencies: plan.mode === 'full' && count === 1 ? null : plan.render.filter((_, i) => i % count === part),
    unidentified: part === 0 && plan.unidentified,
    aggregates: part === 0 && aggregates,
  }));
  const dirs = parts.map((_, part) => (part === 0 ? scratch : `${scratch}-${part}`));
  givePlan(first, parts[0]!);
  const processes = [first];
  try {
    for (let part = 1; part < count; part++) {
      processes.push(startAstro(o, dirs[part]!, part));
      givePlan(processes[part]!, parts[part]!);
    }
    await Promise.all(processes.map((p) => p.done));
  } catch (error) {
    await stopAll(processes);
    throw error;
  }
  for (const dir of dirs.slice(1)) {
    moveInto(join(dir, 'agencies'), join(scratch, 'agencies'));
    remove(dir);
  }
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
  const scratch = join(o.cache, 'render');
  preparePublicDir(o);
  // The first Astro process starts before anything is decided, even before the previous state is read: its
  // start-up (loading Astro and Vite, bundling the pages) takes seconds and needs neither the plan nor the
  // summaries, which this process makes meanwhile. It waits for its plan file, written once the summaries file is complete.
  const first = startAstro(o, scratch, 0);
  const previous = readState(o.out);
  let rendering: Promise<void> | null = null;
  let data: MirrorCounts;
  let plan: SitePlan;
  let next: BuildState;
  let summaries: SummaryCounts;
  let aggregates = true;
  try {
    const outputComplete = existsSync(join(o.out, 'index.html'));
    next = await time('inputs', (): BuildState => {
      const mode = { version: STATE_VERSION, site: siteFingerprint(o.root), data_names: dataNames(o.data) };
      o.onMode?.(fullBuildReason(previous, mode, { clean: o.clean, outputComplete }) === null ? 'incremental' : 'full');
      return { ...mode, reports: readReportInputs(o.data, previous?.reports ?? []) };
    });
    plan = decidePlan(previous, next, {
      clean: o.clean,
      outputComplete,
      hasAgencyPage: (id) => existsSync(join(o.out, 'agencies', id, 'index.html')),
      hasUnidentifiedPage: () => existsSync(join(o.out, 'reports', 'unidentified', 'index.html')),
    });
    log(`site plan: ${plan.mode} (${plan.reason}), ${plan.render.length} agency pages to render${plan.unidentified ? '' : ', the page of unidentified reports kept'}`);
    summaries = await time('summaries', () => prepareSummaries(o.cache, o.data, next));
    next.summaries = summaries.digest;
    // Kept aggregate pages must all be there (an output folder someone pruned gets them again).
    aggregates = renderAggregates(plan, previous, summaries.digest) || AGGREGATE_PAGES.some((page) => !existsSync(join(o.out, page)));
    if (!aggregates) log('site plan: no summary changed, the aggregate pages kept');
    const withAggregates = aggregates;
    await time('render summaries', () => {
      const agencies = plan.mode === 'full' || withAggregates ? null : new Set(plan.render);
      const ids = renderedReportIds(next.reports, { agencies, unidentified: plan.unidentified });
      writeRenderSummaries(join(o.cache, 'summaries.tsv'), join(o.cache, RENDER_SUMMARIES), ids);
    });
    // From here the output folder changes: without the state file a failed run leads to a full build next time.
    removeFile(join(o.out, STATE_FILE));
    // Astro renders in child processes (into the scratch folder) while this one mirrors the data folder into
    // <out>/data, which the render does not touch (its data/index.html is moved in afterwards).
    // The astro phase counts from the plan on: the first process's start-up overlaps the phases before.
    rendering = time('astro', () => render(o, plan, scratch, first, withAggregates));
    const known = knownDataFiles(plan, previous, next);
    data = await time('data', () => mirrorTree(o.data, join(o.out, 'data'), new Set(['index.html']), undefined, known));
    await rendering;
  } catch (error) {
    await stopAll([first]);
    await rendering?.catch(() => {});
    throw error;
  }
  const kept = plan;
  await time('move', () => {
    clearRender(o.out, { agencies: new Set(kept.mode === 'incremental' ? kept.keep : []), unidentified: !kept.unidentified, aggregates: !aggregates });
    moveInto(scratch, o.out);
    remove(scratch);
  });
  writeFileSync(join(o.out, STATE_FILE), `${JSON.stringify(next)}\n`);
  return { plan, summaries, data, phases };
}
