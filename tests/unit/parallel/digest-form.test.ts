/**
 * The digest log's form of a report's digest (parallel/digest-form.ts): each
 * digest read back is written by JSON.stringify exactly as the digest made —
 * over the real corpus and a thousand synthetic reports, unreadable files
 * included — in two thirds of the bytes of plain JSON; a line that is not of the
 * form reads as a miss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestOf, type ReportDigest } from '../../../src/pipeline/cross/slim.ts';
import { openCache } from '../../../src/pipeline/parallel/cache.ts';
import { digestFromText, digestText, SLIM_DIGEST } from '../../../src/pipeline/parallel/digest-form.ts';
import { listContentFiles, readInputFile, readSourcesManifest, sha256Hex } from '../../../src/pipeline/read.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { generateReport } from '../../../src/synth/index.ts';

const CONTENT = join(import.meta.dirname, '../../../content');
const roundTrip = (digest: ReportDigest) => JSON.stringify(digestFromText(digestText(digest)));

describe('the digest log form', () => {
  it('gives back the digest of every report of the real corpus exactly, in under 70% of the bytes (most of the rest is metadata and error messages)', () => {
    const manifest = readSourcesManifest(CONTENT);
    let plain = 0;
    let stored = 0;
    for (const file of listContentFiles(CONTENT)) {
      const digest = digestOf(parseReport(readInputFile(CONTENT, file, manifest)));
      const json = JSON.stringify(digest);
      expect(roundTrip(digest), file).toBe(json);
      plain += json.length;
      stored += digestText(digest).length;
    }
    expect(stored).toBeLessThan(plain * 0.7);
  });

  it('gives back each of a thousand synthetic digests exactly, and an unreadable file\'s', () => {
    let carried = 0;
    for (let i = 0; i < 1000; i++) {
      const { file, bytes } = generateReport('digest-form', i);
      const digest = digestOf(parseReport({ path: file, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } }));
      const json = JSON.stringify(digest);
      if (roundTrip(digest) !== json) expect(roundTrip(digest), file).toBe(json);
      if (digest.slim.tables.applications.cells.length > 0) carried++;
    }
    // Carry-over cells and signatures were there to pack.
    expect(carried).toBeGreaterThan(500);
    const unreadable = digestOf(parseReport({ path: 'x.bin', bytes: new Uint8Array([0, 0xff, 0, 0xfe, 1, 2]), sha256: 'a'.repeat(64), provenance: { source_url: null, obtained: null, note: null } }));
    expect(roundTrip(unreadable)).toBe(JSON.stringify(unreadable));
  });

  it('writes a signature that is not all 32-bit words as numbers, and gives it back', () => {
    const { file, bytes } = generateReport('digest-form', 1);
    const digest = digestOf(parseReport({ path: file, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } }));
    for (const signature of [[0, 0xffffffff, 7], [1.5, 2], [-1], [2 ** 32], []]) {
      const odd = { ...digest, signature };
      expect(roundTrip(odd)).toBe(JSON.stringify(odd));
    }
  });

  it('reads a line of another form as a miss in the digest log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-digest-form-'));
    try {
      const cache = openCache(dir);
      const key = (n: number) => n.toString(16).padStart(64, '0');
      cache.putDigestJson(key(1), JSON.stringify({ slim: { report_id: 'x' }, signature: null, errors: [] }));
      cache.putDigestJson(key(2), '{"slim":');
      cache.putDigestJson(key(3), JSON.stringify({ slim: { tables: { applications: { cells: [] } } }, carry: [], signature: '!!!', errors: [] }));
      for (const n of [1, 2, 3]) expect(cache.getDigest(key(n), SLIM_DIGEST.parse), `line ${n}`).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
