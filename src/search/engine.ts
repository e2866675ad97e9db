/**
 * One search over the sharded Pagefind index (bundle.ts), with the query
 * handling of query.ts: Pagefind finds candidate reports, the text of each
 * candidate's parts decides. Candidates are read lazily — only as many as one
 * page of results needs — because each one read is a fragment downloaded, and
 * further shards are searched only when the ones merged so far do not fill
 * the page; `more()` reads the next page. Runs in the browser (the search
 * page, and scripts/search-quality.ts through chromium).
 */
import type { SearchIndex } from './bundle.ts';
import { partTitle, partUrl, splitParts } from './parts.ts';
import { containsAllTerms, intlSegmenter, pagefindFilters, pagefindQuery, queryTerms, segmentedQuery, type SearchState } from './query.ts';

/** A result of Pagefind's browser API (pagefind.js has no types). */
export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindData>;
}
export interface PagefindData {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** One part of one report that contains every term. */
export interface PartHit {
  report: string;
  /** Agency, year and part, e.g. `南充市顺庆区人民政府办公室 2020年 · 一、总体情况`. */
  title: string;
  /** The part's anchor on the agency page. */
  url: string;
  text: string;
}

/** Reports a page of results shows; candidates are read until this many more matched. */
export const PAGE_SIZE = 20;
/**
 * Candidates read for one page at most; past this the page stops and offers
 * to read on. Each is a fragment of ~1.5 kB, so a query that Pagefind
 * over-matches but no text contains costs at most ~150 kB of fragments.
 */
export const MAX_CANDIDATES = 100;
/** Fewest candidates read in one round (a noisy query needs several rounds to fill a page). */
const MIN_BATCH = 10;

export interface SearchOutcome {
  terms: string[];
  /** Parts that contain every term, in Pagefind's order of their reports. */
  hits: PartHit[];
  /** Distinct reports among the hits. */
  reports: number;
  /** Which query found them: the raw terms, or the terms cut by Intl.Segmenter. */
  strategy: 'raw' | 'segmented' | 'none';
  /** Pagefind's own result count (reports) for the query used in the shards searched so far, before the text check. */
  candidates: number;
  /** Candidates whose text has been read so far. */
  checked: number;
  /** True when every shard was searched and every candidate read: the hits are all there are. */
  complete: boolean;
}

/** The parts of a candidate that contain every term; the whole report when its parts cannot be told apart. */
export function partHits(data: PagefindData, terms: readonly string[]): PartHit[] {
  const report = data.meta.report ?? data.url;
  const title = data.meta.title ?? data.url;
  const parts = splitParts(data.content, data.meta.parts ?? '');
  if (!parts) return containsAllTerms(data.content, terms) ? [{ report, title, url: data.url, text: data.content }] : [];
  return parts
    .filter((p) => containsAllTerms(p.text, terms))
    .map((p) => ({ report, title: `${title} · ${partTitle(p.code)}`, url: partUrl(data.url, report, p.code), text: p.text }));
}

/** The candidates of one query and how far they have been read. */
class Reading {
  hits: PartHit[] = [];
  checked = 0;
  private readonly results: PagefindResult[] = [];
  private readonly reports = new Set<string>();
  /** Shards searched so far (a prefix of index.shards). */
  private searched = 0;

  private constructor(
    private readonly index: SearchIndex,
    private readonly query: string,
    private readonly filters: Record<string, string[]>,
    private readonly terms: readonly string[],
  ) {}

  /** Asks every shard merged so far, and reads the first page. */
  static async start(index: SearchIndex, query: string, filters: Record<string, string[]>, terms: readonly string[]): Promise<Reading> {
    const reading = new Reading(index, query, filters, terms);
    reading.searched = index.merged.length;
    reading.results.push(...(await index.search(query, filters)));
    await reading.readOn(PAGE_SIZE);
    return reading;
  }

  /** True when every shard has been searched and every candidate read. */
  get complete(): boolean {
    return this.searched >= this.index.shards.length && this.checked >= this.results.length;
  }

  get reportCount(): number {
    return this.reports.size;
  }

  get candidates(): number {
    return this.results.length;
  }

  /** Searches the shards not searched yet (merging the next group when needed); false when there are none. */
  private async searchFurther(): Promise<boolean> {
    if (this.searched >= this.index.shards.length) return false;
    if (this.index.merged.length <= this.searched) await this.index.mergeNext();
    const fresh = this.index.merged.slice(this.searched);
    this.searched = this.index.merged.length;
    this.results.push(...(await this.index.search(this.query, this.filters, fresh)));
    return true;
  }

  /** Reads candidates until `wanted` more reports matched, every shard and candidate is read, or MAX_CANDIDATES were read. */
  async readOn(wanted: number): Promise<void> {
    const target = this.reports.size + wanted;
    const stop = this.checked + MAX_CANDIDATES;
    while (this.reports.size < target && this.checked < stop) {
      if (this.checked >= this.results.length) {
        if (await this.searchFurther()) continue;
        break;
      }
      const size = Math.min(Math.max(target - this.reports.size, MIN_BATCH), stop - this.checked);
      const batch = this.results.slice(this.checked, this.checked + size);
      this.checked += batch.length;
      for (const data of await Promise.all(batch.map((r) => r.data()))) {
        for (const hit of partHits(data, this.terms)) {
          this.hits.push(hit);
          this.reports.add(hit.report);
        }
      }
    }
  }
}

/** A search whose results are read a page at a time. */
export class SearchSession {
  private constructor(
    readonly terms: string[],
    private readonly reading: Reading | null,
    readonly strategy: SearchOutcome['strategy'],
  ) {}

  /** Search once: the raw terms, then (only if nothing matched) the segmented terms; reads the first page. */
  static async start(index: SearchIndex, state: SearchState): Promise<SearchSession> {
    const terms = queryTerms(state.q);
    if (terms.length === 0) return new SearchSession(terms, null, 'none');
    const ask = (query: string) => Reading.start(index, query, pagefindFilters(state), terms);
    const raw = await ask(pagefindQuery(terms));
    if (raw.hits.length > 0) return new SearchSession(terms, raw, 'raw');
    const retry = segmentedQuery(terms, intlSegmenter());
    if (retry === null) return new SearchSession(terms, raw, 'raw');
    const segmented = await ask(retry);
    return segmented.hits.length > 0 ? new SearchSession(terms, segmented, 'segmented') : new SearchSession(terms, raw, 'raw');
  }

  get outcome(): SearchOutcome {
    const r = this.reading;
    return {
      terms: this.terms,
      hits: r ? [...r.hits] : [],
      reports: r?.reportCount ?? 0,
      strategy: this.strategy,
      candidates: r?.candidates ?? 0,
      checked: r?.checked ?? 0,
      complete: r?.complete ?? true,
    };
  }

  /** Reads the next page of results. */
  async more(): Promise<SearchOutcome> {
    await this.reading?.readOn(PAGE_SIZE);
    return this.outcome;
  }
}

/** The first page of a search (see SearchSession). */
export async function runSearch(index: SearchIndex, state: SearchState): Promise<SearchOutcome> {
  return (await SearchSession.start(index, state)).outcome;
}
