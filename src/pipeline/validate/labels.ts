/**
 * Chinese and English names of table positions, for the messages of the
 * validate stage. Every label comes from the schema (codes.ts); nothing is
 * retyped here.
 */
import { APPLICANTS, APPLICATION_ROWS, MEASURES, PROACTIVE_CATEGORIES, PROCEEDINGS, RESULTS, SECTIONS } from '../../schema/codes.ts';
import type { ApplicationKey, ReviewKey } from '../../schema/identities.ts';
import { mapList } from '../packed.ts';

export interface Label {
  zh: string;
  en: string;
}

export type TableCode = 'applications' | 'proactive_disclosure' | 'review_litigation';

export const TABLE_LABELS: Record<TableCode, Label & { numeral: string }> = {
  proactive_disclosure: { numeral: '二', zh: '表二（主动公开政府信息情况）', en: 'table 2 (proactive disclosure)' },
  applications: { numeral: '三', zh: '表三（收到和处理政府信息公开申请情况）', en: 'table 3 (applications)' },
  review_litigation: { numeral: '四', zh: '表四（行政复议、行政诉讼情况）', en: 'table 4 (reconsideration and litigation)' },
};

export function applicantLabel(code: string): Label {
  const a = APPLICANTS.find((x) => x.code === code);
  return a ? { zh: a.zh, en: a.en.toLowerCase() } : { zh: code, en: code };
}

/** Row label with its template number, e.g. 三(三)1 属于国家秘密. */
export function applicationRowLabel(code: string): Label {
  return ROW_LABELS.get(code) ?? { zh: code, en: code };
}

/** The label of every row of the schema, made once (a finding names rows mostly before V8 optimises their making). */
const ROW_LABELS = new Map<string, Label>(APPLICATION_ROWS.map((r) => [r.code, rowLabel(r)]));

function rowLabel(r: (typeof APPLICATION_ROWS)[number]): Label {
  // Top-level rows are numbered 一、二、; sub-rows carry their parentheses: 三(三)1.
  const zhNumber = r.number.length === 1 ? `${r.number}、` : r.number;
  // English readers get the template numbering in digits: 三(三)1 → 3(3)1, 一 → 1.
  const digits = mapList([...r.number], (ch) => { const i = '一二三四五六七八九'.indexOf(ch); return i >= 0 ? String(i + 1) : ch; }).join('');
  const enNumber = r.number.length === 1 ? `${digits}.` : digits;
  return { zh: `${zhNumber}${r.zh}`, en: `${enNumber} ${r.en.toLowerCase()}` };
}

export function proceedingLabel(code: string): Label {
  const p = PROCEEDINGS.find((x) => x.code === code);
  return p ? { zh: p.zh, en: p.en.toLowerCase() } : { zh: code, en: code };
}

export function resultLabel(code: string): Label {
  const r = RESULTS.find((x) => x.code === code);
  return r ? { zh: r.zh, en: r.en.toLowerCase() } : { zh: code, en: code };
}

export function sectionLabel(code: string): Label {
  const s = SECTIONS.find((x) => x.code === code);
  return s ? { zh: `${s.numeral}、${s.zh}`, en: `part ${s.number} (${s.en.toLowerCase()})` } : { zh: '正文其他部分', en: 'text outside the six parts' };
}

export function applicationKeyLabel(k: ApplicationKey): Label {
  const row = applicationRowLabel(k.row);
  const col = applicantLabel(k.applicant);
  return { zh: `${row.zh}·${col.zh}`, en: `${row.en} × ${col.en}` };
}

export function reviewKeyLabel(k: ReviewKey): Label {
  const p = proceedingLabel(k.proceeding);
  const r = resultLabel(k.result);
  return { zh: `${p.zh}·${r.zh}`, en: `${p.en} × ${r.en}` };
}

/** A number as printed in messages: integers plain, decimals without float noise. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

export function proactiveKeyLabel(category: string, measure: string): Label {
  const c = PROACTIVE_CATEGORIES.find((x) => x.code === category);
  const m = MEASURES.find((x) => x.code === measure);
  return { zh: `${c?.zh ?? category}·${m?.zh ?? measure}`, en: `${c?.en.toLowerCase() ?? category} × ${m?.en.toLowerCase() ?? measure}` };
}
