/**
 * The corpora the identity checks (parse-digests.ts, emit-digests.ts) walk:
 * the real corpus (content/) and each `name=DIR` given, every file parsed in
 * listing order. A folder that does not exist stops the script (exit 2).
 */
import { existsSync } from 'node:fs';
import { listContentFiles, readInputFile, readSourcesManifest } from '../src/pipeline/read.ts';
import { parseReport } from '../src/pipeline/report.ts';
import type { ReportRecord } from '../src/schema/types.ts';

export function eachParsedFile(tool: string, namedDirs: readonly string[], onRecord: (name: string, path: string, record: ReportRecord, index: number) => void, onCorpusDone: (name: string) => void): void {
  const corpora: [string, string][] = [['real', 'content'], ...namedDirs.map((p): [string, string] => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])];
  for (const [name, dir] of corpora) {
    if (!existsSync(dir)) {
      console.error(`${tool}: ${dir} does not exist`);
      process.exit(2);
    }
    const manifest = readSourcesManifest(dir);
    listContentFiles(dir).forEach((path, index) => onRecord(name, path, parseReport(readInputFile(dir, path, manifest)), index));
    onCorpusDone(name);
  }
}
