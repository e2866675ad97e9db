/**
 * copied.ts narrativeSignature, whose letters are picked by the WebAssembly kernel, equals its definition:
 * the signature of the shingle set of narrativeForComparison, or null below MIN_CHARS code points, on the real
 * corpus and synthetic reports, parsed, and on records with narratives at and around the minimum.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_CHARS, narrativeForComparison, narrativeSignature } from '../../../src/pipeline/cross/copied.ts';
import { shingleHashes, signature } from '../../../src/pipeline/cross/minhash.ts';
import { listContentFiles, readInputFile, readSourcesManifest, sha256Hex } from '../../../src/pipeline/read.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';
import { generateReport } from '../../../src/synth/index.ts';
import { record, sections } from './fixtures.ts';

const CONTENT = join(import.meta.dirname, '../../../content');

const byDefinition = (r: ReportRecord) => {
  const text = narrativeForComparison(r);
  return [...text].length >= MIN_CHARS ? Array.from(signature(shingleHashes(text))) : null;
};
const expectSame = (r: ReportRecord) => {
  const sig = narrativeSignature(r);
  expect(sig && Array.from(sig), r.source_file).toEqual(byDefinition(r));
};

describe('narrativeSignature', () => {
  it('equals its definition on the real corpus', () => {
    const manifest = readSourcesManifest(CONTENT);
    const files = listContentFiles(CONTENT);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expectSame(parseReport(readInputFile(CONTENT, file, manifest)));
  });

  it('equals its definition on synthetic reports', () => {
    for (let i = 0; i < 300; i++) {
      const { file, bytes } = generateReport('narrative-signature', i);
      expectSame(parseReport({ path: file, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } }));
    }
  });

  it('equals its definition around MIN_CHARS, with punctuation, digits, full-width and astral letters', () => {
    const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 131) % 20_000))).join('');
    for (const n of [0, 5, MIN_CHARS - 2, MIN_CHARS - 1, MIN_CHARS, MIN_CHARS + 1]) {
      for (const text of [letters(n), `${letters(n)}，2023年。`, `Ａ１${letters(Math.max(0, n - 1))}`, `𠀀${letters(Math.max(0, n - 1))}`]) {
        expectSame(record({ sections: sections({ general: text, problems: '问题', other_matters: '无' }) }));
        expectSame(record({ sections: sections({ general: text.slice(0, text.length >> 1), problems: text.slice(text.length >> 1), other_matters: '' }) }));
      }
    }
  });
});
