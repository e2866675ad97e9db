/**
 * The last step of `npm run build`: the Pagefind index of the narrative text.
 *
 *   tsx scripts/build-search.ts [--data dist/data/reports] [--out dist/pagefind]
 *
 * Reads the per-report JSON the data stage wrote (copied into dist/ by astro
 * build), adds one custom record per report × part (src/search/records.ts)
 * through Pagefind's Node API, writes the bundle, and checks it: the build
 * fails (exit 1) when Pagefind reports an error, when the index is empty, or
 * when it holds fewer pages than records were added.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import type { ReportRecord } from '../src/schema/types.ts';
import { buildSearchRecords, SEARCH_LANGUAGE } from '../src/search/records.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'dist/data/reports' },
    out: { type: 'string', default: 'dist/pagefind' },
  },
});

function fail(message: string): never {
  console.error(`search index: FAILED: ${message}`);
  process.exit(1);
}

function readReports(dir: string): ReportRecord[] {
  if (!existsSync(dir)) fail(`${dir} does not exist (run the data stage and astro build first)`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ReportRecord);
}

/** Pages per language as Pagefind wrote them in pagefind-entry.json. */
function writtenPageCount(out: string): number {
  const entry = JSON.parse(readFileSync(join(out, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
}

async function main(): Promise<void> {
  const reports = readReports(values.data!);
  const { records, skipped } = buildSearchRecords(reports);
  const byReason = (reason: string) => skipped.filter((s) => s.reason === reason).length;
  console.log(
    `search index: ${reports.length} reports → ${records.length} records ` +
      `(${reports.length - skipped.length} reports indexed; skipped: ${byReason('no_agency')} without an agency, ${byReason('no_text')} without narrative text)`,
  );
  if (reports.length === 0) fail(`no report JSON in ${values.data}`);
  if (records.length === 0) fail('no narrative text to index: the index would be empty');

  const { index, errors } = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
  if (!index || errors.length > 0) fail(`createIndex: ${errors.join('; ')}`);
  let words = 0;
  for (const record of records) {
    const added = await index.addCustomRecord(record);
    if (added.errors.length > 0) fail(`${record.url}: ${added.errors.join('; ')}`);
    if (added.file.uniqueWords === 0) fail(`${record.url}: Pagefind found no words in ${record.content.length} characters`);
    words += added.file.uniqueWords;
  }
  const written = await index.writeFiles({ outputPath: values.out! });
  if (written.errors.length > 0) fail(`writeFiles: ${written.errors.join('; ')}`);
  await pagefind.close();

  const pages = writtenPageCount(values.out!);
  if (pages < records.length) fail(`${values.out} holds ${pages} pages, ${records.length} records were added`);
  const chars = records.reduce((n, r) => n + [...r.content].length, 0);
  console.log(`search index: ${pages} pages, ${chars} characters, ${words} unique words per page summed → ${values.out}`);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
