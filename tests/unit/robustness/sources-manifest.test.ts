/**
 * sources.json (each file's provenance): a broken one is reported by name and the build goes on, with
 * no report given a source URL; a missing one is not a problem; a good one gives each matching file its URL.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourcesManifestChecked } from '../../../src/pipeline/read.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { runPipeline } from '../../../src/pipeline/run.ts';

// In this thread, without the parse cache: the test is of the read stage, not of the pool.
const PARSE = { workers: 0, cacheDir: null, inThread: parseReport };
const dir = mkdtempSync(join(tmpdir(), 'nianbao-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REAL = 'content/03_pingtan_2020.txt';
const URL = 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202103/t20210305_80595.htm';
const realEntry = JSON.parse(readFileSync('content/sources.json', 'utf8')).files['03_pingtan_2020.txt'];

function folder(name: string, sources: string | null): string {
  const content = join(dir, name, 'content');
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'pingtan.txt'), readFileSync(REAL));
  if (sources !== null) writeFileSync(join(content, 'sources.json'), sources);
  return content;
}

function reportsCsv(name: string): Record<string, string>[] {
  return parse(readFileSync(join(dir, name, 'out', 'reports.csv')), { columns: true, bom: true });
}

describe('sources.json', () => {
  it('gives a file whose sha256 matches its source URL (the real entry of 03_pingtan_2020.txt)', () => {
    expect(realEntry.source_url).toBe(URL);
    const content = folder('good', JSON.stringify({ files: { 'pingtan.txt': realEntry } }));
    expect(readSourcesManifestChecked(content).problems).toEqual([]);
    const summary = runPipeline({ content, out: join(dir, 'good', 'out'), parse: PARSE });
    expect(summary.problems).toEqual([]);
    const rows = reportsCsv('good');
    expect(rows.map((r) => [r.source_file, r.source_url])).toEqual([['pingtan.txt', URL]]);
  });

  it('is not a problem when missing', () => {
    expect(readSourcesManifestChecked(folder('missing', null))).toEqual({ manifest: { files: {} }, problems: [] });
  });

  it.each([
    ['cut', JSON.stringify({ files: { 'pingtan.txt': realEntry } }).slice(0, -5), /^sources\.json: not valid JSON \(.+\); no report gets a source URL from it$/],
    ['array', '[]', /^sources\.json: no "files" object; no report gets a source URL from it$/],
    ['null', 'null', /^sources\.json: no "files" object/],
    ['files-array', '{"files": []}', /^sources\.json: no "files" object/],
  ])('reports a broken one (%s) by name, and the build goes on with the report in reports.csv', (name, text, message) => {
    const content = folder(name, text);
    const summary = runPipeline({ content, out: join(dir, name, 'out'), parse: PARSE });
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]).toMatch(message);
    const rows = reportsCsv(name);
    expect(rows.map((r) => [r.source_file, r.source_url, r.report_id, r.parse_status])).toEqual([['pingtan.txt', '', 'pingtanzongheshiyanqu-2238ca-2020', 'partial']]);
  });
});
