import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPool } from '../../../src/pipeline/parallel/pool.ts';
import { parserVersion } from '../../../src/pipeline/parallel/version.ts';
import { parseWorkerBundle } from '../../../src/pipeline/parallel/worker-bundle.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { writeCorpus } from '../../../src/synth/write.ts';

let dir: string;
let content: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-bundle-'));
  content = writeCorpus(join(dir, 'corpus'), 'bundle-test', 16, undefined, false).content;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file of `content` (and the real corpus) through a parse pool started from `workerUrl` (the default when undefined). */
function poolRecords(folder: string, workerUrl?: URL): ReportRecord[] {
  const paths = listContentFiles(folder);
  const manifest = readSourcesManifest(folder);
  const records: ReportRecord[] = [];
  let next = 0;
  runPool(
    () => (next < paths.length ? { index: next, file: readInputFile(folder, paths[next++]!, manifest) } : null),
    (index, record) => (records[index] = record!),
    { workers: 2, timeoutMs: 60_000, ...(workerUrl ? { workerUrl } : {}) },
  );
  return records;
}

describe('the parse worker bundle', () => {
  it('is one JavaScript file named by the parser version, made with no TypeScript left in it', () => {
    const url = parseWorkerBundle();
    expect(url).not.toBeNull();
    const file = fileURLToPath(url!);
    expect(basename(file)).toBe(`parse-worker-${parserVersion().slice(0, 16)}.mjs`);
    expect(existsSync(file)).toBe(true);
    const code = readFileSync(file, 'utf8');
    // The parser and the worker loop are in it; the packages stay imports; no module is imported by a .ts path.
    expect(code).toContain('function parseReport(');
    expect(code).toContain('function serveJobs(');
    expect(code).toMatch(/from "pinyin-pro"/);
    expect(code).not.toMatch(/from "[^"]*\.ts"/);
    // The emit code is not in a parse worker.
    expect(code).not.toContain('function emitReport(');
  });

  it('parses every file as the TypeScript entry does, byte for byte (real corpus and generated layouts)', () => {
    const typescriptEntry = new URL('../../../src/pipeline/parallel/parse-worker.ts', import.meta.url);
    for (const folder of ['content', content]) {
      const bundled = poolRecords(folder);
      const fromTypeScript = poolRecords(folder, typescriptEntry);
      expect(bundled.length).toBe(listContentFiles(folder).length);
      expect(bundled.filter((r) => r.findings.some((f) => f.message_en.includes('the parser failed')))).toEqual([]);
      expect(JSON.stringify(bundled)).toBe(JSON.stringify(fromTypeScript));
    }
  }, 180_000);
});
