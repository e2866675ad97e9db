/**
 * One input file → one ReportRecord. Pure: every stage is a function of the
 * previous stage's output; nothing here touches the file system.
 */
import { SECTIONS, type ParseStatus } from '../schema/codes.ts';
import type { Finding, InputFile, ReportMetadata, ReportRecord, ReportTables, Section } from '../schema/types.ts';
import { codePointCount } from './chars.ts';
import { cleanText } from './clean.ts';
import { decodeBytes } from './decode.ts';
import { htmlToText } from './html.ts';
import { agencyIdFor, reportIdFor } from './ids.ts';
import { makeFinding } from './findings.ts';
import { extractMetadata } from './metadata/index.ts';
import { segmentReport } from './segment.ts';
import { parseTables } from './tables/index.ts';
import { validateReport } from './validate/index.ts';
import { failedRecord } from './failed-record.ts';

// The empty parts of a record and the record of an unreadable file live in failed-record.ts (no parser imports).
export { EMPTY_METADATA, EMPTY_TABLES, failedRecord } from './failed-record.ts';

const NARRATIVE = new Set<string>(SECTIONS.filter((s) => s.narrative).map((s) => s.code));

export function parseReport(file: InputFile): ReportRecord {
  const findings: Finding[] = [];

  // 0. read limits: a file the read stage refused (too large, too many files, not a regular file) stops here.
  if (file.refused) return failedRecord(file, [file.refused], null);

  // 1. decode: bytes → text (encoding, BOM, line endings); unreadable files stop here.
  const decoded = decodeBytes(file.bytes, file.path);
  findings.push(...decoded.findings);
  if (!decoded.value) return failedRecord(file, findings, null);

  // 2. html: HTML pages become the same text form, tables as `| a | b |` rows.
  const plain = decoded.value.isHtml ? htmlToText(decoded.value.text) : decoded.value.text;

  // 3. clean: site chrome removed, and recorded.
  const cleaned = cleanText(plain);

  // 4. segment: the six parts by their titles.
  const segmented = segmentReport(cleaned.text);
  findings.push(...segmented.findings);
  const sections = segmented.value;

  // 5. metadata: agency, year, region, dates, contact.
  const meta = extractMetadata(cleaned.text, sections);
  findings.push(...meta.findings);

  // 6. tables: 二, 三, 四 into the contract's cells; the template comes from their headers.
  const tables = parseTables({ sections, text: cleaned.text, year: meta.value.year, sourceText: plain });
  findings.push(...tables.findings);
  const metadata: ReportMetadata = {
    ...meta.value,
    template: tables.value.applications.template ?? tables.value.proactive_disclosure.template ?? tables.value.review_litigation.template,
  };

  // 7. validate: the contract's single-report rules.
  findings.push(...validateReport({ metadata, sections, tables: tables.value, text: cleaned.text, partStarts: segmented.partStarts }));

  const isReport = sections.some((s) => s.status === 'present');
  if (!isReport) findings.push(makeFinding('file.not_a_report', { location: 'file', zh: `${file.path}：未找到年度报告的任何部分（一至六）`, en: `${file.path}: none of the six parts of an annual report was found` }));
  const agencyId = metadata.agency_name ? agencyIdFor(metadata.agency_name) : null;
  return {
    report_id: reportIdFor(agencyId, metadata.year, file.sha256),
    agency_id: agencyId,
    source_file: file.path,
    source_sha256: file.sha256,
    provenance: file.provenance,
    encoding: decoded.value.encoding,
    parse_status: isReport ? parseStatusOf(findings, sections, tables.value) : 'failed',
    metadata,
    sections,
    tables: tables.value,
    findings,
    removed_chrome: cleaned.removed,
    narrative_chars: narrativeChars(sections),
  };
}

/** ok: every part and table read with no parser-side problem; partial: something missing or unreadable. */
function parseStatusOf(findings: Finding[], sections: Section[], tables: ReportTables): ParseStatus {
  // (Plain loops: these run once per report, mostly before V8 optimises them, where a callback per item costs.)
  for (let i = 0; i < sections.length; i++) if (sections[i]!.status === 'missing') return 'partial';
  const parsed = Object.values(tables);
  for (let i = 0; i < parsed.length; i++) if (parsed[i]!.status !== 'present') return 'partial';
  for (let i = 0; i < findings.length; i++) if (findings[i]!.origin === 'parser' && findings[i]!.severity !== 'info') return 'partial';
  return 'ok';
}

function narrativeChars(sections: Section[]): number {
  let n = 0;
  for (let i = 0; i < sections.length; i++) if (NARRATIVE.has(sections[i]!.code)) n += codePointCount(sections[i]!.text);
  return n;
}
