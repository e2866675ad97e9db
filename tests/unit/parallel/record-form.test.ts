/**
 * The parse cache's record form (parallel/record-form.ts): every record read
 * back is written by JSON.stringify exactly as the record put — over the real
 * corpus and a thousand synthetic reports — and cells that are not all one
 * plain shape of scalars are kept as they are instead of packed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../src/pipeline/parallel/cache.ts';
import { encodeEntry, entryRoom, openPacks } from '../../../src/pipeline/parallel/packs.ts';
import { decodeRecord, encodeRecord, packRows, unpackRows, type EncodedRecord } from '../../../src/pipeline/parallel/record-form.ts';
import { listContentFiles, readInputFile, readSourcesManifest, sha256Hex } from '../../../src/pipeline/read.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { generateReport } from '../../../src/synth/index.ts';

const CONTENT = join(import.meta.dirname, '../../../content');
/** The payload a pack entry holds for the encoded record (between the key's tab and the newline). */
const payloadOf = ({ json, texts }: EncodedRecord) => {
  const into = Buffer.alloc(entryRoom('', json, texts));
  return into.subarray(1, encodeEntry('', json, into, 0, texts) - 1);
};
const roundTrip = (record: object) => JSON.stringify(decodeRecord(payloadOf(encodeRecord(record))));
/** A record whose applications table has the given cells (the rest as parsed from the first synthetic report). */
const withCells = (cells: unknown[]) => {
  const { file, bytes } = generateReport('record-form', 0);
  const record = parseReport({ path: file, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } });
  return { ...record, tables: { ...record.tables, applications: { ...record.tables.applications, cells } } } as unknown as ReportRecord;
};
/** Whether the stored text has the applications cells packed (as columns) rather than plain. */
const packedTables = (record: object) => Object.keys((JSON.parse(encodeRecord(record).json) as { packed: object }).packed);

describe('the parse cache record form', () => {
  it('gives back every record of the real corpus exactly, in well under two thirds of the bytes', () => {
    const manifest = readSourcesManifest(CONTENT);
    const files = listContentFiles(CONTENT);
    let plain = 0;
    let stored = 0;
    let tables = 0;
    for (const file of files) {
      const record = parseReport(readInputFile(CONTENT, file, manifest));
      const json = JSON.stringify(record);
      expect(roundTrip(record), file).toBe(json);
      plain += Buffer.byteLength(json);
      stored += payloadOf(encodeRecord(record)).length;
      tables += packedTables(record).length;
    }
    expect(files.length).toBeGreaterThan(5);
    // Cells were packed, not only kept plain: the form is exercised.
    expect(tables).toBeGreaterThan(files.length);
    expect(stored).toBeLessThan(plain * 0.6);
  });

  it('gives back each of a thousand synthetic records exactly', () => {
    for (let i = 0; i < 1000; i++) {
      const { file, bytes } = generateReport('record-form', i);
      const record = parseReport({ path: file, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } });
      const json = JSON.stringify(record);
      if (roundTrip(record) !== json) expect(roundTrip(record), file).toBe(json);
      if (i === 0) expect(packedTables(record).sort()).toEqual(['applications', 'proactive_disclosure', 'review_litigation']);
    }
  });

  it('keeps cells plain when they are not all one shape of scalars, and gives them back exactly', () => {
    const a = { row: 'received_new', applicant: 'natural_person', status: 'reported', value: 1, raw: '1', unit: null };
    const mixed: unknown[][] = [
      [a, { applicant: 'commercial', row: 'received_new', status: 'reported', value: 2, raw: '2', unit: null }], // keys in another order
      [a, { ...a, note: 'x' }], // a key more
      [a, { row: 'received_new', applicant: 'commercial', status: 'reported', value: 2, raw: '2' }], // a key fewer
      [a, { ...a, raw: undefined }], // JSON drops the key in an object, writes null in an array
      [a, { ...a, value: { n: 1 } }], // an object value
      [a, { ...a, unit: () => 1 }], // a function value
      [a, Object.assign(Object.create({ toJSON: () => 'cell' }), a)], // not a plain object
      [a, 7], // not an object
      [JSON.parse('{"__proto__": 1, "row": "x"}'), JSON.parse('{"__proto__": 2, "row": "y"}')], // a key that is the prototype when assigned
    ];
    for (const cells of mixed) {
      expect(packRows(cells)).toBeNull();
      const record = withCells(cells);
      expect(packedTables(record)).not.toContain('applications');
      expect(roundTrip(record)).toBe(JSON.stringify(record));
    }
  });

  it('packs same-shaped cells with awkward values exactly: -0, NaN, Infinity, many distinct values, escapes', () => {
    const cells = Array.from({ length: 300 }, (_, i) => ({
      row: `r${i % 40}`,
      applicant: i % 3 ? 'a' : 'b"\\\n\u2028',
      value: [0, -0, NaN, Infinity, 1.5, i][i % 6],
      raw: String(i), // more distinct values than one character can name
      flag: i % 2 === 0,
      unit: null,
    }));
    const packed = packRows(cells);
    expect(packed).not.toBeNull();
    expect(JSON.stringify(unpackRows(packed!))).toBe(JSON.stringify(cells));
    const record = withCells(cells);
    expect(packedTables(record)).toContain('applications');
    expect(roundTrip(record)).toBe(JSON.stringify(record));
  });

  it('keeps a table plain when the record or table is written by a toJSON of its own or is named __proto__', () => {
    const base = withCells([{ row: 'a', value: 1 }]);
    const odd: [object, string][] = [
      [{ ...base, tables: { ...base.tables, applications: { ...base.tables.applications, toJSON: () => ({ cells: 'mine' }) } } }, 'applications'],
      [{ ...base, tables: JSON.parse(`{"__proto__": ${JSON.stringify(base.tables.applications)}}`) }, '__proto__'],
      [{ ...base, toJSON: () => ({ record: 'mine' }) }, 'applications'],
    ];
    for (const [record, table] of odd) {
      expect(packedTables(record)).not.toContain(table);
      expect(roundTrip(record)).toBe(JSON.stringify(record));
    }
  });

  it('reads text that is not of the record form (a plain record, as caches before it kept) as a miss, never a wrong record', () => {
    const record = withCells([]);
    expect(() => decodeRecord(Buffer.from(JSON.stringify(record)))).toThrow();
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-record-form-'));
    try {
      const key = 'a'.repeat(64);
      const packs = openPacks(dir);
      packs.append(key, JSON.stringify(record));
      packs.release();
      const cache = openCache(dir);
      expect(cache.get(key)).toBeNull();
      expect(cache.misses).toBe(1);
      cache.put(key, record);
      expect(JSON.stringify(cache.get(key))).toBe(JSON.stringify(record));
      cache.flush();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the sections\' texts out of the JSON and gives them back exactly: CJK, astral, lone surrogates, empty', () => {
    const base = withCells([{ row: 'a', value: 1 }]);
    const texts = ['一二三', '', '😀\ud800x\udc00', 'ascii only'];
    const sections = [
      ...texts.map((text, i) => ({ ...base.sections[0]!, number: i, text })),
      { code: 'other', number: 9, status: 'missing' },
      { code: 'odd', text: 7 },
      null,
    ];
    const record = { ...base, sections } as unknown as ReportRecord;
    const encoded = encodeRecord(record);
    expect(encoded.texts).toEqual(texts);
    for (const text of texts.filter((t) => t.length > 1)) expect(encoded.json).not.toContain(JSON.stringify(text).slice(1, -1));
    expect(roundTrip(record)).toBe(JSON.stringify(record));
    // A record without sections of that kind is its JSON alone.
    const bare = { ...base, sections: [] } as unknown as ReportRecord;
    expect(encodeRecord(bare).texts).toEqual([]);
    expect(payloadOf(encodeRecord(bare)).includes(0)).toBe(false);
    expect(roundTrip(bare)).toBe(JSON.stringify(bare));
  });

  it('reads a payload whose texts are cut short, run long or are missing as not a record', () => {
    const record = withCells([{ row: 'a', value: 1 }]);
    const payload = payloadOf(encodeRecord(record));
    expect(JSON.stringify(decodeRecord(payload))).toBe(JSON.stringify(record));
    expect(() => decodeRecord(payload.subarray(0, payload.length - 2))).toThrow();
    expect(() => decodeRecord(Buffer.concat([payload, Buffer.from([0x41, 0])]))).toThrow();
    expect(() => decodeRecord(payload.subarray(0, payload.indexOf(0)))).toThrow();
  });

  it('keeps a record with its texts exact when compaction copies its entry into a new pack', () => {
    const record = withCells([{ row: 'a', value: 1 }]);
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-record-form-'));
    try {
      const [kept, dropped] = ['b'.repeat(64), 'c'.repeat(64)];
      const cache = openCache(dir);
      cache.put(kept, record);
      cache.put(dropped, record);
      cache.flush();
      // A small pack is merged: its kept entry is copied, bytes as they are, into a new pack, and the old pack removed.
      expect(openPacks(dir).prune(new Set([kept]))).toBe(1);
      const after = openCache(dir);
      expect(JSON.stringify(after.get(kept))).toBe(JSON.stringify(record));
      expect(after.get(dropped)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
