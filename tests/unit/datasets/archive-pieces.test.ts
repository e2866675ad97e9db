/**
 * writeArchive (emit/archive.ts) on a rebuild: a changed whole file's
 * unchanged pieces are taken from its entry in the previous zip (where the
 * previous state says they lie), not compressed again nor read from the
 * deflate cache, and the zip is byte for byte the one a clean build writes;
 * a changed file is read only after the pieces it still begins with (as its
 * CSV sink says: CsvSink same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeArchive, type WholeFile } from '../../../src/pipeline/emit/archive.ts';
import { openEmitCache, type EmitCache } from '../../../src/pipeline/emit/cache.ts';
import { openCsvSink } from '../../../src/pipeline/emit/files.ts';
import { MIN_PIECE } from '../../../src/pipeline/emit/segments.ts';
import { fileState, type BlockAt, type ZipState } from '../../../src/pipeline/emit/state.ts';
import { DATASETS } from '../../../src/schema/datasets.ts';
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

function build(out: string, files: Record<string, Buffer>, cache: EmitCache, previous: ZipState | null, same: Record<string, number> = {}, beforeZip = () => {}) {
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(out, name), bytes);
  const whole: WholeFile[] = Object.entries(files).map(([name, bytes]) => ({ name, sha256: sha256(bytes), same: same[name] }));
  beforeZip();
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

  it('reads a changed file only after the pieces it still begins with, and carries its CRC on from theirs', () => {
    const small = Buffer.from('a,b\n1,2\n');
    const out = tempDir('zip-resume');
    const before = bigCsv(null);
    const first = build(out, { 'big.csv': before, 'small.csv': small }, openEmitCache(join(out, '.cache-1')), null);
    const changed = bigCsv(40_000);
    let same = 0;
    while (before[same] === changed[same]) same++;
    expect(same).toBeGreaterThan(3 * MIN_PIECE);
    // The file's first bytes spoiled on disk after its sha256 was taken: a build that read them would not equal a clean one.
    const spoil = () => writeFileSync(join(out, 'big.csv'), Buffer.concat([Buffer.from('X'), changed.subarray(1)]));
    const second = build(out, { 'big.csv': changed, 'small.csv': small }, openEmitCache(join(out, '.cache-2')), first.state, { 'big.csv': same }, spoil);
    const clean = tempDir('zip-resume-clean');
    const fresh = build(clean, { 'big.csv': changed, 'small.csv': small }, openEmitCache(join(clean, '.cache')), null);
    expect(second.bytes.equals(fresh.bytes)).toBe(true);
    expect(second.state.pieces).toEqual(fresh.state.pieces);
    expect(fresh.state.pieces!['big.csv']!.every((p) => p.length === 4)).toBe(true);
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

describe('CsvSink same', () => {
  it('says how many leading bytes the new file has as the previous one: up to the first block that changed', () => {
    const out = tempDir('sink-same');
    const path = join(out, 'set.csv');
    const dataset = DATASETS[0]!;
    const block = (text: string) => ({ bytes: Buffer.from(text), rows: 1 });
    const first = openCsvSink(path, dataset, null);
    const at = ['a,1\n', 'b,2\n', 'c,3\n'].map((t) => [first.add(block(t)), t.length, 1] as BlockAt);
    const made = first.close();
    expect(made.same).toBe(0);
    const before = readFileSync(path);
    const previous = fileState(path, made.bytes, made.sha256, made.rows);

    const second = openCsvSink(path, dataset, previous);
    second.addOld(at[0]!);
    second.add(block('x,22\n'));
    second.addOld(at[2]!);
    const changed = second.close();
    const after = readFileSync(path);
    expect(changed.same).toBe(at[1]![0]);
    expect(after.subarray(0, changed.same).equals(before.subarray(0, changed.same))).toBe(true);
    expect(after[changed.same]).not.toBe(before[changed.same]);

    const third = openCsvSink(path, dataset, fileState(path, changed.bytes, changed.sha256, changed.rows));
    third.addOld([at[0]![0], at[0]![1], 1]);
    third.addOld([at[1]![0], 'x,22\n'.length, 1]);
    third.addOld([at[1]![0] + 'x,22\n'.length, at[2]![1], 1]);
    const unchanged = third.close();
    expect(unchanged.unchanged).toBe(true);
    expect(unchanged.same).toBe(changed.bytes);
  });
});
