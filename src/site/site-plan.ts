/**
 * The build plan the build script hands to Astro (NIANBAO_SITE_PLAN: a JSON file
 * `{"agencies": [...], "unidentified": true|false}`): which agency pages to
 * render, and whether to render the page of unidentified reports. Without it,
 * every page.
 */
import { readFileSync } from 'node:fs';

interface Plan {
  agencies: Set<string>;
  unidentified: boolean;
}

let planned: Plan | null | undefined;

function readPlan(): Plan | null {
  if (planned !== undefined) return planned;
  const path = process.env.NIANBAO_SITE_PLAN;
  if (!path) return (planned = null);
  const plan = JSON.parse(readFileSync(path, 'utf8')) as { agencies?: unknown; unidentified?: unknown };
  if (!Array.isArray(plan.agencies) || !plan.agencies.every((id) => typeof id === 'string')) {
    throw new Error(`${path}: the site plan has no "agencies" list of ids`);
  }
  if (typeof plan.unidentified !== 'boolean') throw new Error(`${path}: the site plan has no "unidentified" true or false`);
  return (planned = { agencies: new Set(plan.agencies), unidentified: plan.unidentified });
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
