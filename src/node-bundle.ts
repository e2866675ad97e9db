/**
 * What the build's bundled entries share (the parse worker,
 * pipeline/parallel/worker-bundle.ts; the stage entries, entry-bundle.ts):
 * esbuild, loaded only when a bundle must be made; the options that make one
 * ES module for this Node with the packages left as imports (they resolve
 * from the project's node_modules, so a bundle lives under the project); and
 * how a bundle file is written. Each caller decides what names its file, so
 * that a change to the code makes another name.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's folder. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BundleResult {
  outputFiles?: { contents: Uint8Array }[];
  metafile?: { inputs: Record<string, unknown> };
}
export interface Esbuild {
  build(options: Record<string, unknown>): Promise<BundleResult>;
  buildSync(options: Record<string, unknown>): BundleResult;
}

/** esbuild, or null when it cannot be loaded (the caller then starts its TypeScript entry). */
export function loadEsbuild(): Esbuild | null {
  try {
    return createRequire(import.meta.url)('esbuild') as Esbuild;
  } catch {
    return null;
  }
}

/** esbuild's options for one ES module of `entry` (a path under the project) for this Node, in memory, with its inputs listed. */
export function bundleOptions(entry: string): Record<string, unknown> {
  return {
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  };
}

/**
 * Writes a bundle as `file` in `folder` through a temporary name, so a concurrent build never starts half a file,
 * and removes the folder's other bundles named `<prefix>….mjs`: only the current one is ever started.
 */
export function writeBundleFile(folder: string, prefix: string, file: string, contents: Uint8Array): void {
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(folder)) if (name.startsWith(prefix) && name.endsWith('.mjs') && join(folder, name) !== file) rmSync(join(folder, name), { force: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, file);
}

/** `import.meta`, put together at run time so that a bundle of this module does not hold the text it looks for. */
const IMPORT_META = ['import', 'meta'].join('.');

/** Whether a bundle still refers to its own module (`import.meta`), which in a bundle is the bundle's file, not the source's. */
export function refersToOwnModule(contents: Uint8Array): boolean {
  return Buffer.from(contents.buffer, contents.byteOffset, contents.length).includes(IMPORT_META);
}
