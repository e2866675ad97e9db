/**
 * How a report's digest (cross/slim.ts) is written in the parse cache's
 * digest log, and sent from a parse worker: JSON, with the carry-over cells
 * packed column by column (record-form.ts packRows: each key once, a repeated
 * value as one character) and the narrative signature as base64 of its 32-bit
 * words, little-endian. Two thirds of the plain JSON (the rest is mostly
 * the record's metadata and its error findings' messages): a rebuild reads
 * and parses every report's digest (10,000 bench reports: 33.6 → 21.8 MB).
 *
 * Exact: the digest read back is deep-equal to the one written, with its keys
 * in the same order (tests/unit/parallel/digest-form.test.ts). Internal to the
 * cache, like record-form.ts: a cache made by other code is keyed apart.
 */
import type { ReportRecord } from '../../schema/types.ts';
import { digestOf, type ReportDigest } from '../cross/slim.ts';
import { packRows, unpackRows, type PackedRows } from './record-form.ts';

/** How the parse step makes a report's digest and writes it as text (parallel/index.ts parseDigests). */
export interface DigestForm<D> {
  of(record: ReportRecord): D;
  text(digest: D): string;
  /** Throws when the text is not of this form. */
  parse(text: string): D;
}

/** Plain JSON: the form for digests other than the slim one. */
export function jsonDigest<D>(of: (record: ReportRecord) => D): DigestForm<D> {
  return { of, text: (digest) => JSON.stringify(digest), parse: (text) => JSON.parse(text) as D };
}

/**
 * The stored form: the slim record with its carry-over cells left empty; those cells packed (or as they are, when
 * they cannot be); the signature as base64 (or as numbers, when they are not all 32-bit words).
 */
interface Stored {
  slim: ReportRecord;
  carry: PackedRows | unknown[];
  signature: string | number[] | null;
  errors: ReportDigest['errors'];
}

const WORD = 4;
const isWord = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

function signatureText(signature: number[] | null): Stored['signature'] {
  if (signature === null || !signature.every(isWord)) return signature;
  const bytes = Buffer.allocUnsafe(signature.length * WORD);
  for (let i = 0; i < signature.length; i++) bytes.writeUInt32LE(signature[i]!, i * WORD);
  return bytes.toString('base64');
}

function signatureFrom(stored: Stored['signature']): number[] | null {
  if (stored === null || Array.isArray(stored)) return stored;
  if (typeof stored !== 'string') throw new Error('not a digest');
  const bytes = Buffer.from(stored, 'base64');
  // Buffer.from skips what is not base64: only text that is exactly its bytes' base64 is one.
  if (bytes.length % WORD !== 0 || bytes.toString('base64') !== stored) throw new Error('not a digest');
  const words: number[] = new Array(bytes.length / WORD);
  for (let i = 0; i < words.length; i++) words[i] = bytes.readUInt32LE(i * WORD);
  return words;
}

export function digestText(digest: ReportDigest): string {
  const applications = digest.slim.tables.applications;
  const packed = applications.cells.length > 0 ? packRows(applications.cells) : null;
  const slim = { ...digest.slim, tables: { ...digest.slim.tables, applications: { ...applications, cells: [] } } };
  const stored: Stored = { slim, carry: packed ?? applications.cells, signature: signatureText(digest.signature), errors: digest.errors };
  return JSON.stringify(stored);
}

export function digestFromText(text: string): ReportDigest {
  const stored = JSON.parse(text) as Stored;
  const applications = stored?.slim?.tables?.applications;
  if (!applications || !Array.isArray(applications.cells) || !Array.isArray(stored.errors) || stored.carry === null || typeof stored.carry !== 'object') throw new Error('not a digest');
  // Set where the empty list stands, so the cells keep their place among the table's keys.
  applications.cells = (Array.isArray(stored.carry) ? stored.carry : unpackRows(stored.carry)) as typeof applications.cells;
  return { slim: stored.slim, signature: signatureFrom(stored.signature), errors: stored.errors };
}

/** The digest the data stage keeps of each report: what its workers make and its digest log holds. */
export const SLIM_DIGEST: DigestForm<ReportDigest> = { of: digestOf, text: digestText, parse: digestFromText };
