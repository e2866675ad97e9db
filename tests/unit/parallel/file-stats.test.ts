/** file-stats.ts + read.ts recallInputFile: an unchanged file is known by its stat; any change, or a racy mtime, means reading it. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileStats } from '../../../src/pipeline/file-stats.ts';
import { readInputFile, recallInputFile, sha256Hex } from '../../../src/pipeline/read.ts';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-file-stats-'));
const content = join(dir, 'content');
const cache = join(dir, 'cache');
const manifest = { files: {} };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file dated an hour ago: older than any save's racy window. */
function writeOld(name: string, text: string): void {
  writeFileSync(join(content, name), text);
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(join(content, name), past, past);
}

/** One run of the read stage over `name`: recalled or read, then saved. */
function run(name: string): { recalled: string | null; sha256: string } {
  const stats = openFileStats(cache);
  const recalled = recallInputFile(content, name, manifest, stats);
  const sha256 = recalled ? recalled.sha256 : readInputFile(content, name, manifest, undefined, 0, stats).sha256;
  stats.save();
  return { recalled: recalled?.sha256 ?? null, sha256 };
}

describe('file stats', () => {
  it('recalls an unchanged file without reading it, and reads it again once it changes (even at the same size)', () => {
    mkdirSync(content, { recursive: true });
    writeOld('a.txt', '一、总体情况 甲');
    expect(run('a.txt').recalled).toBeNull(); // first run: nothing remembered
    expect(run('a.txt').recalled).toBe(sha256Hex('一、总体情况 甲'));
    writeFileSync(join(content, 'a.txt'), '一、总体情况 乙'); // same byte length, new mtime
    const changed = run('a.txt');
    expect(changed.recalled).toBeNull();
    expect(changed.sha256).toBe(sha256Hex('一、总体情况 乙'));
  });

  it('does not trust a file modified just before the stats were saved', () => {
    writeFileSync(join(content, 'b.txt'), '六、其他需要报告的事项');
    run('b.txt');
    // Modified within the racy window of the save: read again, however its stat looks.
    expect(run('b.txt').recalled).toBeNull();
  });

  it('treats a damaged stats file as empty', () => {
    writeOld('c.txt', '五、存在的主要问题及改进情况');
    run('c.txt');
    writeFileSync(join(cache, 'file-stats.tsv'), 'not a stats file\n');
    expect(run('c.txt').recalled).toBeNull();
    expect(run('c.txt').recalled).toBe(sha256Hex('五、存在的主要问题及改进情况'));
  });
});
