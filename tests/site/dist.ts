/** Helpers over the built site (dist/, or NIANBAO_DIST): list pages, read a CSV of /data/. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export const DIST = resolve(process.env.NIANBAO_DIST ?? 'dist');

export function htmlFiles(dir = DIST): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      // /data/ holds the downloads (and maybe a search bundle); pages live elsewhere, except /data/index.html.
      if (relative(DIST, path) === 'data/reports' || relative(DIST, path) === 'data/markdown' || name === 'pagefind') continue;
      out.push(...htmlFiles(path));
    } else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

/** URL path of a built page: dist/agencies/x/index.html → /agencies/x/ */
export function pagePath(file: string): string {
  return '/' + relative(DIST, file).replace(/\\/g, '/').replace(/index\.html$/, '');
}

export function readDataCsv(name: string): Record<string, string>[] | null {
  const path = join(DIST, 'data', name);
  if (!existsSync(path)) return null;
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Agency ids the site must have a page for: agencies.csv, or the distinct agency_id of reports.csv before it exists. */
export function expectedAgencyIds(): string[] {
  const agencies = readDataCsv('agencies.csv');
  const ids = agencies ? agencies.map((a) => a.agency_id!) : (readDataCsv('reports.csv') ?? []).map((r) => r.agency_id!);
  return [...new Set(ids.filter((id) => id))].sort();
}
