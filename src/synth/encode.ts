/** Bytes of a generated file: UTF-8 (with or without BOM), GBK or UTF-16LE with BOM, and its line endings. */
import iconv from 'iconv-lite';
import type { Rng } from './prng.ts';

export const ENCODINGS = ['utf-8', 'utf-8-bom', 'gbk', 'utf-16le'] as const;
export type SynthEncoding = (typeof ENCODINGS)[number];
export type LineEnding = 'lf' | 'crlf' | 'cr';

export function pickEncoding(rng: Rng): SynthEncoding {
  return rng.weighted<SynthEncoding>([['utf-8', 70], ['utf-8-bom', 5], ['gbk', 15], ['utf-16le', 10]]);
}

export function pickLineEnding(rng: Rng): LineEnding {
  return rng.weighted<LineEnding>([['lf', 80], ['crlf', 15], ['cr', 5]]);
}

export function withLineEndings(text: string, ending: LineEnding): string {
  return ending === 'lf' ? text : text.replace(/\n/g, ending === 'crlf' ? '\r\n' : '\r');
}

export function encodeText(text: string, encoding: SynthEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'utf-8-bom':
      return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8'));
    case 'gbk':
      return new Uint8Array(iconv.encode(text, 'gbk'));
    case 'utf-16le':
      return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
  }
}
