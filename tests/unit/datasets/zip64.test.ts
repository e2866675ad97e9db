/**
 * A national year (~100,000 reports) puts more than 65,535 markdown files in
 * the zip: past that the 16-bit counts of the classic end record wrap, so the
 * writer adds a ZIP64 end record. Below it the bytes stay fflate's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { openZipWriter } from '../../../src/pipeline/emit/zip-writer.ts';
import { deflateEntry, deterministicZip } from '../../../src/pipeline/emit/zip.ts';
import { removeTempDirs, tempDir } from './fixtures.ts';

afterAll(removeTempDirs);

const names = (n: number) => Array.from({ length: n }, (_, i) => `markdown/r${String(i).padStart(6, '0')}.md`);

function writeZip(path: string, entries: string[]): void {
  const zip = openZipWriter(path);
  for (const name of entries) zip.add(name, deflateEntry(strToU8(`# ${name}\n`)));
  zip.close();
}

describe('zip writer past 65,535 entries', () => {
  it('writes 70,000 entries that fflate and unzip both read back whole', () => {
    const path = join(tempDir('zip64'), 'big.zip');
    const entries = names(70_000);
    writeZip(path, entries);
    const files = unzipSync(readFileSync(path));
    expect(Object.keys(files)).toHaveLength(70_000);
    expect(new TextDecoder().decode(files['markdown/r069999.md'])).toBe('# markdown/r069999.md\n');
    if (existsSync('/usr/bin/unzip')) {
      const listing = execFileSync('/usr/bin/unzip', ['-l', path], { maxBuffer: 64 * 2 ** 20 }).toString();
      expect(listing).toMatch(/70000 files/);
    }
  });

  it('stays byte-identical to fflate below the limit', () => {
    const path = join(tempDir('zip64'), 'small.zip');
    const entries = names(1_000);
    writeZip(path, entries);
    const map = new Map(entries.map((n) => [n, strToU8(`# ${n}\n`)] as const));
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(deterministicZip(map)))).toBe(true);
  });
});
