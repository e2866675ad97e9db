/**
 * The build plan the build script hands to Astro (NIANBAO_SITE_PLAN: a JSON file
 * `{"agencies": [...]}`): which agency pages to render. Without it, all of them.
 */
import { readFileSync } from 'node:fs';

let planned: Set<string> | null | undefined;

/** The agency ids to render, or null for every agency. */
export function plannedAgencies(): Set<string> | null {
  if (planned !== undefined) return planned;
  const path = process.env.NIANBAO_SITE_PLAN;
  if (!path) return (planned = null);
  const plan = JSON.parse(readFileSync(path, 'utf8')) as { agencies?: unknown };
  if (!Array.isArray(plan.agencies) || !plan.agencies.every((id) => typeof id === 'string')) {
    throw new Error(`${path}: the site plan has no "agencies" list of ids`);
  }
  return (planned = new Set(plan.agencies));
}

/** Whether this build renders the agency's page. */
export function rendersAgency(agencyId: string): boolean {
  const set = plannedAgencies();
  return set === null || set.has(agencyId);
}
