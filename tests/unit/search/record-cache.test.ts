/** src/search/record-cache.ts: records kept between builds come back as they were made, and only for the same code. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecordCache, writeRecordCache } from '../../../src/search/record-cache.ts';
import { buildPartedRecords } from '../../../src/search/records.ts';
import { corpusFiles, corpusReport } from './corpus.ts';

const work = mkdtempSync(join(tmpdir(), 'nianbao-record-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('record cache', () => {
  const reports = corpusFiles().map(corpusReport);
  const { records } = buildPartedRecords(reports);

  it('gives back each record as buildPartedRecords made it (the same JSON, keys in the same order), and null for a report without one', () => {
    const path = join(work, 'round-trip', 's00.json');
    const entries = records.map((r, i) => [r.record.meta.report, `sha-${i}`, r] as [string, string, (typeof records)[number] | null]);
    entries.push(['no-record', 'sha-x', null]);
    writeRecordCache(path, 'fp-1', entries);
    const read = readRecordCache(path, 'fp-1');
    expect(read.size).toBe(records.length + 1);
    for (const [id, sha, parted] of entries) expect(JSON.stringify(read.get(`${id} ${sha}`))).toBe(JSON.stringify(parted));
    expect(read.get('no-record sha-x')).toBeNull();
    expect(read.has(`${records[0]!.record.meta.report} another-sha`)).toBe(false);
  });

  it('gives nothing for another code fingerprint, a missing file or one cut short', () => {
    const path = join(work, 'other', 's01.json');
    writeRecordCache(path, 'fp-1', [[records[0]!.record.meta.report, 'sha', records[0]!]]);
    expect(readRecordCache(path, 'fp-1').size).toBe(1);
    expect(readRecordCache(path, 'fp-2').size).toBe(0);
    expect(readRecordCache(join(work, 'none.json'), 'fp-1').size).toBe(0);
    writeFileSync(path, '{"fingerprint":"fp-1","reports":[["a"');
    expect(readRecordCache(path, 'fp-1').size).toBe(0);
  });
});
