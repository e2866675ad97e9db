/**
 * The parts of a report inside its one search record. The record's content is
 * the parts one after another; its meta `parts` says how long each is, as
 * `general:812 problems:301` — the part's code and its count of characters
 * that are not whitespace. Whitespace is not counted because Pagefind does not
 * keep it as written (it drops line ends and marks word ends with U+200B,
 * which its browser API removes again); every other character it keeps.
 * build-search.ts checks every written fragment against this rule.
 */
import { SECTIONS, type SectionCode } from '../schema/codes.ts';

export interface PartText {
  code: SectionCode;
  text: string;
}

const CODES = new Set<string>(SECTIONS.map((s) => s.code));
/** Whitespace as JavaScript's \s sees it (line ends, spaces, U+3000 ideographic space). */
const WHITESPACE = /\s/u;
/** One entry of the meta: a part code, a colon, a count. */
const ENTRY = /^([a-z_]+):(\d+)$/u;

/** Characters of a text that are not whitespace, counted by code point. */
export function countedLength(text: string): number {
  let n = 0;
  for (const c of text) if (!WHITESPACE.test(c)) n++;
  return n;
}

/** The meta value for a record's parts. */
export function partsMeta(parts: readonly PartText[]): string {
  return parts.map((p) => `${p.code}:${countedLength(p.text)}`).join(' ');
}

/** The parts named in a meta value, with their counted lengths; null when it is not one. */
export function parsePartsMeta(meta: string): { code: SectionCode; length: number }[] | null {
  const out: { code: SectionCode; length: number }[] = [];
  for (const entry of meta.split(' ')) {
    const m = ENTRY.exec(entry);
    if (!m || !CODES.has(m[1]!)) return null;
    out.push({ code: m[1] as SectionCode, length: Number(m[2]) });
  }
  return out.length > 0 ? out : null;
}

/**
 * The content of a record cut back into its parts; null when the meta does
 * not fit the content (the counted lengths do not add up to the content's).
 * Whitespace between two parts goes with the earlier one and is trimmed.
 */
export function splitParts(content: string, meta: string): PartText[] | null {
  const parts = parsePartsMeta(meta);
  if (!parts) return null;
  const chars = [...content];
  const out: PartText[] = [];
  let at = 0;
  for (const [i, part] of parts.entries()) {
    const start = at;
    let counted = 0;
    while (at < chars.length && counted < part.length) if (!WHITESPACE.test(chars[at++]!)) counted++;
    if (counted < part.length) return null;
    // The last part takes the rest; any non-whitespace left over means the meta is wrong.
    if (i === parts.length - 1) {
      const rest = chars.slice(at).join('');
      if (countedLength(rest) !== 0) return null;
      at = chars.length;
    }
    out.push({ code: part.code, text: chars.slice(start, at).join('').trim() });
  }
  return out;
}

/** The anchor of a part on its agency page (the site renders `<section id="<report_id>--<code>">`), from the report's URL. */
export function partUrl(reportUrlWithAnchor: string, reportId: string, code: SectionCode): string {
  return `${reportUrlWithAnchor.split('#')[0]}#${reportId}--${code}`;
}

/** The part as titled by the template, e.g. `一、总体情况`. */
export function partTitle(code: SectionCode): string {
  const def = SECTIONS.find((s) => s.code === code)!;
  return `${def.numeral}、${def.zh}`;
}
