/**
 * A zip written to disk entry by entry from already-deflated data, so the
 * whole archive is never held in memory and unchanged entries can come from
 * the deflate cache. The bytes are exactly those of fflate's zipSync with the
 * options of zip.ts (version 2.0, method 8, the fixed DOS time, no extra
 * fields, no comments, sizes in the local header), so the file is the same
 * as deterministicZip of the same entries. Entries must be added in name order.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { FIXED_MTIME } from './zip.ts';

/** One entry's deflated bytes (raw DEFLATE, fflate level 6) with the CRC-32 and length of the original. */
export interface DeflatedEntry {
  crc: number;
  size: number;
  data: Uint8Array;
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const VERSION = 20;
const METHOD_DEFLATE = 8;
/** General-purpose flag bit 11 (in the flag's high byte): the name is UTF-8. */
const UTF8_NAME = 8;

/** The DOS date and time of zip.ts's fixed mtime, read through local-time getters as fflate does. */
export function dosTime(date: Date = FIXED_MTIME): number {
  const y = date.getFullYear() - 1980;
  return ((y << 25) | ((date.getMonth() + 1) << 21) | (date.getDate() << 16) | (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1)) >>> 0;
}

interface Written {
  name: Uint8Array;
  utf8: boolean;
  crc: number;
  size: number;
  compressed: number;
  offset: number;
}

function header(central: boolean, w: Written): Uint8Array {
  const b = new Uint8Array((central ? 46 : 30) + w.name.length);
  const v = new DataView(b.buffer);
  let p = 0;
  v.setUint32(p, central ? CENTRAL_SIGNATURE : LOCAL_SIGNATURE, true), (p += 4);
  if (central) v.setUint16(p, VERSION, true), (p += 2); // version made by, "OS" 0
  v.setUint16(p, VERSION, true), (p += 2);
  v.setUint16(p, w.utf8 ? UTF8_NAME << 8 : 0, true), (p += 2);
  v.setUint16(p, METHOD_DEFLATE, true), (p += 2);
  v.setUint32(p, dosTime(), true), (p += 4);
  v.setUint32(p, w.crc >>> 0, true), (p += 4);
  v.setUint32(p, w.compressed, true), (p += 4);
  v.setUint32(p, w.size, true), (p += 4);
  v.setUint16(p, w.name.length, true), (p += 2);
  p += 2; // no extra field
  if (central) {
    p += 10; // no comment, disk 0, no internal or external attributes
    v.setUint32(p, w.offset, true), (p += 4);
  }
  b.set(w.name, p);
  return b;
}

const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
/** The most entries the 16-bit counts of the classic end record can hold. */
const MAX_CLASSIC_ENTRIES = 0xffff;
const ZIP64_VERSION = 45;

/**
 * The end of the archive. Up to 65,535 entries: the classic end record, exactly as fflate writes it. Beyond that
 * (a national year has ~100,000 reports, each with a markdown file) a ZIP64 end record and its locator come first
 * and the classic counts say 0xffff, as APPNOTE 4.3.14–4.3.16 require; offsets stay 32-bit (the archive is < 4 GB).
 */
function endRecords(count: number, size: number, offset: number): Uint8Array {
  const zip64 = count > MAX_CLASSIC_ENTRIES;
  const b = new Uint8Array((zip64 ? 56 + 20 : 0) + 22);
  const v = new DataView(b.buffer);
  let p = 0;
  if (zip64) {
    v.setUint32(p, ZIP64_END_SIGNATURE, true);
    v.setBigUint64(p + 4, 44n, true); // size of the rest of this record
    v.setUint16(p + 12, ZIP64_VERSION, true);
    v.setUint16(p + 14, ZIP64_VERSION, true);
    v.setBigUint64(p + 24, BigInt(count), true);
    v.setBigUint64(p + 32, BigInt(count), true);
    v.setBigUint64(p + 40, BigInt(size), true);
    v.setBigUint64(p + 48, BigInt(offset), true);
    p += 56;
    v.setUint32(p, ZIP64_LOCATOR_SIGNATURE, true);
    v.setBigUint64(p + 8, BigInt(offset + size), true); // where the ZIP64 end record starts
    v.setUint32(p + 16, 1, true); // total number of disks
    p += 20;
  }
  v.setUint32(p, END_SIGNATURE, true);
  v.setUint16(p + 8, zip64 ? MAX_CLASSIC_ENTRIES : count, true);
  v.setUint16(p + 10, zip64 ? MAX_CLASSIC_ENTRIES : count, true);
  v.setUint32(p + 12, size, true);
  v.setUint32(p + 16, offset, true);
  return b;
}

/** Where an entry sits in a written zip, and what its central record says. */
export interface ZipEntryAt {
  name: string;
  crc: number;
  size: number;
  compressed: number;
  /** Offset of its local header. */
  offset: number;
}

/** The length of an entry's local header and data: what addRaw copies. */
const encoder = new TextEncoder();

export const localLength = (name: string, compressed: number): number => 30 + encoder.encode(name).length + compressed;

export interface ZipWriter {
  add(name: string, entry: DeflatedEntry): void;
  /** An entry as another zip of this writer holds it: its local header and data, `localLength` bytes, copied as they are. */
  addRaw(name: string, entry: Omit<DeflatedEntry, 'data'> & { compressed: number }, local: Uint8Array): void;
  /** Entries that lie one after the other in another zip of this writer: their local headers and data, copied as they are in one piece. */
  addRawRun(entries: readonly (Omit<DeflatedEntry, 'data'> & { name: string; compressed: number })[], locals: Uint8Array): void;
  /** Writes the central directory, moves the file into place; returns its length, sha256 and entries. */
  close(): { bytes: number; sha256: string; entries: ZipEntryAt[] };
}

/** Writes `path` (through a temporary file beside it, renamed on close). */
export function openZipWriter(path: string): ZipWriter {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  const hash: Hash = createHash('sha256');
  const written: Written[] = [];
  let offset = 0;
  let last: string | null = null;
  const put = (bytes: Uint8Array) => {
    writeSync(fd, bytes);
    hash.update(bytes);
    offset += bytes.length;
  };
  const names: string[] = [];
  const begin = (name: string, crc: number, size: number, compressed: number): Written => {
    if (last !== null && !(last < name)) throw new Error(`zip entries out of order: ${name} after ${last}`);
    last = name;
    names.push(name);
    const encoded = encoder.encode(name);
    const w: Written = { name: encoded, utf8: encoded.length !== name.length, crc, size, compressed, offset };
    written.push(w);
    return w;
  };
  return {
    add(name, entry) {
      const w = begin(name, entry.crc, entry.size, entry.data.length);
      put(header(false, w));
      put(entry.data);
    },
    addRaw(name, entry, local) {
      const w = begin(name, entry.crc, entry.size, entry.compressed);
      if (local.length !== 30 + w.name.length + entry.compressed) throw new Error(`zip entry ${name}: ${local.length} bytes copied, ${30 + w.name.length + entry.compressed} expected`);
      put(local);
    },
    addRawRun(entries, locals) {
      let length = 0;
      for (const e of entries) {
        const w = begin(e.name, e.crc, e.size, e.compressed);
        w.offset = offset + length;
        length += 30 + w.name.length + e.compressed;
      }
      if (locals.length !== length) throw new Error(`zip entries from ${entries[0]?.name}: ${locals.length} bytes copied, ${length} expected`);
      put(locals);
    },
    close() {
      const start = offset;
      // The central directory in one write.
      const central = written.map((w) => header(true, w));
      put(Buffer.concat(central));
      put(endRecords(written.length, offset - start, start));
      closeSync(fd);
      renameSync(temp, path);
      const entries = written.map((w, i) => ({ name: names[i]!, crc: w.crc >>> 0, size: w.size, compressed: w.compressed, offset: w.offset }));
      return { bytes: offset, sha256: hash.digest('hex'), entries };
    },
  };
}
