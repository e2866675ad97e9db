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
import type { BlockAt, EmitState, ReportState } from './state.ts';
import { sizeOf, writeIfChanged, type CsvSink } from './files.ts';
import { entryKey, reportEntry, reportJson, sha256 } from './report-outputs.ts';
import type { ReportIndexEntry } from './report-index.ts';

/** One report as the emit stage sees it. */
export interface ReportSource {
  report_id: string;
  agency_id: string | null;
  /** Identifies everything the record is a function of, when known without loading it; else null (the JSON's hash is used). */
  key: string | null;
  load(): ReportRecord;
}

/** A markdown file's zip entry: deflated now (its bytes in the parts file) or, unchanged, in the previous zip. */
export interface PartEntry {
  name: string;
  crc: number;
  size: number;
  /** In the parts file; null when the entry is copied from the previous zip. */
  start: number | null;
  length: number;
  /** Offset of its local header in the previous zip, when copied from it. */
  previous: number | null;
}

export interface PassResult {
  index: ReportIndexEntry[];
  parts: PartEntry[];
  /** What the state of this run says of each report (state.ts). */
  reports: ReportState[];
}

export interface PassContext {
  out: string;
  cache: EmitCache;
  /** The code version, part of every blocks key. */
  version: string;
  previous: Map<string, string>;
  sinks: Map<string, CsvSink>;
  partsPath: string;
  /** The previous run's trusted state, if any. */
  state: EmitState | null;
  /** Reports whose files and entry a worker wrote in this run, from the same record under the same key. */
  madeElsewhere: ReadonlySet<string>;
}

function fileMatches(path: string, size: number, sha: string): boolean {
  if (sizeOf(path) !== size) return false;
  return sha256(readFileSync(path)) === sha;
}

export function reportPass(sources: readonly ReportSource[], ctx: PassContext): PassResult {
  const parts = openSync(ctx.partsPath, 'w');
  const result: PassResult = { index: [], parts: [], reports: [] };
  const before = new Map((ctx.state?.reports ?? []).map((r) => [r.id, r]));
  const zipBefore = new Map((ctx.state?.zip.entries ?? []).map((e) => [e.name, e]));
  let offset = 0;
  try {
    for (const src of sources) {
      let record: ReportRecord | null = null;
      const load = () => (record ??= src.load());
      let json: Uint8Array | null = null;
      let markdown: Uint8Array | null = null;
      if (src.key === null) json = reportJson(load());
      const key = entryKey(ctx.version, src.key ?? sha256(json!));
      const id = src.report_id;
      const jsonPath = join(ctx.out, 'reports', `${id}.json`);
      const mdName = `markdown/${id}.md`;
      const mdPath = join(ctx.out, mdName);
      const old = before.get(id);
      const oldZip = zipBefore.get(mdName);

      // Unchanged since the previous run, whose files are still there: nothing is read or written.
      if (old && old.key === key && oldZip && sizeOf(jsonPath) === old.json_bytes && sizeOf(mdPath) === old.markdown_bytes) {
        result.index.push({ report_id: id, agency_id: src.agency_id, sha256: old.json_sha256 });
        const blocks: Record<string, BlockAt> = {};
        for (const [name, sink] of ctx.sinks) {
          const at = old.blocks[name]!;
          blocks[name] = [sink.addOld(at), at[1], at[2]];
        }
        result.parts.push({ name: mdName, crc: oldZip.crc, size: oldZip.size, start: null, length: oldZip.compressed, previous: oldZip.offset });
        result.reports.push({ ...old, blocks });
        continue;
      }

      let entry: ReportEntry | null = ctx.cache.report(key);
      if (!entry) {
        const made = reportEntry(load(), json ?? undefined);
        ({ entry, json, markdown } = made);
        ctx.cache.putReport(key, entry);
      }
      // The previous report-index.json vouches for the file's bytes (checked by length), so it is not read back;
      // else the file is checked by its hash (a parse worker may have written it already).
      const byWorker = json === null && ctx.madeElsewhere.has(id);
      const unchanged = byWorker || (json === null && ((ctx.previous.get(id) === entry.json_sha256 && sizeOf(jsonPath) === entry.json_bytes) || fileMatches(jsonPath, entry.json_bytes, entry.json_sha256)));
      if (!unchanged) writeIfChanged(jsonPath, (json ??= reportJson(load())));
      result.index.push({ report_id: id, agency_id: src.agency_id, sha256: entry.json_sha256 });

      // A block equal to the report's old one counts as old, so a file none of whose blocks changed stays as it is.
      const blocks: Record<string, BlockAt> = {};
      for (const [name, sink] of ctx.sinks) {
        const block = entry.csv.get(name)!;
        const was = old?.blocks[name];
        const same = was !== undefined && was[1] === block.bytes.length && was[2] === block.rows && sink.oldEquals(was[0], block.bytes);
        blocks[name] = [same ? sink.addOld(was) : sink.add(block), block.bytes.length, block.rows];
      }

      if (!byWorker && !fileMatches(mdPath, entry.markdown.size, entry.markdown_sha256)) writeIfChanged(mdPath, markdown ?? inflateSync(entry.markdown.data));
      const data = entry.markdown.data;
      writeSync(parts, data);
      result.parts.push({ name: mdName, crc: entry.markdown.crc, size: entry.markdown.size, start: offset, length: data.length, previous: null });
      offset += data.length;
      result.reports.push({ id, key, json_sha256: entry.json_sha256, json_bytes: entry.json_bytes, markdown_bytes: entry.markdown.size, blocks });
    }
  } finally {
    closeSync(parts);
  }
  return result;
}
