/**
 * The search stage's entry (scripts/build-search.ts) as one JavaScript file,
 * which scripts/build.ts starts instead of the TypeScript: Node then neither
 * loads its type stripper nor strips and resolves ~20 modules one by one
 * (0.24 → 0.10 s of wall time and ~0.2 s less CPU per start, on every
 * one-report rebuild, where the search stage is the last to end).
 *
 * Bundled by esbuild into `.cache/search-entry/` under the project (the
 * packages, left as imports, resolve from its node_modules). Every module's
 * `import.meta.url` is replaced by that module's own URL, so code that finds
 * files beside itself (the code fingerprint's root, the shard worker) finds
 * the same ones as from the TypeScript. The file is named by a hash of every
 * input of the bundle that is in use (their paths and contents, listed in
 * inputs.json beside it): a change to any of them, which any new import also
 * is, makes another name, and the bundle is made again. When esbuild is
 * missing or fails, or the folder cannot be written, the TypeScript entry is
 * started: the same code, a slower start (tests/unit/search/entry-bundle.test.ts
 * compares the two); NIANBAO_SEARCH_BUNDLE=off always starts it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleOptions, loadEsbuild, PROJECT_ROOT as ROOT, writeBundleFile } from '../node-bundle.ts';

const ENTRY = 'scripts/build-search.ts';
const FOLDER = join(ROOT, '.cache', 'search-entry');
const INPUTS = join(FOLDER, 'inputs.json');
const PREFIX = 'build-search-';

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
function existingBundle(): string | null {
  if (!existsSync(INPUTS)) return null;
  const inputs = JSON.parse(readFileSync(INPUTS, 'utf8')) as unknown;
  if (!Array.isArray(inputs) || !inputs.every((i) => typeof i === 'string')) return null;
  const hash = inputsHash(inputs);
  const file = hash === null ? null : join(FOLDER, `${PREFIX}${hash}.mjs`);
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
async function makeBundle(): Promise<string | null> {
  const esbuild = loadEsbuild();
  if (!esbuild) return null;
  const result = await esbuild.build({ ...bundleOptions(join(ROOT, ENTRY)), plugins: [ownUrls] }).catch(() => null);
  if (!result || result.outputFiles?.length !== 1) return null;
  const contents = result.outputFiles[0]!.contents;
  if (Buffer.from(contents).includes('import.meta')) return null;
  const inputs = Object.keys(result.metafile?.inputs ?? {}).map((input) => relative(ROOT, join(ROOT, input)).split(sep).join('/')).sort();
  const hash = inputsHash(inputs);
  if (inputs.length === 0 || hash === null) return null;
  const file = join(FOLDER, `${PREFIX}${hash}.mjs`);
  writeBundleFile(FOLDER, PREFIX, file, contents);
  // The list of inputs too goes through a temporary name.
  writeFileSync(`${INPUTS}.${process.pid}.tmp`, `${JSON.stringify(inputs)}\n`);
  renameSync(`${INPUTS}.${process.pid}.tmp`, INPUTS);
  return file;
}

/** The file to start the search stage from: the bundle (made if need be), or the TypeScript entry. */
export async function searchEntry(): Promise<string> {
  const typescript = join(ROOT, ENTRY);
  if (process.env.NIANBAO_SEARCH_BUNDLE === 'off') return typescript;
  try {
    return existingBundle() ?? (await makeBundle()) ?? typescript;
  } catch (error) {
    console.error(`search: no bundle (${error instanceof Error ? error.message : String(error)}); starting it from TypeScript`);
    return typescript;
  }
}
