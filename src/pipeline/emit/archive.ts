/**
 * nianbao-data.zip assembled from its parts: whole files (the CSVs,
 * datapackage.json, README.md), deflated now or taken from the deflate cache
 * by their sha256, and the markdown entries already deflated by the report
 * pass. Written entry by entry in name order, as deterministicZip orders them.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { EmitCache } from './cache.ts';
import type { PartEntry } from './report-pass.ts';
import { openZipWriter } from './zip-writer.ts';
import { deflateEntry } from './zip.ts';

/** A whole file of the output folder that goes into the zip under its own name. */
export interface WholeFile {
  name: string;
  sha256: string;
}

export function writeArchive(out: string, zipName: string, whole: readonly WholeFile[], parts: readonly PartEntry[], partsPath: string, cache: EmitCache): { bytes: number; sha256: string } {
  type Item = { name: string; whole?: WholeFile; part?: PartEntry };
  const items: Item[] = [...whole.map((w) => ({ name: w.name, whole: w })), ...parts.map((p) => ({ name: p.name, part: p }))];
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const zip = openZipWriter(join(out, zipName));
  const fd = openSync(partsPath, 'r');
  try {
    for (const item of items) {
      if (item.whole) {
        let entry = cache.deflated(item.whole.sha256);
        if (!entry) {
          entry = deflateEntry(readFileSync(join(out, item.whole.name)));
          cache.putDeflated(item.whole.sha256, entry);
        }
        zip.add(item.name, entry);
      } else {
        const p = item.part!;
        const data = Buffer.alloc(p.length);
        if (p.length && readSync(fd, data, 0, p.length, p.start) !== p.length) throw new Error(`short read of ${partsPath} for ${p.name}`);
        zip.add(item.name, { crc: p.crc, size: p.size, data });
      }
    }
  } finally {
    closeSync(fd);
  }
  return zip.close();
}
