/**
 * The build plan the build script hands to Astro (NIANBAO_SITE_PLAN: a JSON file
 * `{"agencies": [...] or null for all, "unidentified": true|false, "aggregates": true|false}`):
 * which agency pages to render, whether to render the page of unidentified
 * reports, and whether to render the pages that aggregate over all reports
 * (home, agency list, method, tables; absent: true). Without it, every page.
 *
 * The build script starts Astro before it has decided the plan and writes the
 * summaries file, then the plan file (whole, by a rename): Astro's start-up
 * takes seconds and overlaps that work. So the plan file is waited for, and the
 * summaries file is read only once it is there (awaitPlan).
 */
import { existsSync, readFileSync } from 'node:fs';

interface Plan {
  agencies: Set<string> | null;
  unidentified: boolean;
  aggregates: boolean;
}

let planned: Plan | null | undefined;

// How often to look for the plan file while the build script makes it.
const POLL_MS = 20;

/** Blocks until `path` exists; throws if the process that was to write it is gone meanwhile. */
function waitForFile(path: string): void {
  const parent = process.ppid;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(path)) {
    if (process.ppid !== parent) throw new Error(`${path}: the build script that was to write the site plan is gone`);
    Atomics.wait(sleeper, 0, 0, POLL_MS);
  }
}

function readPlan(): Plan | null {
  if (planned !== undefined) return planned;
  const path = process.env.NIANBAO_SITE_PLAN;
  if (!path) return (planned = null);
  waitForFile(path);
  const plan = JSON.parse(readFileSync(path, 'utf8')) as { agencies?: unknown; unidentified?: unknown; aggregates?: unknown };
  if (plan.agencies !== null && (!Array.isArray(plan.agencies) || !plan.agencies.every((id) => typeof id === 'string'))) {
    throw new Error(`${path}: the site plan has no "agencies" list of ids (or null)`);
  }
  if (typeof plan.unidentified !== 'boolean') throw new Error(`${path}: the site plan has no "unidentified" true or false`);
  if (plan.aggregates !== undefined && typeof plan.aggregates !== 'boolean') throw new Error(`${path}: the site plan's "aggregates" is not true or false`);
  return (planned = { agencies: plan.agencies === null ? null : new Set(plan.agencies as string[]), unidentified: plan.unidentified, aggregates: plan.aggregates ?? true });
}

/** Returns once the build script's plan is there (at once without one): the summaries file is complete by then. */
export function awaitPlan(): void {
  readPlan();
}

/** The agency ids to render, or null for every agency. */
export function plannedAgencies(): Set<string> | null {
  return readPlan()?.agencies ?? null;
}

/** Whether this build renders the agency's page. */
export function rendersAgency(agencyId: string): boolean {
  const set = plannedAgencies();
  return set === null || set.has(agencyId);
}

/** Whether this build renders the page of unidentified reports. */
export function rendersUnidentified(): boolean {
  return readPlan()?.unidentified ?? true;
}

/** Whether this build renders the pages that aggregate over all reports (site/build/files.ts AGGREGATE_PAGES). */
export function rendersAggregates(): boolean {
  return readPlan()?.aggregates ?? true;
}
