/**
 * Emit jobs go to workers that load the emit code (parallel/emit-jobs.ts)
 * rather than the parser: they make each report's JSON and markdown from its
 * cached record, the bytes the emit stage's own report pass makes, and a job
 * whose record is not in the parse cache is left to the emit stage.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmitCache } from '../../../src/pipeline/emit/cache.ts';
import { entryKey, reportEntry, reportSourceKey } from '../../../src/pipeline/emit/report-outputs.ts';
import { openCache } from '../../../src/pipeline/parallel/cache.ts';
import { emitInWorkers } from '../../../src/pipeline/parallel/index.ts';
import type { EmitJob } from '../../../src/pipeline/parallel/prepare.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { writeCorpus } from '../../../src/synth/write.ts';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-emit-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('emitInWorkers', () => {
  it('makes each report\'s outputs from its cached record in emit workers, and leaves a missing record to the emit stage', () => {
    const content = writeCorpus(join(dir, 'corpus'), 'emit-workers-test', 18, undefined, false).content;
    const manifest = readSourcesManifest(content);
    const cacheDir = join(dir, 'parse');
    const emitCacheDir = join(dir, 'emit');
    const out = join(dir, 'out');
    const cache = openCache(cacheDir);
    const records = listContentFiles(content).map((path, i) => parseReport(readInputFile(content, path, manifest, undefined, i)));
    const jobs: EmitJob[] = records.map((record, i) => {
      const key = i.toString(16).padStart(64, '0');
      // The last record is never put: its job cannot be done in a worker.
      if (i < records.length - 1) cache.put(key, record);
      return { key, cacheDir, report_id: record.report_id, added: [], entryKey: entryKey('test', reportSourceKey(key, record.report_id, [])), emitCacheDir, out };
    });
    cache.flush();
    const done = emitInWorkers(jobs, { workers: 2 });
    expect([...done].sort()).toEqual([...new Set(records.slice(0, -1).map((r) => r.report_id))].sort());
    const emit = openEmitCache(emitCacheDir);
    for (const [i, record] of records.slice(0, -1).entries()) {
      // As the record comes back from the cache.
      const { json, markdown } = reportEntry(JSON.parse(JSON.stringify(record)));
      expect(readFileSync(join(out, 'reports', `${record.report_id}.json`)).equals(Buffer.from(json))).toBe(true);
      expect(readFileSync(join(out, 'markdown', `${record.report_id}.md`)).equals(Buffer.from(markdown))).toBe(true);
      expect(emit.hasReport(jobs[i]!.entryKey)).toBe(true);
    }
  }, 120_000);
});
