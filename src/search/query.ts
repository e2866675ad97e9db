/**
 * Query handling of the search page, pure and shared by the browser script
 * and the quality measurement (scripts/search-quality.ts).
 *
 * Pagefind segments Chinese at index time, but splits a Chinese query its own
 * way and matches the pieces as word prefixes, so a query such as 行政复议
 * also "finds" 各行…答复 and quoted phrases find nothing (Pagefind #1237,
 * #987). Pagefind is therefore used to find candidates, and a candidate is
 * kept only when its text contains every query term as written (the
 * Chinese reader's notion of a word or phrase; spaces separate terms). When
 * Pagefind returns no candidate for the raw query, it is asked again with the
 * query cut into words by the browser's own segmenter (Intl.Segmenter), and
 * the same check applies. docs/search-quality.md measures the effect.
 */
import { FILTER_KEYS, type FilterKey } from './filters.ts';

export interface SearchState {
  q: string;
  filters: Partial<Record<FilterKey, string>>;
}

/** The state of the page from its URL (?q=…&year=…&province=…&level=…&template=…). */
export function stateFromParams(params: URLSearchParams): SearchState {
  const filters: SearchState['filters'] = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return { q: (params.get('q') ?? '').trim(), filters };
}

/** The URL query of a state, parameters in a fixed order, empty ones left out. */
export function paramsFromState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** Pagefind's filter argument: each chosen filter as a one-value list. */
export function pagefindFilters(state: SearchState): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) filters[key] = [value];
  }
  return filters;
}

/**
 * Text reduced for matching: NFKC (full-width letters and digits to ASCII),
 * lower case, no whitespace — report text is often broken by spaces or line
 * ends inside words (PDF extraction), and users type with or without spaces
 * between Chinese words.
 */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/**
 * The terms of a query: quoted parts as phrases, the rest split on
 * whitespace; quotes of either width are accepted. Normalised, de-duplicated,
 * in order.
 */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  // A phrase in ASCII, Chinese or corner quotes; everything else splits on whitespace.
  const QUOTED = /["“”「」『』]([^"“”「」『』]*)["“”「」『』]?/gu;
  const unquoted = query.normalize('NFKC').replace(QUOTED, (_, phrase: string) => {
    terms.push(phrase);
    return ' ';
  });
  terms.push(...unquoted.split(/\s+/u));
  const seen = new Set<string>();
  return terms.map(normaliseForMatch).filter((t) => t !== '' && !seen.has(t) && (seen.add(t), true));
}

/** What Pagefind is asked first: the terms, space-separated, without quotes (quoted Chinese finds nothing). */
export function pagefindQuery(terms: readonly string[]): string {
  return terms.join(' ');
}

/** Han characters: the script Pagefind cannot split the way the index did. */
const HAN = /\p{Script=Han}/u;

/**
 * The retry query: each term cut into words by a word segmenter (the
 * browser's Intl.Segmenter for zh), so that Pagefind can match them against
 * the words its index holds. Null when cutting changes nothing.
 */
export function segmentedQuery(terms: readonly string[], segment: (text: string) => string[]): string | null {
  const words = terms.flatMap((t) => (HAN.test(t) ? segment(t) : [t])).filter((w) => w.trim() !== '');
  const query = words.join(' ');
  return query === pagefindQuery(terms) ? null : query;
}

/** A word segmenter from Intl.Segmenter (browsers, Node ≥ 16). */
export function intlSegmenter(locale = 'zh'): (text: string) => string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return (text) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** True when the text contains every term as written (after normaliseForMatch). */
export function containsAllTerms(text: string, terms: readonly string[]): boolean {
  const haystack = normaliseForMatch(text);
  return terms.every((t) => haystack.includes(t));
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/**
 * A short excerpt of the text around the first occurrence of a term, split
 * into plain and marked parts. The page builds it from text nodes and <mark>
 * elements, so no report text is ever parsed as HTML. Matching ignores
 * whitespace inside the text (a term may span a PDF line break).
 */
export function excerptParts(text: string, terms: readonly string[], radius = 60): ExcerptPart[] {
  const chars = [...text.replace(/\s+/gu, ' ')];
  // Each character of the normalised text, with the index in `chars` it came from.
  const normChars: string[] = [];
  const origin: number[] = [];
  chars.forEach((c, i) => {
    for (const unit of normaliseForMatch(c)) {
      normChars.push(unit);
      origin.push(i);
    }
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  let first = -1;
  for (const term of terms) {
    const needle = [...term];
    for (let at = 0; at + needle.length <= normChars.length; at++) {
      if (!needle.every((c, k) => normChars[at + k] === c)) continue;
      // Mark the whole span, spaces inside it included (a term broken by a PDF line end).
      for (let c = origin[at]!; c <= origin[at + needle.length - 1]!; c++) marked[c] = true;
      if (first < 0 || origin[at]! < first) first = origin[at]!;
    }
  }
  const centre = Math.max(first, 0);
  const start = Math.max(0, centre - radius);
  const end = Math.min(chars.length, centre + radius * 2);
  const parts: ExcerptPart[] = start > 0 ? [{ text: '…', mark: false }] : [];
  for (let i = start; i < end; i++) {
    const last = parts.at(-1);
    if (last && last.mark === marked[i]) last.text += chars[i];
    else parts.push({ text: chars[i]!, mark: marked[i]! });
  }
  if (end < chars.length) parts.push({ text: '…', mark: false });
  return parts;
}
