/**
 * The clean stage's output for whole reports — the real corpus in content/,
 * and synthetic reports — for the tests that compare a fast path of a later
 * stage with its plain definition on real input.
 */
import { join } from 'node:path';
import { cleanText } from '../../../src/pipeline/clean.ts';
import { decodeBytes } from '../../../src/pipeline/decode.ts';
import { htmlToText } from '../../../src/pipeline/html.ts';
import { listContentFiles, readInputFile, readSourcesManifest } from '../../../src/pipeline/read.ts';
import { generateReport } from '../../../src/synth/index.ts';

const CONTENT = join(import.meta.dirname, '../../../content');

/** A file's text after decode, html and clean; null when it does not decode. */
function cleaned(bytes: Uint8Array, path: string): string | null {
  const d = decodeBytes(bytes, path).value;
  return d ? cleanText(d.isHtml ? htmlToText(d.text) : d.text).text : null;
}

/** Every report of the real corpus that decodes, cleaned (never none: a test over no text proves nothing). */
export function realCleanedTexts(): string[] {
  const manifest = readSourcesManifest(CONTENT);
  const texts = listContentFiles(CONTENT).flatMap((file) => cleaned(readInputFile(CONTENT, file, manifest).bytes, file) ?? []);
  if (texts.length < 5) throw new Error(`only ${texts.length} reports of ${CONTENT} decode`);
  return texts;
}

/** `count` synthetic reports of the seed that decode, cleaned. */
export function syntheticCleanedTexts(seed: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => generateReport(seed, i)).flatMap(({ file, bytes }) => cleaned(bytes, file) ?? []);
}
