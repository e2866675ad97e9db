/** Records for the writer tests: the real corpus and synthetic reports, parsed, plus hostile variants of each. */
import { join } from 'node:path';
import { listContentFiles, readInputFile, readSourcesManifest, sha256Hex } from '../../../src/pipeline/read.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { generateReport } from '../../../src/synth/index.ts';
import { applicationTable, record, sections } from './fixtures.ts';
import { hostileVariant } from '../../../src/robustness/escaping-records.ts';

const CONTENT = join(import.meta.dirname, '../../../content');

function parsed(synthetic: number): ReportRecord[] {
  const manifest = readSourcesManifest(CONTENT);
  const real = listContentFiles(CONTENT).map((file) => parseReport(readInputFile(CONTENT, file, manifest)));
  const synth = Array.from({ length: synthetic }, (_, i) => {
    const { file, bytes } = generateReport('writers', i);
    return parseReport({ path: file, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } });
  });
  const built = [
    record(),
    record({ parse_status: 'failed', metadata: { ...record().metadata, agency_name: null, year: null, template: null } }),
    record({ sections: sections({ general: '甲\n\n乙', problems: '问题。', other_matters: '无。' }), tables: {
      applications: { status: 'present', template: '2021', cells: applicationTable((row, a) => (row === 'received_new' && a === 'total' ? 7 : 0)) },
      proactive_disclosure: { status: 'missing', template: null, cells: [] },
      review_litigation: { status: 'empty', template: null, cells: [] },
    } }),
  ];
  return [...real, ...synth, ...built];
}

export function writerRecords(synthetic = 24): ReportRecord[] {
  const records = parsed(synthetic);
  return [...records, ...records.flatMap((r) => Array.from({ length: 6 }, (_, k) => hostileVariant(r, k)))];
}
