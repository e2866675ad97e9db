/** Fixture folders named after the quirk they cover: input.txt (or input.html) and expected.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFolders, fixtureInput, FIXTURE_DIR, readStages } from './load.ts';
import { summarise } from './summary.ts';

describe('reader fixtures', () => {
  it('has the quirk folders', () => {
    expect(fixtureFolders()).toEqual(expect.arrayContaining(['whole-body-one-line', 'markdown-headings', 'cr-only-line-endings', 'site-chrome-footer', 'alternative-titles']));
  });
  for (const folder of fixtureFolders()) {
    it(folder, () => {
      const input = fixtureInput(folder);
      const expected = JSON.parse(readFileSync(join(FIXTURE_DIR, folder, 'expected.json'), 'utf8'));
      expect(summarise(readStages(input.path, input.bytes))).toEqual(expected);
    });
  }
});
