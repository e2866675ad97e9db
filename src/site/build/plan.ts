/**
 * What the site stage must render, decided from what the previous build recorded
 * (`<out>/.nianbao-build.json`) and the inputs now. Pure.
 *
 * An agency page depends only on its own reports (their JSON and whether their
 * Markdown exists), on which top-level data files exist (footer and report
 * links), and on the site's sources. So does the page of unidentified reports
 * (the reports without an agency), the one other page that shows whole reports.
 * Everything else the site renders aggregates over all reports (a handful of
 * pages): rendered again when any report's summary changed (renderAggregates),
 * and every time for the data page and the search page (cheap).
 */
import { byCodeUnits as byId } from '../../compare.ts';

/** One report as the site stage sees it: what its agency page depends on. */
export interface ReportInput {
  report_id: string;
  agency_id: string | null;
  /** sha256 of `<data>/reports/<report_id>.json`. */
  sha256: string;
  /** Whether `<data>/markdown/<report_id>.md` exists (the page links to it). */
  markdown: boolean;
}

/** What a site build was made from; written into the output folder after a successful site stage. */
export interface BuildState {
  version: number;
  /** Fingerprint of the site's sources (src/**, public assets, astro.config.mjs, package-lock.json, Astro's version). */
  site: string;
  /** Names of the top-level files and folders of the data folder, sorted. */
  data_names: string[];
  /** Sorted by report_id. */
  reports: ReportInput[];
  /** What the pages aggregating over all reports were made from (summaries-file.ts digest); absent before it is known. */
  summaries?: string;
}

export const STATE_VERSION = 1;

/** `render`: the agency pages to render; `unidentified`: whether to render the page of unidentified reports. */
export type SitePlan =
  | { mode: 'full'; reason: string; render: string[]; unidentified: true }
  | { mode: 'incremental'; reason: string; render: string[]; keep: string[]; removed: string[]; unidentified: boolean };


/** Distinct agency ids of the reports, sorted. */
export function agencyIds(reports: readonly ReportInput[]): string[] {
  return [...new Set(reports.map((r) => r.agency_id).filter((id): id is string => id !== null))].sort(byId);
}

function sameInput(a: ReportInput, b: ReportInput): boolean {
  return a.sha256 === b.sha256 && a.agency_id === b.agency_id && a.markdown === b.markdown;
}

/** Agencies whose page may differ between the two sets of reports: any agency that had or has a changed, added or removed report. */
export function changedAgencies(previous: readonly ReportInput[], next: readonly ReportInput[]): Set<string> {
  const before = new Map(previous.map((r) => [r.report_id, r]));
  const after = new Map(next.map((r) => [r.report_id, r]));
  const changed = new Set<string>();
  const mark = (r: ReportInput | undefined) => {
    if (r?.agency_id) changed.add(r.agency_id);
  };
  for (const [id, r] of after) {
    const old = before.get(id);
    if (!old || !sameInput(old, r)) {
      mark(old);
      mark(r);
    }
  }
  for (const [id, old] of before) if (!after.has(id)) mark(old);
  return changed;
}

/** Whether a report without an agency was changed, added or removed (or lost or gained its agency). */
export function unidentifiedChanged(previous: readonly ReportInput[], next: readonly ReportInput[]): boolean {
  const before = new Map(previous.map((r) => [r.report_id, r]));
  const after = new Set(next.map((r) => r.report_id));
  for (const r of next) {
    const old = before.get(r.report_id);
    if ((r.agency_id === null || old?.agency_id === null) && (!old || !sameInput(old, r))) return true;
  }
  return previous.some((r) => r.agency_id === null && !after.has(r.report_id));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export interface PlanContext {
  /** --clean was given. */
  clean: boolean;
  /** The output folder holds a whole previous site (its home page exists). */
  outputComplete: boolean;
  /** Whether the output folder has the agency's page (a kept page that is missing is rendered again). */
  hasAgencyPage: (agencyId: string) => boolean;
  /** Whether the output folder has the page of unidentified reports. */
  hasUnidentifiedPage: () => boolean;
}

/** What the build mode depends on: everything of the state but the reports, which take longest to read. */
export type ModeInputs = Pick<BuildState, 'version' | 'site' | 'data_names'>;

/**
 * Why the build must be full, or null when it is incremental: known before the
 * reports are read, so the search stage may start beside an incremental one
 * that much earlier (scripts/build.ts).
 */
export function fullBuildReason(previous: ModeInputs | null, next: ModeInputs, context: Pick<PlanContext, 'clean' | 'outputComplete'>): string | null {
  if (context.clean) return '--clean';
  if (!previous || !context.outputComplete) return 'no previous build in the output folder';
  if (previous.version !== next.version) return 'the build state format changed';
  if (previous.site !== next.site) return 'site sources changed';
  if (!sameList(previous.data_names, next.data_names)) return 'the data folder has other top-level files';
  return null;
}

/** A full build unless a complete previous build with the same site sources and data files exists; then only changed agencies. */
export function decidePlan(previous: BuildState | null, next: BuildState, context: PlanContext): SitePlan {
  const all = agencyIds(next.reports);
  const reason = fullBuildReason(previous, next, context);
  if (reason !== null || !previous) return { mode: 'full', reason: reason ?? 'no previous build in the output folder', render: all, unidentified: true };
  const changed = changedAgencies(previous.reports, next.reports);
  for (const id of all) if (!changed.has(id) && !context.hasAgencyPage(id)) changed.add(id);
  const now = new Set(all);
  const render = all.filter((id) => changed.has(id));
  const keep = all.filter((id) => !changed.has(id));
  const removed = [...changed].filter((id) => !now.has(id)).sort(byId);
  const reports = next.reports.filter((r) => r.agency_id !== null && changed.has(r.agency_id)).length;
  const unidentified = unidentifiedChanged(previous.reports, next.reports) || !context.hasUnidentifiedPage();
  return { mode: 'incremental', reason: `${render.length} agencies (${reports} reports) changed, ${removed.length} gone`, render, keep, removed, unidentified };
}

/** Whether the pages that aggregate over all reports must be rendered: always in a full build, else when a summary changed. */
export function renderAggregates(plan: SitePlan, previous: BuildState | null, summariesDigest: string): boolean {
  return plan.mode === 'full' || previous?.summaries !== summariesDigest;
}

/**
 * The data files an incremental build knows to be those its previous build
 * mirrored into `<out>/data`, as paths relative to the data folder: the JSON
 * and the Markdown of every report whose input is unchanged. The JSON by its
 * sha256; the Markdown is made from the report alone by the data stage, whose
 * code (src/pipeline) the site fingerprint covers, and an incremental plan
 * needs the same fingerprint. The previous state was written only after its
 * mirror was complete. None in a full build.
 */
export function knownDataFiles(plan: SitePlan, previous: BuildState | null, next: BuildState): (path: string) => boolean {
  if (plan.mode !== 'incremental' || !previous) return () => false;
  const before = new Map(previous.reports.map((r) => [r.report_id, r]));
  const paths = new Set<string>();
  for (const r of next.reports) {
    const old = before.get(r.report_id);
    if (!old || !sameInput(old, r)) continue;
    paths.add(`reports/${r.report_id}.json`);
    if (r.markdown) paths.add(`markdown/${r.report_id}.md`);
  }
  return (path) => paths.has(path);
}
