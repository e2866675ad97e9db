/** decode stage: bytes → text. STUB — replaced by the reader work (issue 2). */
import type { DecodedText } from '../schema/types.ts';
import type { StageResult } from './findings.ts';

export function decodeBytes(bytes: Uint8Array, path: string): StageResult<DecodedText | null> {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/\r\n?/g, '\n');
  return { value: { text, encoding: 'utf-8', lineEndings: 'lf', isHtml: /\.html?$/i.test(path) }, findings: [] };
}
