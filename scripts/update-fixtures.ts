/**
 * npm run fixtures:update — deliberately regenerate tests/fixtures/tables/<quirk>/expected.json
 * from the current parser. Never run by CI: review the diff (git diff tests/fixtures) before
 * committing. With --golden, also rewrite tests/golden/tables/<report>.json, which must then be
 * checked again cell by cell against the report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, GOLDEN, corpusFiles, fixtureNames, runFixture, runReport, toJson } from '../tests/unit/tables/harness.ts';

for (const name of fixtureNames()) {
  writeFileSync(join(FIXTURES, name, 'expected.json'), toJson(runFixture(name)));
  console.log(`fixture ${name}`);
}
if (process.argv.includes('--golden')) {
  for (const file of corpusFiles()) {
    const { tables, findings } = runReport(file);
    writeFileSync(join(GOLDEN, file.replace(/\.txt$/, '.json')), toJson({ file, tables, findings }));
    console.log(`golden ${file}`);
  }
}
