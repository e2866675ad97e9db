/**
 * The per-report pass of the emit stage, one report at a time in report_id
 * order: reports/<id>.json and markdown/<id>.md written only when their bytes
 * change, the report's CSV blocks appended to the dataset files, its markdown's
 * deflated zip entry appended to a parts file for the zip (cache.ts keeps
 * blocks and deflated markdown together, so a cached report is one read).
 * A report's full record is loaded only when the cache cannot answer for it.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'fflate';
import type { ReportRecord } from '../../schema/types.ts';
import type { EmitCache, ReportEntry } from './cache.ts';
import { sizeOf, writeIfChanged, type CsvSink } from './files.ts';
import { csvBlocks, markdownBytes, reportJson, sha256 } from './report-outputs.ts';
import type { ReportIndexEntry } from './report-index.ts';
import { deflateEntry } from './zip.ts';

/** One report as the emit stage sees it. */
export interface ReportSource {
  report_id: string;
  agency_id: string | null;
  /** Identifies everything the record is a function of, when known without loading it; else null (the JSON's hash is used). */
  key: string | null;
  load(): ReportRecord;
}

/** Where a markdown file's deflated bytes sit in the parts file. */
export interface PartEntry {
  name: string;
  crc: number;
  size: number;
  start: number;
  length: number;
}

export interface PassResult {
  index: ReportIndexEntry[];
  parts: PartEntry[];
}

export interface PassContext {
  out: string;
  cache: EmitCache;
  /** The code version, part of every blocks key. */
  version: string;
  previous: Map<string, string>;
  sinks: Map<string, CsvSink>;
  partsPath: string;
}

function fileMatches(path: string, size: number, sha: string): boolean {
  if (sizeOf(path) !== size) return false;
  return sha256(readFileSync(path)) === sha;
}

export function reportPass(sources: readonly ReportSource[], ctx: PassContext): PassResult {
  const parts = openSync(ctx.partsPath, 'w');
  const result: PassResult = { index: [], parts: [] };
  let offset = 0;
  try {
    for (const src of sources) {
      let record: ReportRecord | null = null;
      const load = () => (record ??= src.load());
      let json: Uint8Array | null = null;
      let markdown: Uint8Array | null = null;
      if (src.key === null) json = reportJson(load());
      const key = sha256(`${ctx.version}\0${src.key ?? sha256(json!)}`);
      let entry: ReportEntry | null = ctx.cache.report(key);
      if (!entry) {
        json ??= reportJson(load());
        markdown = markdownBytes(load());
        entry = { json_sha256: sha256(json), json_bytes: json.length, markdown_sha256: sha256(markdown), markdown: deflateEntry(markdown), csv: csvBlocks(load()) };
        ctx.cache.putReport(key, entry);
      }
      const id = src.report_id;
      const jsonPath = join(ctx.out, 'reports', `${id}.json`);
      // The previous report-index.json vouches for the file's bytes (checked by length), so it is not read back.
      const unchanged = ctx.previous.get(id) === entry.json_sha256 && sizeOf(jsonPath) === entry.json_bytes;
      if (!unchanged) writeIfChanged(jsonPath, (json ??= reportJson(load())));
      result.index.push({ report_id: id, agency_id: src.agency_id, sha256: entry.json_sha256 });

      for (const [name, sink] of ctx.sinks) sink.add(entry.csv.get(name)!);

      const mdName = `markdown/${id}.md`;
      const mdPath = join(ctx.out, mdName);
      if (!fileMatches(mdPath, entry.markdown.size, entry.markdown_sha256)) writeIfChanged(mdPath, markdown ?? inflateSync(entry.markdown.data));
      const data = entry.markdown.data;
      writeSync(parts, data);
      result.parts.push({ name: mdName, crc: entry.markdown.crc, size: entry.markdown.size, start: offset, length: data.length });
      offset += data.length;
    }
  } finally {
    closeSync(parts);
  }
  return result;
}
