/**
 * A stage's entry script as one JavaScript file, which scripts/build.ts
 * starts instead of the TypeScript: Node then neither loads its type stripper
 * nor strips and resolves the entry's modules one by one. The search stage
 * (scripts/build-search.ts): 0.24 → 0.10 s of wall time and ~0.2 s less CPU
 * per start; the data stage (scripts/data.ts): its start-up 440–495 → 324–332
 * ms, 0.25 s less CPU. Both start on every one-report rebuild, the data stage
 * first of all.
 *
 * Bundled by esbuild into `.cache/<folder>/` under the project (the packages,
 * left as imports, resolve from its node_modules). Every module's
 * `import.meta.url` is replaced by that module's own URL, so code that finds
 * files beside itself (the code fingerprint's root, the parser version's
 * sources, workers started from their own files) finds the same ones as from
 * the TypeScript. The file is named by a hash of every input of the bundle
 * that is in use (their paths and contents, listed in inputs.json beside it):
 * a change to any of them, which any new import also is, makes another name,
 * and the bundle is made again. When esbuild is missing or fails, or the
 * folder cannot be written, the TypeScript entry is started: the same code, a
 * slower start (tests/unit/search/build-search.test.ts and
 * tests/unit/parallel/data-entry-bundle.test.ts compare the two); the entry's variable set to
 * `off` (NIANBAO_SEARCH_BUNDLE, NIANBAO_DATA_BUNDLE) always starts it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleOptions, loadEsbuild, PROJECT_ROOT as ROOT, refersToOwnModule, writeBundleFile } from './node-bundle.ts';

/** An entry script that may be started from its bundle. */
export interface EntrySpec {
  /** The TypeScript entry, relative to the project. */
  entry: string;
  /** Its folder under .cache/. */
  folder: string;
  /** Its bundle's file name before the hash. */
  prefix: string;
  /** The environment variable that, set to `off`, starts the TypeScript entry. */
  off: string;
}

export const SEARCH_ENTRY: EntrySpec = { entry: 'scripts/build-search.ts', folder: 'search-entry', prefix: 'build-search-', off: 'NIANBAO_SEARCH_BUNDLE' };
export const DATA_ENTRY: EntrySpec = { entry: 'scripts/data.ts', folder: 'data-entry', prefix: 'data-', off: 'NIANBAO_DATA_BUNDLE' };

const folderOf = (spec: EntrySpec) => join(ROOT, '.cache', spec.folder);
const inputsFile = (spec: EntrySpec) => join(folderOf(spec), 'inputs.json');

interface PluginBuild {
  onLoad: (options: { filter: RegExp }, load: (args: { path: string }) => { contents: string; loader: string }) => void;
}

/** sha256 over the inputs' paths (relative to the root, with `/`) and contents; null when one cannot be read. */
function inputsHash(inputs: readonly string[]): string | null {
  const hash = createHash('sha256').update(`node ${process.versions.node}\nroot ${ROOT}\n`);
  try {
    for (const input of inputs) hash.update(`${input}\n`).update(readFileSync(join(ROOT, input))).update('\n');
  } catch {
    return null;
  }
  return hash.digest('hex').slice(0, 16);
}

/** The bundle of the entry for the inputs listed last time, when it is there and they are unchanged. */
function existingBundle(spec: EntrySpec): string | null {
  if (!existsSync(inputsFile(spec))) return null;
  const inputs = JSON.parse(readFileSync(inputsFile(spec), 'utf8')) as unknown;
  if (!Array.isArray(inputs) || !inputs.every((i) => typeof i === 'string')) return null;
  const hash = inputsHash(inputs);
  const file = hash === null ? null : join(folderOf(spec), `${spec.prefix}${hash}.mjs`);
  return file !== null && existsSync(file) ? file : null;
}

/** Replaces each module's `import.meta.url` by its own file URL (see above). */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build: PluginBuild) {
    // No `u` flag: esbuild runs the filter as a Go regular expression, which takes none.
    build.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: 'ts',
    }));
  },
};

/** Makes the bundle; null when it may not be used (esbuild missing or failing, or `import.meta` left in the code). */
async function makeBundle(spec: EntrySpec): Promise<string | null> {
  const esbuild = loadEsbuild();
  if (!esbuild) return null;
  const result = await esbuild.build({ ...bundleOptions(join(ROOT, spec.entry)), plugins: [ownUrls] }).catch(() => null);
  if (!result || result.outputFiles?.length !== 1) return null;
  const contents = result.outputFiles[0]!.contents;
  if (refersToOwnModule(contents)) return null;
  const inputs = Object.keys(result.metafile?.inputs ?? {}).map((input) => relative(ROOT, join(ROOT, input)).split(sep).join('/')).sort();
  const hash = inputsHash(inputs);
  if (inputs.length === 0 || hash === null) return null;
  const file = join(folderOf(spec), `${spec.prefix}${hash}.mjs`);
  writeBundleFile(folderOf(spec), spec.prefix, file, contents);
  // The list of inputs too goes through a temporary name.
  const list = inputsFile(spec);
  writeFileSync(`${list}.${process.pid}.tmp`, `${JSON.stringify(inputs)}\n`);
  renameSync(`${list}.${process.pid}.tmp`, list);
  return file;
}

/** The file to start an entry from: its bundle (made if need be), or the TypeScript entry. */
export async function entryFile(spec: EntrySpec): Promise<string> {
  const typescript = join(ROOT, spec.entry);
  if (process.env[spec.off] === 'off') return typescript;
  try {
    return existingBundle(spec) ?? (await makeBundle(spec)) ?? typescript;
  } catch (error) {
    console.error(`${spec.entry}: no bundle (${error instanceof Error ? error.message : String(error)}); starting it from TypeScript`);
    return typescript;
  }
}

/** The file to start the search stage from. */
export const searchEntry = (): Promise<string> => entryFile(SEARCH_ENTRY);

/** The file to start the data stage from. */
export const dataEntry = (): Promise<string> => entryFile(DATA_ENTRY);
