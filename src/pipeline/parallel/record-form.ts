/**
 * The form a record takes in the parse cache (packs.ts) — internal, not the
 * public data contract: its tables' cells written column by column, each key
 * once per table, instead of one object per cell repeating every key; and a
 * column whose values repeat (codes, statuses, small counts) as its distinct
 * values once plus one character per cell naming which. The text is about a
 * third of the record's JSON, so it costs less to write, encode, store and
 * read back. Its sections' texts (most of what is left, and nearly all CJK)
 * are kept out of the JSON, as UTF-16 after it (packs.ts): copied, where JSON
 * would check every character for escapes and UTF-8 would take three bytes
 * for each ideograph where UTF-16 takes two.
 *
 * Exact: JSON.stringify of the record read back equals JSON.stringify of the
 * record put. A table's cells are packed only when they are all plain objects
 * with the same keys in the same order and every value a string, number,
 * boolean or null (values JSON writes the same as an array element as it does
 * as a property: not undefined, functions or objects); otherwise that table
 * keeps its cells as they are, plain JSON.
 */

/** A column: its values in cell order, or its distinct values and, per cell, one character naming which (see codeOf). */
type Column = unknown[] | { distinct: unknown[]; at: string };

/** Same-keyed cells as columns. */
export interface PackedRows {
  keys: string[];
  count: number;
  columns: Column[];
}

/**
 * The stored JSON's form: the record with each packed table's cells left empty, and those tables' cells; and, when
 * its sections' texts were taken out, each section's text length in UTF-16 units (null: a text left in the JSON).
 */
interface Stored {
  record: Record<string, unknown>;
  packed: Record<string, PackedRows>;
  texts?: (number | null)[];
}

/** A record's cache form: its JSON, and the texts kept out of it (written after it as UTF-16, packs.ts). */
export interface EncodedRecord {
  json: string;
  texts: string[];
}

/**
 * Distinct value n is written as the character FIRST_CODE + n, skipping the backslash: printable ASCII after the
 * double quote, which JSON writes as it is (one byte each in UTF-8). A column with more distinct values than there
 * are such characters is written plain.
 */
const FIRST_CODE = 0x23;
const BACKSLASH = 0x5c;
const MAX_DISTINCT = 0x7e - FIRST_CODE;
const codeOf = (n: number): number => (n + FIRST_CODE < BACKSLASH ? n + FIRST_CODE : n + FIRST_CODE + 1);
const indexOf = (code: number): number => (code < BACKSLASH ? code - FIRST_CODE : code - FIRST_CODE - 1);
/** Up to this many distinct values a value is looked for among them one by one; past it, in a map. */
const SCAN_DISTINCT = 8;

const isPlain = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
/** A plain object JSON writes by its own properties (no toJSON of its own), so a copy of it is written the same. */
const isPlainData = (value: unknown): value is Record<string, unknown> => isPlain(value) && !Object.hasOwn(value, 'toJSON');
const isScalar = (value: unknown): boolean => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * One column being packed: while its values repeat enough, each one's code among the distinct ones. Its code
 * buffer and map are kept from one table to the next (a record's columns are packed one table at a time).
 */
class ColumnBuilder {
  private codes = Buffer.allocUnsafe(256);
  private readonly seen = new Map<unknown, number>();
  private distinct: unknown[] = [];
  /** Whether the column is still written by codes. */
  private coded = true;
  private last: unknown = undefined;
  private lastCode = 0;

  reset(count: number): void {
    if (this.codes.length < count) this.codes = Buffer.allocUnsafe(Math.max(count, this.codes.length * 2));
    if (this.distinct.length > SCAN_DISTINCT) this.seen.clear();
    this.distinct = [];
    this.coded = true;
    this.last = undefined;
  }

  add(i: number, value: unknown): void {
    if (!this.coded) return;
    if (value === this.last) {
      this.codes[i] = this.lastCode;
      return;
    }
    const distinct = this.distinct;
    let n = -1;
    if (distinct.length <= SCAN_DISTINCT) {
      for (let d = 0; d < distinct.length; d++) {
        if (distinct[d] === value) {
          n = d;
          break;
        }
      }
    } else n = this.seen.get(value) ?? -1;
    if (n < 0) {
      n = distinct.length;
      if (n === MAX_DISTINCT) {
        this.coded = false;
        return;
      }
      distinct.push(value);
      if (n === SCAN_DISTINCT) for (let d = 0; d <= n; d++) this.seen.set(distinct[d], d);
      else if (n > SCAN_DISTINCT) this.seen.set(value, n);
    }
    this.last = value;
    this.lastCode = this.codes[i] = codeOf(n);
  }

  /** The column of `key` in `rows` (the values read again when they are written plain). */
  column(rows: readonly Record<string, unknown>[], key: string): Column {
    // Distinct values as many as half the cells save nothing.
    if (this.coded && this.distinct.length * 2 <= rows.length) return { distinct: this.distinct, at: this.codes.toString('latin1', 0, rows.length) };
    const values: unknown[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = rows[i]![key];
    return values;
  }
}

const builders: ColumnBuilder[] = [];

/** The rows as columns, or null when they are not all plain objects with the same keys in the same order and scalar values. */
export function packRows(rows: readonly unknown[]): PackedRows | null {
  const first = rows[0];
  if (!isPlain(first)) return null;
  const keys = Object.keys(first);
  // A key `__proto__` would set the prototype when read back by assignment, not make a property.
  if (keys.length === 0 || keys.includes('__proto__')) return null;
  const width = keys.length;
  while (builders.length < width) builders.push(new ColumnBuilder());
  for (let k = 0; k < width; k++) builders[k]!.reset(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isPlain(row)) return null;
    let k = 0;
    // for…in gives a plain object's keys in the order JSON.stringify writes them.
    for (const key in row) {
      const value = row[key];
      if (k === width || key !== keys[k] || !isScalar(value)) return null;
      builders[k]!.add(i, value);
      k++;
    }
    if (k !== width) return null;
  }
  const columns: Column[] = new Array(width);
  for (let k = 0; k < width; k++) columns[k] = builders[k]!.column(rows as readonly Record<string, unknown>[], keys[k]!);
  return { keys, count: rows.length, columns };
}

/** The cells back as objects, each with the keys in their order. */
export function unpackRows(packed: PackedRows): Record<string, unknown>[] {
  const { keys, count } = packed;
  const width = keys.length;
  const columns = packed.columns.map((c) => {
    if (Array.isArray(c)) return c;
    const values: unknown[] = new Array(count);
    for (let i = 0; i < count; i++) values[i] = c.distinct[indexOf(c.at.charCodeAt(i))];
    return values;
  });
  const rows: Record<string, unknown>[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < width; k++) row[keys[k]!] = columns[k]![i];
    rows[i] = row;
  }
  return rows;
}

/**
 * The sections with their texts left empty, and those texts in order with each one's length; null when the record
 * has no sections of that kind (a section keeps its text when it is not plain data with an own string `text`).
 */
function takeTexts(sections: unknown): { sections: unknown[]; texts: string[]; lengths: (number | null)[] } | null {
  if (!Array.isArray(sections) || sections.length === 0) return null;
  const kept: unknown[] = new Array(sections.length);
  const texts: string[] = [];
  const lengths: (number | null)[] = new Array(sections.length);
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i];
    if (isPlainData(section) && Object.hasOwn(section, 'text') && typeof section.text === 'string') {
      texts.push(section.text);
      lengths[i] = section.text.length;
      kept[i] = { ...section, text: '' };
    } else {
      lengths[i] = null;
      kept[i] = section;
    }
  }
  return texts.length > 0 ? { sections: kept, texts, lengths } : null;
}

/** The record's cache form: its tables' cells packed where they can be, its sections' texts kept out of the JSON. */
export function encodeRecord(record: object): EncodedRecord {
  const packed: Record<string, PackedRows> = {};
  let copy = record;
  let texts: string[] = [];
  let lengths: (number | null)[] | undefined;
  if (isPlainData(record)) {
    const tables = record.tables;
    if (isPlainData(tables)) {
      let kept: Record<string, unknown> | null = null;
      for (const name in tables) {
        const table = tables[name];
        // A table named `__proto__` would set the copy's prototype when assigned.
        if (name === '__proto__' || !isPlainData(table) || !Array.isArray(table.cells) || table.cells.length === 0) continue;
        const rows = packRows(table.cells);
        if (!rows) continue;
        packed[name] = rows;
        kept ??= { ...tables };
        kept[name] = { ...table, cells: [] };
      }
      if (kept) copy = { ...record, tables: kept };
    }
    const taken = Object.hasOwn(record, 'sections') ? takeTexts(record.sections) : null;
    if (taken) {
      copy = { ...copy, sections: taken.sections };
      texts = taken.texts;
      lengths = taken.lengths;
    }
  }
  return { json: JSON.stringify(lengths ? { record: copy, packed, texts: lengths } : { record: copy, packed }), texts };
}

/** A JSON text never holds a NUL byte (JSON escapes U+0000, and UTF-8 makes none of other characters): it ends the JSON. */
const NUL = 0x00;

/**
 * The record from its cache form's bytes (packs.ts): the JSON in UTF-8, then, when it says so, a NUL and the
 * sections' texts as UTF-16LE. Throws when they are not of this form.
 */
export function decodeRecord<R>(bytes: Buffer): R {
  const end = bytes.indexOf(NUL);
  const stored = JSON.parse(bytes.toString('utf8', 0, end < 0 ? bytes.length : end)) as Stored;
  if (!isPlain(stored) || !isPlain(stored.record) || !isPlain(stored.packed)) throw new Error('not a cached record');
  const tables = stored.record.tables as Record<string, { cells: unknown[] }>;
  for (const name in stored.packed) tables[name]!.cells = unpackRows(stored.packed[name]!);
  const lengths = stored.texts;
  if (lengths === undefined) {
    if (end >= 0) throw new Error('not a cached record');
    return stored.record as R;
  }
  const sections = stored.record.sections as { text: string }[];
  if (end < 0 || !Array.isArray(lengths) || !Array.isArray(sections) || lengths.length !== sections.length) throw new Error('not a cached record');
  let at = end + 1;
  for (let i = 0; i < lengths.length; i++) {
    const units = lengths[i];
    if (units === null) continue;
    if (typeof units !== 'number' || !(units >= 0) || at + 2 * units > bytes.length) throw new Error('not a cached record');
    sections[i]!.text = bytes.toString('utf16le', at, at + 2 * units);
    at += 2 * units;
  }
  if (at !== bytes.length) throw new Error('not a cached record');
  return stored.record as R;
}
