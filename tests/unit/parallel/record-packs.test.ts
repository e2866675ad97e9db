/**
 * The parse cache's records live in append-only packs, one per writer
 * (parallel/packs.ts): a later run finds them, writers never mix, a record
 * cut short or an index line over the wrong bytes is a miss (never a wrong
 * record), and pruning keeps exactly the keys asked for.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/pipeline/parallel/cache.ts';
import { encodeEntry, entryRoom, openPacks, RECORDS_FOLDER } from '../../../src/pipeline/parallel/packs.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';

const root = mkdtempSync(join(tmpdir(), 'nianbao-packs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const key = (i: number) => i.toString(16).padStart(64, '0');
const record = (i: number) => ({ report_id: `r${i}`, text: '一\t"二"\n'.repeat(i % 5), n: i }) as unknown as ReportRecord;
let dirs = 0;
const fresh = () => join(root, `cache-${dirs++}`);
const files = (dir: string, suffix: string) => readdirSync(join(dir, RECORDS_FOLDER)).filter((n) => n.endsWith(suffix)).sort();

describe('record packs', () => {
  it('give back records put by earlier caches and by other writers at once', () => {
    const dir = fresh();
    const a = openCache(dir);
    const b = openCache(dir);
    for (let i = 0; i < 40; i++) (i % 2 ? a : b).put(key(i), record(i));
    a.flush();
    b.flush();
    expect(files(dir, '.pack')).toHaveLength(2);
    const later = openCache(dir);
    for (let i = 0; i < 40; i++) expect(later.get(key(i))).toEqual(record(i));
    expect(later.get(key(99))).toBeNull();
  });

  it('finds a record put after its index was read only when asked for a fresh look', () => {
    const dir = fresh();
    const reader = openCache(dir);
    expect(reader.get(key(1), false)).toBeNull();
    const writer = openCache(dir);
    writer.put(key(1), record(1));
    expect(reader.get(key(1), false)).toBeNull();
    expect(reader.get(key(1))).toEqual(record(1));
    writer.flush();
  });

  it('reads a record cut short, or an index line over other bytes, as a miss', () => {
    const dir = fresh();
    const cache = openCache(dir);
    for (let i = 0; i < 3; i++) cache.put(key(i), record(i));
    cache.flush();
    const [pack] = files(dir, '.pack');
    const [idx] = files(dir, '.idx');
    const packPath = join(dir, RECORDS_FOLDER, pack!);
    const idxPath = join(dir, RECORDS_FOLDER, idx!);
    const lines = readFileSync(idxPath, 'latin1').trim().split('\n').map((l) => l.split('\t'));
    // Key 0's line made to point at key 1's entry, a damaged line, and a last line without its newline.
    writeFileSync(idxPath, `${key(0)}\t${lines[1]![1]}\t${lines[1]![2]}\n${key(1)}\t${lines[1]![1]}\tx\n${lines[2]!.join('\t')}\n${key(7)}\t0\t10`);
    truncateSync(packPath, Number(lines[2]![1]) + Number(lines[2]![2]) - 1);
    const after = openCache(dir);
    expect(after.get(key(0))).toBeNull();
    expect(after.get(key(1))).toBeNull();
    expect(after.get(key(2))).toBeNull();
    expect(after.get(key(7))).toBeNull();
    // A writer appending after the damage is unaffected by it.
    after.put(key(3), record(3));
    after.flush();
    expect(openCache(dir).get(key(3))).toEqual(record(3));
  });

  it('prunes the keys not kept: stale packs go, small ones are merged, kept records stay readable', () => {
    const dir = fresh();
    for (let w = 0; w < 3; w++) {
      const cache = openCache(dir);
      for (let i = w * 10; i < w * 10 + 10; i++) cache.put(key(i), record(i));
      cache.flush();
    }
    // The same key in two packs counts once.
    const again = openCache(dir);
    again.put(key(25), record(25));
    again.flush();
    expect(files(dir, '.pack')).toHaveLength(4);
    const keep = new Set(Array.from({ length: 15 }, (_, i) => key(i)));
    expect(openPacks(dir).prune(keep)).toBe(15);
    expect(files(dir, '.pack')).toHaveLength(1);
    const after = openCache(dir);
    for (let i = 0; i < 30; i++) expect(after.get(key(i))).toEqual(i < 15 ? record(i) : null);
    expect(openPacks(dir).prune(new Set())).toBe(15);
    expect(files(dir, '.pack')).toHaveLength(0);
    expect(files(dir, '.idx')).toHaveLength(0);
  });

  it('leaves big packs that are mostly kept as they are', () => {
    const dir = fresh();
    const cache = openCache(dir);
    for (let i = 0; i < 300; i++) cache.put(key(i), record(i));
    cache.flush();
    const before = files(dir, '.pack');
    expect(openPacks(dir).prune(new Set(Array.from({ length: 200 }, (_, i) => key(i))))).toBe(0);
    expect(files(dir, '.pack')).toEqual(before);
    expect(openPacks(dir).prune(new Set(Array.from({ length: 100 }, (_, i) => key(i))))).toBe(200);
    expect(files(dir, '.pack')).not.toEqual(before);
    const after = openCache(dir);
    expect(after.get(key(99))).toEqual(record(99));
    expect(after.get(key(100))).toBeNull();
  });

  it('writes a digest log line from JSON made elsewhere as putDigest would', () => {
    const dir = fresh();
    const cache = openCache(dir);
    cache.putDigestJson(key(1), JSON.stringify({ a: [1, 2] }));
    cache.putDigest(key(2), { a: [1, 2] });
    cache.flush();
    const lines = readFileSync(join(dir, 'digests.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => l.slice(65))).toEqual(['{"a":[1,2]}', '{"a":[1,2]}']);
    expect(openCache(dir).getDigest(key(1))).toEqual({ a: [1, 2] });
  });

  it('writes each entry as the UTF-8 of `<key>\\t<json>\\n`, whatever its size (the encoding buffer is reused and grown)', () => {
    const dir = fresh();
    const packs = openPacks(dir);
    // Short and long, CJK, astral and a lone surrogate (written as U+FFFD, as a string write does), and one past
    // the buffer a writer keeps.
    const texts = ['{}', `{"t":"${'一二三'.repeat(20_000)}"}`, '{"t":"x"}', '{"t":"😀\ud800一"}', `{"t":"${'叁'.repeat(500_000)}"}`, '{"t":"y"}'];
    texts.forEach((t, i) => packs.append(key(i), t));
    packs.release();
    const expected = Buffer.concat(texts.map((t, i) => Buffer.from(`${key(i)}\t${t}\n`)));
    const [pack] = files(dir, '.pack');
    expect(readFileSync(join(dir, RECORDS_FOLDER, pack!)).equals(expected)).toBe(true);
    texts.forEach((t, i) => expect(openPacks(dir).read(key(i), false)?.toString()).toBe(t.replace('\ud800', '\ufffd')));
    const into = Buffer.alloc(200);
    expect(into.subarray(0, encodeEntry(key(1), '"一"', into)).toString()).toBe(`${key(1)}\t"一"\n`);
    // With texts: a NUL after the JSON, then each text's UTF-16LE as it is (a lone surrogate too), then the newline.
    const n = encodeEntry(key(1), '{}', into, 0, ['一', '\ud800']);
    expect(into.subarray(0, n).equals(Buffer.concat([Buffer.from(`${key(1)}\t{}\0`), Buffer.from([0x00, 0x4e, 0x00, 0xd8]), Buffer.from('\n')]))).toBe(true);
    expect(n).toBeLessThanOrEqual(entryRoom(key(1), '{}', ['一', '\ud800']));
  });
});
