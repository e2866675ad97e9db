/**
 * writeArchive (emit/archive.ts) on a rebuild: a changed whole file's
 * unchanged pieces are taken from its entry in the previous zip (where the
 * previous state says they lie), not compressed again nor read from the
 * deflate cache, and the zip is byte for byte the one a clean build writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeArchive, type WholeFile } from '../../../src/pipeline/emit/archive.ts';
import { openEmitCache, type EmitCache } from '../../../src/pipeline/emit/cache.ts';
import { MIN_PIECE } from '../../../src/pipeline/emit/segments.ts';
import { fileState, type ZipState } from '../../../src/pipeline/emit/state.ts';
import { removeTempDirs, tempDir } from './fixtures.ts';

afterAll(removeTempDirs);

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Lines different enough that pieces cut at many places; about 12 pieces' worth past MIN_PIECE. */
function bigCsv(changedLine: number | null): Buffer {
  const lines: string[] = [];
  for (let i = 0, length = 0; length < 12 * MIN_PIECE; i++) {
    lines.push(`${i},row ${(Math.imul(i + 1, 2654435761) >>> 0).toString(36)},${i % 97}\n`);
    length += lines[i]!.length;
  }
  if (changedLine !== null) lines[changedLine] = 'changed,row,0\n';
  return Buffer.from(lines.join(''));
}

/** The emit cache, counting the pieces read from it and those put in it. */
function counted(cache: EmitCache) {
  const counts = { read: 0, put: 0 };
  const spy: EmitCache = { ...cache, piece: (sha) => (counts.read++, cache.piece(sha)), putPiece: (sha, data) => (counts.put++, cache.putPiece(sha, data)) };
  return { spy, counts };
}

function build(out: string, files: Record<string, Buffer>, cache: EmitCache, previous: ZipState | null) {
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(out, name), bytes);
  const whole: WholeFile[] = Object.entries(files).map(([name, bytes]) => ({ name, sha256: sha256(bytes) }));
  const parts = join(out, '.parts');
  writeFileSync(parts, '');
  const zip = writeArchive(out, 'set.zip', whole, [], parts, cache, previous);
  const state: ZipState = { ...fileState(join(out, 'set.zip'), zip.bytes, zip.sha256, null), entries: zip.entries, whole: Object.fromEntries(whole.map((w) => [w.name, w.sha256])), pieces: zip.pieces };
  return { zip, state, bytes: readFileSync(join(out, 'set.zip')) };
}

describe('zip rebuild from the previous zip', () => {
  it('compresses only the changed pieces, copies the rest from the previous entry, and writes what a clean build writes', () => {
    const small = Buffer.from('a,b\n1,2\n');
    const rebuild = tempDir('zip-rebuild');
    const first = build(rebuild, { 'big.csv': bigCsv(null), 'small.csv': small }, openEmitCache(join(rebuild, '.cache-1')), null);
    const pieces = first.state.pieces!['big.csv']!;
    expect(pieces.length).toBeGreaterThan(6);

    // A fresh cache holds none of the pieces: all but the changed one must come from the previous zip.
    const { spy, counts } = counted(openEmitCache(join(rebuild, '.cache-2')));
    const changed = bigCsv(40_000);
    const second = build(rebuild, { 'big.csv': changed, 'small.csv': small }, spy, first.state);
    expect(counts.put).toBeGreaterThanOrEqual(1);
    expect(counts.put).toBeLessThanOrEqual(2);
    expect(counts.read).toBe(counts.put);
    expect(second.state.pieces!['big.csv']!.filter(([sha]) => !pieces.some(([old]) => old === sha)).length).toBe(counts.put);

    const clean = tempDir('zip-clean');
    const fresh = build(clean, { 'big.csv': changed, 'small.csv': small }, openEmitCache(join(clean, '.cache')), null);
    expect(second.bytes.equals(fresh.bytes)).toBe(true);
    expect(second.state.pieces).toEqual(fresh.state.pieces);
  });

  it('compresses from the cache as before when the previous state does not list the pieces', () => {
    const small = Buffer.from('a,b\n1,2\n');
    const out = tempDir('zip-no-pieces');
    const first = build(out, { 'big.csv': bigCsv(null), 'small.csv': small }, openEmitCache(join(out, '.cache-1')), null);
    const { spy, counts } = counted(openEmitCache(join(out, '.cache-2')));
    const second = build(out, { 'big.csv': bigCsv(5), 'small.csv': small }, spy, { ...first.state, pieces: undefined });
    expect(counts.put).toBe(first.state.pieces!['big.csv']!.length);
    const clean = tempDir('zip-no-pieces-clean');
    expect(second.bytes.equals(build(clean, { 'big.csv': bigCsv(5), 'small.csv': small }, openEmitCache(join(clean, '.cache')), null).bytes)).toBe(true);
  });
});
