/**
 * Shared by the table tests and `npm run fixtures:update`: how a fixture folder
 * or a corpus report is run, and the stable JSON its expectations are kept in.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToText } from '../../../src/pipeline/html.ts';
import { readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { parseTables } from '../../../src/pipeline/tables/index.ts';
import type { Finding, ReportTables } from '../../../src/schema/types.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const FIXTURES = join(ROOT, 'tests/fixtures/tables');
export const GOLDEN = join(ROOT, 'tests/golden/tables');
export const CONTENT = join(ROOT, 'content');

export interface TablesExpectation {
  tables: ReportTables;
  /** The tables stage's own findings (reading cells), without their messages. */
  findings: Pick<Finding, 'rule' | 'location' | 'actual' | 'expected'>[];
}

const TABLE_RULES = new Set(['table.unreadable_cells', 'table.imputed_cells']);

function expectation(tables: ReportTables, findings: Finding[]): TablesExpectation {
  return {
    tables,
    findings: findings.filter((f) => TABLE_RULES.has(f.rule)).map((f) => ({ rule: f.rule, location: f.location, actual: f.actual, expected: f.expected })),
  };
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** A fixture's input through the same stages as a report: HTML → pipe rows, then the tables stage. */
export function runFixture(name: string): TablesExpectation {
  const dir = join(FIXTURES, name);
  const html = join(dir, 'input.html');
  const text = existsSync(html) ? htmlToText(readFileSync(html, 'utf8')) : readFileSync(join(dir, 'input.txt'), 'utf8');
  const r = parseTables({ sections: [], text, year: null });
  return expectation(r.value, r.findings);
}

export function corpusFiles(): string[] {
  return readdirSync(CONTENT).filter((f) => f.endsWith('.txt')).sort();
}

/** A corpus report through the whole pipeline. */
export function runReport(file: string): TablesExpectation & { year: number | null } {
  const record = parseReport(readInputFile(CONTENT, file, readSourcesManifest(CONTENT)));
  return { ...expectation(record.tables, record.findings), year: record.metadata.year };
}

/** Stable JSON with one cell or finding per line, so a golden file reads like the table. */
export function toJson(value: unknown): string {
  const flat = (v: unknown, indent: string): string => {
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) return `[\n${v.map((x) => `${indent} ${JSON.stringify(x)}`).join(',\n')}\n${indent}]`;
      return JSON.stringify(v);
    }
    if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v).map(([k, x]) => `${indent} ${JSON.stringify(k)}: ${flat(x, `${indent} `)}`);
      return entries.length ? `{\n${entries.join(',\n')}\n${indent}}` : '{}';
    }
    return JSON.stringify(v);
  };
  return `${flat(value, '')}\n`;
}
