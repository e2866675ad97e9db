/** Real corpus reports through the real pipeline, for the search unit tests. */
import { readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { listContentFiles } from '../../../src/pipeline/read.ts';
import type { SectionCode } from '../../../src/schema/codes.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';

const CONTENT = 'content';
const manifest = readSourcesManifest(CONTENT);
const cache = new Map<string, ReportRecord>();

export function corpusReport(file: string): ReportRecord {
  if (!cache.has(file)) cache.set(file, parseReport(readInputFile(CONTENT, file, manifest)));
  return cache.get(file)!;
}

export function corpusFiles(): string[] {
  return listContentFiles(CONTENT);
}

export function sectionText(file: string, code: SectionCode): string {
  return corpusReport(file).sections.find((s) => s.code === code)!.text;
}
