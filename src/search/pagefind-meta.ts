/**
 * The files a Pagefind bundle is made of, read from its metadata: the
 * language's `pagefind.<hash>.pf_meta` (named in pagefind-entry.json) lists
 * every page (fragment), index chunk and filter by the hash that names its
 * file. Pagefind 1.x stores it as gzip of `pagefind_dcd` + CBOR:
 * `[version, pages, index_chunks, filters, sorts, meta fields]`, a page being
 * `[hash, word_count, …]`, a chunk `[from, to, hash]`, a filter
 * `[name, hash]`. Anything else throws: the caller (shard-files.ts) then
 * does not trust what it found. Pure but for reading the bundle's files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** What Pagefind puts before the content of every file it compresses. */
const SIGNATURE = 'pagefind_dcd';

type Cbor = number | string | Uint8Array | boolean | null | Cbor[] | Map<Cbor, Cbor>;

/**
 * One CBOR item (RFC 8949) of definite length at `at`, and where the next
 * starts: unsigned and negative integers, byte and text strings, arrays,
 * maps, false/true/null — what Pagefind's minicbor encoding of its metadata
 * uses. Indefinite lengths, tags and floats throw.
 */
export function readCbor(bytes: Uint8Array, at = 0): { value: Cbor; next: number } {
  if (at >= bytes.length) throw new Error('CBOR: ends inside an item');
  const head = bytes[at]!;
  const major = head >> 5;
  const info = head & 0x1f;
  let length: number;
  let next = at + 1;
  if (info < 24) length = info;
  else if (info <= 27) {
    const size = 1 << (info - 24);
    if (next + size > bytes.length) throw new Error('CBOR: ends inside a length');
    length = 0;
    for (let i = 0; i < size; i++) length = length * 256 + bytes[next + i]!;
    next += size;
  } else throw new Error(`CBOR: unsupported additional information ${info} at ${at}`);
  switch (major) {
    case 0:
      return { value: length, next };
    case 1:
      return { value: -1 - length, next };
    case 2:
    case 3: {
      if (next + length > bytes.length) throw new Error('CBOR: ends inside a string');
      const slice = bytes.subarray(next, next + length);
      return { value: major === 2 ? slice : Buffer.from(slice).toString('utf8'), next: next + length };
    }
    case 4: {
      const items: Cbor[] = [];
      for (let i = 0; i < length; i++) {
        const item = readCbor(bytes, next);
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    case 5: {
      const map = new Map<Cbor, Cbor>();
      for (let i = 0; i < length; i++) {
        const key = readCbor(bytes, next);
        const value = readCbor(bytes, key.next);
        map.set(key.value, value.value);
        next = value.next;
      }
      return { value: map, next };
    }
    case 7:
      if (info === 20 || info === 21) return { value: info === 21, next };
      if (info === 22) return { value: null, next };
      throw new Error(`CBOR: unsupported simple value ${info} at ${at}`);
    default:
      throw new Error(`CBOR: unsupported major type ${major} at ${at}`);
  }
}

/** The hashes a bundle's metadata names, by kind of file. */
export interface MetaHashes {
  pages: string[];
  chunks: string[];
  filters: string[];
}

const isList = (v: Cbor): v is Cbor[] => Array.isArray(v);

/** The string at `index` of each entry of a list; throws when an entry is not a list holding one there. */
function column(list: Cbor, index: number | 'last', what: string): string[] {
  if (!isList(list)) throw new Error(`Pagefind metadata: ${what} is not a list`);
  return list.map((entry) => {
    const value = isList(entry) ? entry[index === 'last' ? entry.length - 1 : index] : undefined;
    if (typeof value !== 'string' || value === '') throw new Error(`Pagefind metadata: a ${what} entry has no hash`);
    return value;
  });
}

/** The hashes named by the bytes of a pf_meta file. */
export function metaHashes(file: Uint8Array): MetaHashes {
  const text = gunzipSync(file);
  if (text.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) throw new Error('Pagefind metadata: no signature');
  const { value, next } = readCbor(text, SIGNATURE.length);
  if (next !== text.length) throw new Error('Pagefind metadata: bytes after the item');
  if (!isList(value) || value.length < 4 || typeof value[0] !== 'string') throw new Error('Pagefind metadata: not [version, pages, chunks, filters, …]');
  return { pages: column(value[1]!, 0, 'page'), chunks: column(value[2]!, 'last', 'index chunk'), filters: column(value[3]!, 'last', 'filter') };
}

/**
 * Every file of a written bundle that carries a hash in its name, as paths
 * relative to the bundle: each language's metadata and the fragments, index
 * chunks and filters it names. Throws when the metadata does not list as
 * many pages as pagefind-entry.json counts.
 */
export function hashedBundleFiles(bundleDir: string): Set<string> {
  const entry = JSON.parse(readFileSync(join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string; page_count: number }> };
  const files = new Set<string>();
  for (const language of Object.values(entry.languages)) {
    const metaFile = `pagefind.${language.hash}.pf_meta`;
    const hashes = metaHashes(readFileSync(join(bundleDir, metaFile)));
    if (hashes.pages.length !== language.page_count) throw new Error(`${metaFile}: ${hashes.pages.length} pages, pagefind-entry.json counts ${language.page_count}`);
    files.add(metaFile);
    for (const h of hashes.pages) files.add(`fragment/${h}.pf_fragment`);
    for (const h of hashes.chunks) files.add(`index/${h}.pf_index`);
    for (const h of hashes.filters) files.add(`filter/${h}.pf_filter`);
  }
  return files;
}
