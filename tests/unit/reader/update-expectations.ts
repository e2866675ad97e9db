/**
 * Rewrites the reader's golden files (tests/golden/reader/<file>.json) and
 * fixture expectations (tests/fixtures/reader/<quirk>/expected.json) from the
 * current parser. A deliberate command, never run by CI:
 *   npx tsx tests/unit/reader/update-expectations.ts
 * Read every changed file against its report before keeping it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusBytes, corpusFiles, fixtureFolders, fixtureInput, FIXTURE_DIR, GOLDEN_DIR, goldenPath, readStages } from './load.ts';
import { summarise } from './summary.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
mkdirSync(GOLDEN_DIR, { recursive: true });
for (const file of corpusFiles()) {
  writeFileSync(goldenPath(file), json({ source_file: file, ...summarise(readStages(file, corpusBytes(file))) }));
  console.log(`golden ${file}`);
}
for (const folder of fixtureFolders()) {
  const input = fixtureInput(folder);
  writeFileSync(join(FIXTURE_DIR, folder, 'expected.json'), json(summarise(readStages(input.path, input.bytes))));
  console.log(`fixture ${folder}`);
}
