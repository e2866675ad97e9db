/** The record of a file whose parse went over the per-file limit: failed, with a `file.timeout` finding. */
import type { InputFile, ReportRecord } from '../../schema/types.ts';
import { createRequire } from 'node:module';
import { makeFinding } from '../findings.ts';
import type * as FailedRecordCode from '../failed-record.ts';

// failed-record.ts brings ids.ts and its pinyin dictionary, a good part of a rebuild's start-up: the pool loads
// it (synchronously: require of an ES module) only when a file fails, not whenever it starts.
const requireHere = createRequire(import.meta.url);
let failedRecordCode: typeof FailedRecordCode | undefined;

export function failedRecordFor(file: InputFile, rule: 'file.timeout' | 'file.unreadable', zh: string, en: string): ReportRecord {
  failedRecordCode ??= requireHere('../failed-record.ts') as typeof FailedRecordCode;
  return failedRecordCode.failedRecord(file, [makeFinding(rule, { location: 'file', zh, en })], null);
}

export function timedOutRecord(file: InputFile, limitMs: number): ReportRecord {
  return failedRecordFor(file, 'file.timeout', `${file.path}：解析超过${limitMs}毫秒，已停止`, `${file.path}: parsing took longer than ${limitMs} ms and was stopped`);
}
