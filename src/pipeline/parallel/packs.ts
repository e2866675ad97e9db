/**
 * The parse cache's records, kept in append-only pack files instead of one
 * file per record (creating a file cost more than writing it): under
 * `<cache>/records/`, each writer — one thread of one process — appends to a
 * pack of its own through one open file, `<name>.pack` holding
 * `<key>\t<payload>\n` entries back to back (a payload: a record's JSON in
 * UTF-8, then, when it has any, a NUL and its texts kept out of the JSON in
 * UTF-16LE: record-form.ts), and `<name>.idx` one
 * `<key>\t<offset>\t<length>\n` line per entry, written after the entry.
 * Writers never share a file, so two processes or workers cannot interleave.
 *
 * A reader learns where entries are from every index file, and trusts an
 * entry only when it is whole and begins with its key: a record cut short by
 * a crash (no index line yet, or an index line over bytes never written) is a
 * miss, never a wrong record.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

export const RECORDS_FOLDER = 'records';
const PACK = '.pack';
const INDEX = '.idx';
const KEY_LENGTH = 64;
/** An index line: a key (64 hex digits), then its entry's offset and length in bytes. */
const INDEX_LINE = /^([0-9a-f]{64})\t(\d+)\t(\d+)$/u;
const TAB = 0x09;
const NEWLINE = 0x0a;
/** Packs with fewer entries than this are merged when the cache is compacted (each rebuild that parses adds small ones). */
const SMALL_PACK = 256;

interface Location {
  pack: string;
  offset: number;
  length: number;
}

interface Writer {
  name: string;
  pack: number;
  index: number;
  offset: number;
}

export interface RecordPacks {
  /**
   * The record's payload bytes, or null. With `fresh`, a key not found (or found
   * where its pack no longer holds it) makes the index files be read again,
   * for records written since they were read; without, a miss is only a miss.
   */
  read(key: string, fresh: boolean): Buffer | null;
  /** Appends the entry of `json` and, after a NUL, `texts` in UTF-16LE (none: the JSON alone). */
  append(key: string, json: string, texts?: readonly string[]): void;
  /** Closes this writer's pack (the next append opens it again). */
  release(): void;
  /** How many packs the folder holds. */
  count(): number;
  /**
   * Removes the entries of keys not in `keep`: packs with none of them kept are
   * deleted; packs mostly stale, and small packs, have their kept entries copied
   * into a new pack first. Returns how many keys' records it removed.
   */
  prune(keep: ReadonlySet<string>): number;
}

/** Each pack's entries by its index file, in the order written (lines not whole or not well-formed are skipped). */
function readIndexes(folder: string): Map<string, { key: string; at: Location }[]> {
  const out = new Map<string, { key: string; at: Location }[]>();
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    if (!name.endsWith(INDEX)) continue;
    const pack = name.slice(0, -INDEX.length);
    let text: string;
    try {
      text = readFileSync(join(folder, name), 'latin1');
    } catch {
      continue;
    }
    const entries: { key: string; at: Location }[] = [];
    // The last line counts only when its newline was written.
    const whole = text.slice(0, text.lastIndexOf('\n') + 1);
    for (const line of whole.split('\n')) {
      const m = INDEX_LINE.exec(line);
      if (m) entries.push({ key: m[1]!, at: { pack, offset: Number(m[2]), length: Number(m[3]) } });
    }
    out.set(pack, entries);
  }
  return out;
}

/** The entry's payload when the bytes at its place are a whole entry of that key, else null. */
function readEntry(folder: string, key: string, at: Location, open?: number): Buffer | null {
  if (at.length < KEY_LENGTH + 2) return null;
  const bytes = Buffer.allocUnsafe(at.length);
  let fd = open;
  try {
    fd ??= openSync(join(folder, at.pack + PACK), 'r');
    let got = 0;
    for (let n = -1; got < at.length && n !== 0; got += n) n = readSync(fd, bytes, got, at.length - got, at.offset + got);
    if (got < at.length) return null;
  } catch {
    return null;
  } finally {
    if (open === undefined && fd !== undefined) closeSync(fd);
  }
  if (bytes[KEY_LENGTH] !== TAB || bytes[at.length - 1] !== NEWLINE || bytes.toString('latin1', 0, KEY_LENGTH) !== key) return null;
  return bytes.subarray(KEY_LENGTH + 1, at.length - 1);
}

/** A writer keeps a buffer for encoding its entries, grown as needed up to this; a longer entry gets one of its own. */
const MAX_SCRATCH = 1 << 20;

const NUL = 0x00;
const NO_TEXTS: readonly string[] = [];

/**
 * The most bytes `<key>\t<json>\n` can take in UTF-8 — three per UTF-16 unit (a surrogate pair takes four for
 * two) — with `texts` after a NUL at two bytes per unit, so a buffer with this much room takes it without measuring it first.
 */
export function entryRoom(key: string, json: string, texts: readonly string[] = NO_TEXTS): number {
  let room = (key.length + json.length) * 3 + 2;
  if (texts.length > 0) room += 1;
  for (let i = 0; i < texts.length; i++) room += 2 * texts[i]!.length;
  return room;
}

/**
 * `<key>\t<json>\n` (a pack entry, or a digest log line) encoded in UTF-8 into
 * `into` at `at`, where it has entryRoom; with `texts`, a NUL and those texts
 * in UTF-16LE (copied as they are, lone surrogates too) before the newline.
 * Returns how many bytes it took. The text is encoded once, straight into the
 * buffer that is written.
 */
export function encodeEntry(key: string, json: string, into: Buffer, at = 0, texts: readonly string[] = NO_TEXTS): number {
  let n = at + into.write(key, at, 'utf8');
  into[n++] = TAB;
  n += into.write(json, n, 'utf8');
  if (texts.length > 0) {
    into[n++] = NUL;
    for (let i = 0; i < texts.length; i++) n += into.write(texts[i]!, n, 'utf16le');
  }
  into[n++] = NEWLINE;
  return n - at;
}

export function openPacks(root: string): RecordPacks {
  const folder = join(root, RECORDS_FOLDER);
  let index: Map<string, Location> | null = null;
  let writer: Writer | null = null;
  // Kept after release, so this writer goes on appending to the same pack.
  let own: string | null = null;

  const load = () => {
    index = new Map();
    for (const entries of readIndexes(folder).values()) for (const { key, at } of entries) index.set(key, at);
    return index;
  };
  const openWriter = (): Writer => {
    mkdirSync(folder, { recursive: true });
    for (;;) {
      const name = own ?? `${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`;
      let pack: number;
      try {
        // A new name must be new ('x'); our own pack is appended to, or made again if it was removed meanwhile.
        pack = openSync(join(folder, name + PACK), own ? 'a' : 'ax');
      } catch (error) {
        if (!own && (error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      try {
        const idx = openSync(join(folder, name + INDEX), 'a');
        own = name;
        return { name, pack, index: idx, offset: fstatSync(pack).size };
      } catch (error) {
        closeSync(pack);
        throw error;
      }
    }
  };
  const release = () => {
    if (!writer) return;
    closeSync(writer.pack);
    closeSync(writer.index);
    writer = null;
  };
  // Entries are encoded straight into this buffer, kept from one append to the next: the text is encoded once.
  let scratch = Buffer.allocUnsafe(0);
  /** Appends an entry: `encode` writes it into a buffer with `most` bytes of room and says how many it took. */
  const appendEntry = (key: string, most: number, encode: (into: Buffer) => number) => {
    writer ??= openWriter();
    const offset = writer.offset;
    let length: number;
    try {
      if (most > scratch.length && most <= MAX_SCRATCH) scratch = Buffer.allocUnsafe(Math.min(MAX_SCRATCH, Math.max(most, scratch.length * 2)));
      const into = most <= scratch.length ? scratch : Buffer.allocUnsafe(most);
      const size = encode(into);
      // One write of the entry. The pack is opened to append, so a write cut short still leaves the next entry
      // where the offsets say: the entry cut short lacks its newline and reads as a miss.
      length = writeSync(writer.pack, into, 0, size);
      writer.offset += length;
      writeSync(writer.index, `${key}\t${offset}\t${length}\n`);
    } catch (error) {
      // What this pack or its index holds is no longer known: the next record goes to a new one.
      release();
      own = null;
      throw error;
    }
    index?.set(key, { pack: writer.name, offset, length });
  };
  const append = (key: string, json: string, texts: readonly string[] = NO_TEXTS) => appendEntry(key, entryRoom(key, json, texts), (into) => encodeEntry(key, json, into, 0, texts));
  /** An entry copied as it is (prune). */
  const appendPayload = (key: string, payload: Buffer) =>
    appendEntry(key, key.length * 3 + payload.length + 2, (into) => {
      let n = into.write(key, 0, 'utf8');
      into[n++] = TAB;
      n += payload.copy(into, n);
      into[n++] = NEWLINE;
      return n;
    });
  return {
    read(key, fresh) {
      const at = (index ?? load()).get(key);
      const payload = at ? readEntry(folder, key, at) : null;
      if (payload !== null || !fresh) return payload;
      const again = load().get(key);
      return again ? readEntry(folder, key, again) : null;
    },
    append,
    release,
    count() {
      try {
        return readdirSync(folder).filter((name) => name.endsWith(PACK)).length;
      } catch {
        return 0;
      }
    },
    prune(keep) {
      release();
      // Kept entries go to a pack of their own, never one being examined.
      own = null;
      const packs = readIndexes(folder);
      const retained = new Set<string>();
      const doomed: string[] = [];
      // Stale keys in the packs removed, and in those left as they are (a key can be in more than one pack).
      const dropped = new Set<string>();
      const left = new Set<string>();
      for (const [pack, entries] of packs) {
        const live = entries.filter((e) => keep.has(e.key) && !retained.has(e.key));
        const stale = entries.length - live.length;
        if (entries.length >= SMALL_PACK && stale * 2 < entries.length) {
          for (const e of entries) (keep.has(e.key) ? retained : left).add(e.key);
          continue;
        }
        for (const e of entries) if (!keep.has(e.key)) dropped.add(e.key);
        let fd: number | undefined;
        try {
          fd = openSync(join(folder, pack + PACK), 'r');
        } catch {
          // A pack without its file: only its index is left to remove.
        }
        for (const e of live) {
          const payload = fd === undefined ? null : readEntry(folder, e.key, e.at, fd);
          if (payload === null) continue;
          appendPayload(e.key, payload);
          retained.add(e.key);
        }
        if (fd !== undefined) closeSync(fd);
        doomed.push(pack);
      }
      release();
      own = null;
      // The index first: an index line never outlives its pack.
      for (const pack of doomed) {
        rmSync(join(folder, pack + INDEX), { force: true });
        rmSync(join(folder, pack + PACK), { force: true });
      }
      index = null;
      let count = 0;
      for (const key of dropped) if (!left.has(key)) count++;
      return count;
    },
  };
}
