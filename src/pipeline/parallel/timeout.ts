/** The record of a file whose parse went over the per-file limit: failed, with a `file.timeout` finding. */
import { SECTIONS } from '../../schema/codes.ts';
import type { InputFile, ReportRecord } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import { reportIdFor } from '../ids.ts';
import { EMPTY_METADATA, EMPTY_TABLES } from '../report.ts';

export function failedRecordFor(file: InputFile, rule: 'file.timeout' | 'file.unreadable', zh: string, en: string): ReportRecord {
  return {
    report_id: reportIdFor(null, null, file.sha256),
    agency_id: null,
    source_file: file.path,
    source_sha256: file.sha256,
    provenance: file.provenance,
    encoding: null,
    parse_status: 'failed',
    metadata: EMPTY_METADATA,
    sections: SECTIONS.map((s) => ({ code: s.code, number: s.number, status: 'missing', title_found: null, text: '' })),
    tables: EMPTY_TABLES,
    findings: [makeFinding(rule, { location: 'file', zh, en })],
    removed_chrome: [],
    narrative_chars: 0,
  };
}

export function timedOutRecord(file: InputFile, limitMs: number): ReportRecord {
  return failedRecordFor(file, 'file.timeout', `${file.path}：解析超过${limitMs}毫秒，已停止`, `${file.path}: parsing took longer than ${limitMs} ms and was stopped`);
}
