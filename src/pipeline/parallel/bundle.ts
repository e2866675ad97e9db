/**
 * The parse worker as one JavaScript file, made once per parser version with
 * esbuild (which tsx, the loader the workers would otherwise use, brings
 * along). A worker started on it is ready in a fraction of the time a worker
 * takes to compile every module of the pipeline through tsx, which made
 * worker start-up most of a thousand-file run. The file is named by the
 * parser's version (version.ts), so a changed source is never run stale. Any
 * failure gives null, and the pool starts its workers through tsx as before.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parserVersion } from './version.ts';

/** In the repository, so the bundle's imports of packages resolve to the same node_modules as the sources'. */
const BUNDLE_DIR = fileURLToPath(new URL('../../../.cache/parse-worker/', import.meta.url));
const WORKER_SOURCE = fileURLToPath(new URL('./worker.ts', import.meta.url));

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): unknown;
}

let memo: URL | null | undefined;

/** The bundled parse worker, made now if this version has none yet; null when it cannot be made. */
export function bundledWorkerUrl(): URL | null {
  if (memo !== undefined) return memo;
  memo = null;
  try {
    const file = join(BUNDLE_DIR, `worker-${parserVersion().slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildApi;
      mkdirSync(BUNDLE_DIR, { recursive: true });
      // Written aside and renamed, so a process running at the same time never loads half a file.
      const partial = `${file}.${process.pid}.partial`;
      try {
        esbuild.buildSync({ entryPoints: [WORKER_SOURCE], outfile: partial, bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'silent' });
        renameSync(partial, file);
      } finally {
        rmSync(partial, { force: true });
      }
    }
    memo = pathToFileURL(file);
  } catch {
    memo = null;
  }
  return memo;
}
