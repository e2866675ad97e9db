/** The record of a file whose parse went over the per-file limit: failed, with a `file.timeout` finding. */
import type { InputFile, ReportRecord } from '../../schema/types.ts';
import { makeFinding } from '../findings.ts';
import { failedRecord } from '../failed-record.ts';

export function failedRecordFor(file: InputFile, rule: 'file.timeout' | 'file.unreadable', zh: string, en: string): ReportRecord {
  return failedRecord(file, [makeFinding(rule, { location: 'file', zh, en })], null);
}

export function timedOutRecord(file: InputFile, limitMs: number): ReportRecord {
  return failedRecordFor(file, 'file.timeout', `${file.path}：解析超过${limitMs}毫秒，已停止`, `${file.path}: parsing took longer than ${limitMs} ms and was stopped`);
}
