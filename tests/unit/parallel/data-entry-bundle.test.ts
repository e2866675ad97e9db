/**
 * The data stage started from its bundle (src/entry-bundle.ts, as scripts/build.ts starts it) writes what the
 * TypeScript entry writes: the same datasets, byte for byte, from the real corpus, and from generated reports
 * whose outputs its emit workers make.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataEntry } from '../../../src/entry-bundle.ts';
import { refersToOwnModule } from '../../../src/node-bundle.ts';
import { writeCorpus } from '../../../src/synth/write.ts';
import { fileHashes } from '../helpers/file-tree.ts';

const work = mkdtempSync(join(tmpdir(), 'nianbao-data-entry-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The data stage from `args` over `content` (the real corpus unless given), with a parse cache of its own. */
function runData(name: string, args: string[], content = 'content', timings = '') {
  const out = join(work, name, 'data');
  const run = spawnSync(process.execPath, [...args, '--content', content, '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, NIANBAO_TIMINGS: timings, NIANBAO_CACHE_DIR: join(work, name, 'cache') },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, out };
}

describe('the data stage bundle', () => {
  it('is one JavaScript file named by its inputs, and writes the datasets the TypeScript entry writes', async () => {
    const entry = await dataEntry();
    expect(entry).toMatch(/\.cache\/data-entry\/data-[0-9a-f]{16}\.mjs$/u);
    expect(await dataEntry()).toBe(entry);
    // The check that a bundle does not refer to its own module must not find itself in the bundle.
    expect(refersToOwnModule(readFileSync(entry))).toBe(false);
    const bundled = runData('bundled', [entry]);
    const typescript = runData('typescript', ['--import', 'tsx', 'scripts/data.ts']);
    expect(bundled.status).toBe(0);
    expect(typescript.status).toBe(0);
    expect(bundled.stdout.replace(bundled.out, '<out>')).toBe(typescript.stdout.replace(typescript.out, '<out>'));
    expect(bundled.stdout).toMatch(/^nianbao data: 10 files /mu);
    expect(bundled.stderr).toBe(typescript.stderr);
    const files = fileHashes(bundled.out);
    expect(Object.keys(files)).toContain('reports.csv');
    expect(files).toEqual(fileHashes(typescript.out));
  });

  it('starts emit workers that write what those of the TypeScript entry write', async () => {
    const entry = await dataEntry();
    // 24 reports: emit workers start from 16 reports whose outputs the emit cache lacks (parallel/index.ts).
    const content = writeCorpus(join(work, 'synthetic'), 'data-entry-bundle', 24, undefined, false).content;
    const entries = [
      { name: 'emit-bundled', args: [entry] },
      { name: 'emit-typescript', args: ['--import', 'tsx', 'scripts/data.ts'] },
    ];
    const outputs = entries.map(({ name, args }) => {
      expect(runData(name, args, content).status).toBe(0);
      // Without its emit cache, the second run has every report's outputs made again, in emit workers.
      rmSync(join(work, name, 'cache', 'emit'), { recursive: true, force: true });
      const again = runData(name, args, content, '1');
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/^nianbao data: 24 files .*parsed 0, cached 24/mu);
      expect(again.stderr).toMatch(/^timings: run emit in workers \(24 reports\) /mu);
      return fileHashes(again.out);
    });
    expect(Object.keys(outputs[0]!).filter((f) => f.startsWith('reports/'))).toHaveLength(24);
    expect(outputs[0]).toEqual(outputs[1]);
  });

  it('is not used when NIANBAO_DATA_BUNDLE is off', async () => {
    process.env.NIANBAO_DATA_BUNDLE = 'off';
    try {
      expect(await dataEntry()).toMatch(/scripts\/data\.ts$/u);
    } finally {
      delete process.env.NIANBAO_DATA_BUNDLE;
    }
  });
});
