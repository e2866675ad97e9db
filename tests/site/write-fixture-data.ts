/**
 * Writes the site's unit-test records through the real emit stage, to build the site against while the
 * parser is unfinished: npx tsx tests/site/write-fixture-data.ts <dir>
 */
import { writeDatasets } from '../../src/pipeline/emit/index.ts';
import { ALL } from '../unit/site/fixtures.ts';

const out = process.argv[2] ?? '/tmp/site-fixture-data';
writeDatasets(ALL, out);
console.log(`${ALL.length} fixture reports → ${out}`);
