/**
 * Reads what the site is built from: the fingerprint of its sources, the data
 * folder's top-level names, and one ReportInput per report — from the data
 * stage's `report-index.json` when it is there, else by hashing the files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ReportInput } from './plan.ts';
import { byCodeUnits as byId } from '../../compare.ts';

// Hashed here rather than with pipeline/read.ts's helper: importing the reader loads its decoders (~0.3 s per start).
const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Every file under dir, as paths relative to root with `/`, sorted; `skip` is matched against those paths. */
function filesUnder(root: string, dir: string, skip: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort(byId)) {
    const path = join(dir, name);
    const rel = relative(root, path).split('\\').join('/');
    if (skip(rel)) continue;
    if (statSync(path).isDirectory()) out.push(...filesUnder(root, path, skip));
    else out.push(rel);
  }
  return out;
}

/** The site's sources, as the files whose change makes every page suspect. */
export function siteSourceFiles(root: string): string[] {
  const single = ['astro.config.mjs', 'package-lock.json', 'tsconfig.json', 'scripts/build.ts'].filter((f) => existsSync(join(root, f)));
  const src = filesUnder(root, join(root, 'src'), () => false);
  // public/data is the data stage's default output, not a site source.
  const assets = filesUnder(root, join(root, 'public'), (p) => p === 'public/data');
  return [...single, ...src, ...assets].sort(byId);
}

/** sha256 over every source file's path and content, the installed Astro version, and Node's and ICU's (collation sorts some lists). */
export function siteFingerprint(root: string): string {
  const hash = createHash('sha256');
  const astro = JSON.parse(readFileSync(join(root, 'node_modules/astro/package.json'), 'utf8')) as { version: string };
  hash.update(`astro ${astro.version}\nnode ${process.versions.node}\nicu ${process.versions.icu ?? ''}\n`);
  for (const file of siteSourceFiles(root)) hash.update(`${file} ${sha256Hex(readFileSync(join(root, file)))}\n`);
  return hash.digest('hex');
}

/** Top-level names of the data folder, sorted (pages link to some of them when they exist). */
export function dataNames(dataDir: string): string[] {
  return existsSync(dataDir) ? readdirSync(dataDir).sort(byId) : [];
}

interface IndexEntry {
  report_id: string;
  agency_id: string | null;
  sha256: string;
}

function isIndexEntry(v: unknown): v is IndexEntry {
  const e = v as Partial<IndexEntry> | null;
  return typeof e?.report_id === 'string' && typeof e.sha256 === 'string' && (e.agency_id === null || typeof e.agency_id === 'string');
}

/** report-index.json of the data stage, or null when it is absent. Throws, naming the file, when it is malformed. */
function readReportIndex(dataDir: string): IndexEntry[] | null {
  const path = join(dataDir, 'report-index.json');
  if (!existsSync(path)) return null;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(parsed) || !parsed.every(isIndexEntry)) throw new Error(`${path}: not an array of {report_id, agency_id, sha256}`);
  return parsed;
}

/** Hashes every report JSON; parses only those whose hash the previous build did not see, for their agency_id. */
function hashReports(dataDir: string, previous: readonly ReportInput[]): IndexEntry[] {
  const reportsDir = join(dataDir, 'reports');
  if (!existsSync(reportsDir)) return [];
  const known = new Map(previous.map((r) => [`${r.report_id} ${r.sha256}`, r.agency_id]));
  return readdirSync(reportsDir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const report_id = file.slice(0, -'.json'.length);
      const bytes = readFileSync(join(reportsDir, file));
      const hash = sha256Hex(bytes);
      const key = `${report_id} ${hash}`;
      const agency_id = known.has(key) ? known.get(key)! : ((JSON.parse(bytes.toString('utf8')) as { agency_id: string | null }).agency_id ?? null);
      return { report_id, agency_id, sha256: hash };
    });
}

/** One ReportInput per report of the data folder, sorted by report_id. */
export function readReportInputs(dataDir: string, previous: readonly ReportInput[] = []): ReportInput[] {
  const entries = readReportIndex(dataDir) ?? hashReports(dataDir, previous);
  // One listing of the markdown folder rather than a look-up per report.
  const markdownDir = join(dataDir, 'markdown');
  const markdown = new Set(existsSync(markdownDir) ? readdirSync(markdownDir) : []);
  return entries
    .map((e) => ({ report_id: e.report_id, agency_id: e.agency_id, sha256: e.sha256, markdown: markdown.has(`${e.report_id}.md`) }))
    .sort((a, b) => byId(a.report_id, b.report_id));
}
