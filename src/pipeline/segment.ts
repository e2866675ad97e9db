/** segment stage: the six parts 一…六 by their titles. STUB — replaced by the reader work (issue 2). */
import { SECTIONS } from '../schema/codes.ts';
import type { Section } from '../schema/types.ts';
import type { StageResult } from './findings.ts';

export function segmentReport(text: string): StageResult<Section[]> {
  const sections: Section[] = SECTIONS.map((s) => ({ code: s.code, number: s.number, status: 'missing', title_found: null, text: '' }));
  return { value: sections, findings: [] };
}
