/**
 * Limits of the read stage (issue 8 §3): a file over the size limit, past the
 * count limit, or not a regular file is never loaded; it gets a failed record
 * with a finding naming it, and the run goes on for the rest.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, listContentFiles, longestLine, readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';
import { MAX_FILE_BYTES } from '../../../src/pipeline/decode.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { runPipeline } from '../../../src/pipeline/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-limits-'));
const content = join(dir, 'content');
mkdirSync(join(content, 'sub'), { recursive: true });
writeFileSync(join(content, 'a.txt'), readFileSync('content/18_hebei_kjt_2023.txt'));
writeFileSync(join(content, 'huge.txt'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x41));
writeFileSync(join(content, 'sub', 'b.txt'), readFileSync('content/10_hongze_2024_pypdf.txt'));
symlinkSync('..', join(content, 'sub', 'loop'));
symlinkSync(join(content, 'a.txt'), join(content, 'link.txt'));
execFileSync('mkfifo', [join(content, 'pipe.txt')]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('read limits', () => {
  it('lists every entry once and never follows a symbolic link into a loop', () => {
    expect(listContentFiles(content)).toEqual(['a.txt', 'huge.txt', 'link.txt', 'pipe.txt', 'sub/b.txt', 'sub/loop']);
  });

  it('refuses a file over the size limit before reading it, with a file.too_large finding', () => {
    const f = readInputFile(content, 'huge.txt', readSourcesManifest(content));
    expect(f.bytes.length).toBe(0);
    expect(f.refused?.rule).toBe('file.too_large');
    expect(f.refused?.message_en).toBe(`huge.txt: file too large, not read (${MAX_FILE_BYTES + 1} bytes, over the limit of ${MAX_FILE_BYTES} bytes)`);
    // The hash is of the real bytes (read in chunks), so the record still names this exact file.
    expect(f.sha256).toBe(createHash('sha256').update(readFileSync(join(content, 'huge.txt'))).digest('hex'));
    const r = parseReport(f);
    expect([r.parse_status, r.findings.map((x) => x.rule)]).toEqual(['failed', ['file.too_large']]);
  });

  it('refuses a file with a line over the line limit, naming the line', () => {
    const long = join(dir, 'long');
    mkdirSync(long, { recursive: true });
    writeFileSync(join(long, 'r.txt'), `标题\r\n第二行\r\n${'字'.repeat(400_000)}\n末行`);
    const f = readInputFile(long, 'r.txt', readSourcesManifest(long));
    expect(f.refused?.message_en).toBe(`r.txt: line too long, not read (line 3 is 1200000 bytes, over the limit of ${1 << 20} bytes)`);
    expect(longestLine(new TextEncoder().encode('a\rbb\r\nccc\n'))).toEqual({ bytes: 3, line: 3 });
    expect(readInputFile('content', '03_pingtan_2020.txt', readSourcesManifest('content')).refused).toBeUndefined();
  });

  it('refuses the files past the count limit, in listing order', () => {
    const limits = { ...DEFAULT_LIMITS, maxFiles: 1 };
    const manifest = readSourcesManifest(content);
    expect(readInputFile(content, 'a.txt', manifest, limits, 0).refused).toBeUndefined();
    const second = readInputFile(content, 'sub/b.txt', manifest, limits, 1);
    expect(second.refused?.message_en).toBe('sub/b.txt: not read — file number 2 of the folder, over the limit of 1 files');
  });

  it('refuses a FIFO and links instead of blocking on them or leaving the folder', () => {
    const manifest = readSourcesManifest(content);
    for (const p of ['pipe.txt', 'link.txt', 'sub/loop']) {
      const f = readInputFile(content, p, manifest);
      expect(f.refused?.rule, p).toBe('file.unreadable');
      expect(parseReport(f).parse_status).toBe('failed');
    }
  });

  it('goes on with the rest: every entry has its row in reports.csv', async () => {
    const out = join(dir, 'data');
    const summary = await runPipeline({ content, out });
    const rows = parse(readFileSync(join(out, 'reports.csv')), { bom: true, columns: true }) as Record<string, string>[];
    const byFile = Object.fromEntries(rows.map((r) => [r.source_file, r.parse_status]));
    expect(byFile).toEqual({ 'a.txt': byFile['a.txt'], 'huge.txt': 'failed', 'link.txt': 'failed', 'pipe.txt': 'failed', 'sub/b.txt': byFile['sub/b.txt'], 'sub/loop': 'failed' });
    expect(byFile['a.txt']).not.toBe('failed');
    expect(byFile['sub/b.txt']).not.toBe('failed');
    expect(summary.files).toBe(6);
  });
});
