/**
 * One search over the Pagefind bundle, with the query handling of query.ts:
 * Pagefind finds candidates, the text of each candidate decides. Runs in the
 * browser (the search page, and scripts/search-quality.ts through chromium).
 */
import { containsAllTerms, intlSegmenter, pagefindFilters, pagefindQuery, queryTerms, segmentedQuery, type SearchState } from './query.ts';

/** The parts of Pagefind's browser API this page uses (pagefind.js has no types). */
export interface PagefindApi {
  init(): Promise<void>;
  search(query: string | null, options?: { filters?: Record<string, string[]> }): Promise<{ results: PagefindResult[] } | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}
export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindData>;
}
export interface PagefindData {
  url: string;
  content: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** Candidates whose text is read; beyond this the page says "at least". */
export const MAX_CANDIDATES = 200;

export interface SearchOutcome {
  terms: string[];
  hits: PagefindData[];
  /** Which query found them: the raw terms, or the terms cut by Intl.Segmenter. */
  strategy: 'raw' | 'segmented' | 'none';
  /** Pagefind's own result count for the query used, before the text check. */
  candidates: number;
  /** True when there were more candidates than were read. */
  truncated: boolean;
}

async function verified(api: PagefindApi, query: string, state: SearchState, terms: string[]) {
  const search = await api.search(query, { filters: pagefindFilters(state) });
  const results = search?.results ?? [];
  const read = await Promise.all(results.slice(0, MAX_CANDIDATES).map((r) => r.data()));
  return {
    hits: read.filter((d) => containsAllTerms(d.content, terms)),
    candidates: results.length,
    truncated: results.length > MAX_CANDIDATES,
  };
}

/** Search once: the raw terms, then (only if nothing matched) the segmented terms. */
export async function runSearch(api: PagefindApi, state: SearchState): Promise<SearchOutcome> {
  const terms = queryTerms(state.q);
  if (terms.length === 0) return { terms, hits: [], strategy: 'none', candidates: 0, truncated: false };
  const raw = await verified(api, pagefindQuery(terms), state, terms);
  if (raw.hits.length > 0) return { terms, strategy: 'raw', ...raw };
  const retry = segmentedQuery(terms, intlSegmenter());
  if (retry === null) return { terms, strategy: 'raw', ...raw };
  const segmented = await verified(api, retry, state, terms);
  return { terms, strategy: segmented.hits.length > 0 ? 'segmented' : 'raw', ...segmented };
}
