/** Reads corpus files and fixture folders, and runs the reader stages on them as report.ts does. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanText } from '../../../src/pipeline/clean.ts';
import { decodeBytes } from '../../../src/pipeline/decode.ts';
import { htmlToText } from '../../../src/pipeline/html.ts';
import { extractMetadata } from '../../../src/pipeline/metadata/index.ts';
import { sha256Hex } from '../../../src/pipeline/read.ts';
import { segmentReport } from '../../../src/pipeline/segment.ts';
import type { InputFile } from '../../../src/schema/types.ts';
import type { ReaderOutput } from './summary.ts';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CONTENT_DIR = join(ROOT, 'content');
export const GOLDEN_DIR = join(ROOT, 'tests', 'golden', 'reader');
export const FIXTURE_DIR = join(ROOT, 'tests', 'fixtures', 'reader');

export function corpusFiles(): string[] {
  return readdirSync(CONTENT_DIR).filter((f) => f.endsWith('.txt')).sort();
}

export function corpusBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CONTENT_DIR, name)));
}

export function goldenPath(name: string): string {
  return join(GOLDEN_DIR, `${name.replace(/\.[^.]+$/, '')}.json`);
}

export function inputFromBytes(path: string, bytes: Uint8Array): InputFile {
  return { path, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } };
}

/** decode → html → clean → segment → metadata, exactly as parseReport chains them. */
export function readStages(path: string, bytes: Uint8Array): ReaderOutput & { text: string | null } {
  const decoded = decodeBytes(bytes, path);
  if (!decoded.value) return { metadata: null, sections: [], removed_chrome: [], text: null };
  const plain = decoded.value.isHtml ? htmlToText(decoded.value.text) : decoded.value.text;
  const cleaned = cleanText(plain);
  const sections = segmentReport(cleaned.text).value;
  const metadata = extractMetadata(cleaned.text, sections).value;
  return { metadata, sections, removed_chrome: cleaned.removed, text: cleaned.text };
}

export function fixtureFolders(): string[] {
  return readdirSync(FIXTURE_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** The input of a fixture folder: input.txt or input.html. */
export function fixtureInput(folder: string): { path: string; bytes: Uint8Array } {
  for (const name of ['input.txt', 'input.html']) {
    const full = join(FIXTURE_DIR, folder, name);
    if (existsSync(full)) return { path: `${folder}/${name}`, bytes: new Uint8Array(readFileSync(full)) };
  }
  throw new Error(`${folder}: no input.txt or input.html`);
}
