/**
 * The parse worker as one JavaScript file. Started from its TypeScript entry,
 * each worker has Node strip the types of ~85 modules (compiling the type
 * stripper's WebAssembly in every thread) and resolve and compile them one by
 * one: about a fifth of a second of CPU per worker, on every build and every
 * one-report rebuild. Bundled by esbuild (the compiler tsx and Astro's Vite
 * use) into `.cache/workers/` under the project, so the packages, left as
 * imports, resolve from its node_modules.
 *
 * The file is named by parserVersion(), the hash of src/pipeline, src/schema
 * and package-lock.json, and made only when that file is missing: it is made
 * only if every module it bundles is in those folders, so the name changes
 * whenever its code does, and if none of its code looks for files beside its
 * own module (`import.meta`). When esbuild is missing or fails, or the folder
 * cannot be written, the pool starts the TypeScript entry: the same code,
 * a slower start (tests/unit/parallel/worker-bundle.test.ts compares the two);
 * NIANBAO_WORKER_BUNDLE=off always starts it.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleOptions, loadEsbuild, PROJECT_ROOT as ROOT, refersToOwnModule, writeBundleFile } from '../../node-bundle.ts';
import { parserVersion } from './version.ts';

const ENTRY = fileURLToPath(new URL('./parse-worker.ts', import.meta.url));
const FOLDER = join(ROOT, '.cache', 'workers');
/** The folders parserVersion() hashes: a bundle may hold code from nowhere else. */
const COVERED = ['src/pipeline/', 'src/schema/'];
const PREFIX = 'parse-worker-';

let memo: URL | null | undefined;

/** The bundled parse worker's URL, made if need be; null when there is none (the caller starts the TypeScript entry). */
export function parseWorkerBundle(): URL | null {
  if (memo !== undefined) return memo;
  memo = null;
  if (process.env.NIANBAO_WORKER_BUNDLE === 'off') return memo;
  const file = join(FOLDER, `${PREFIX}${parserVersion().slice(0, 16)}.mjs`);
  try {
    if (!existsSync(file) && !makeBundle(file)) return memo;
    memo = pathToFileURL(file);
  } catch (error) {
    console.error(`parse workers: no bundle (${error instanceof Error ? error.message : String(error)}); starting them from TypeScript`);
  }
  return memo;
}

/** Writes the bundle to `file`; false when it may not be used. */
function makeBundle(file: string): boolean {
  const esbuild = loadEsbuild();
  if (!esbuild) return false;
  const result = esbuild.buildSync(bundleOptions(ENTRY));
  const inputs = Object.keys(result.metafile?.inputs ?? {});
  const outside = inputs.filter((input) => !COVERED.some((dir) => relative(ROOT, join(ROOT, input)).split(sep).join('/').startsWith(dir)));
  if (inputs.length === 0 || outside.length > 0 || result.outputFiles?.length !== 1) return false;
  // Code that finds files beside its own module would look for them in .cache/workers/: not bundled.
  if (refersToOwnModule(result.outputFiles[0]!.contents)) return false;
  writeBundleFile(FOLDER, PREFIX, file, result.outputFiles[0]!.contents);
  return true;
}
