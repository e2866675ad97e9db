/**
 * The sharded index in the browser. `/pagefind/search.json` names the shard
 * bundles (build-search.ts); the first one's pagefind.js is imported, and
 * the others are merged into it (Pagefind's mergeIndex) only when a search
 * needs them: every merged shard costs its metadata and, for each query
 * word, its own index chunks, so a common term that fills a page of results
 * from the first shard downloads only that shard. Shards are merged in
 * groups that double (1, 1, 2, 4, …), and a search over newly merged shards
 * is limited to them by the `shard` filter each record carries.
 *
 * Pagefind runs on the page's own thread (`noWorker`): its worker would be
 * one more script to download, for searches that take milliseconds.
 */
import type { PagefindResult } from './engine.ts';
import type { SiteSearchFile } from './manifest.ts';

/** The parts of pagefind.js used here (it has no types). */
interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string): Promise<void>;
  search(query: string, options?: { filters?: Record<string, string[]> }): Promise<{ results: PagefindResult[] } | null>;
}

/** What the search engine needs of the index: the shards, searched a group at a time. */
export interface SearchIndex {
  /** Every shard, in the order they are searched. */
  readonly shards: readonly string[];
  /** The shards merged so far (a prefix of `shards`). */
  readonly merged: readonly string[];
  /** Merges the next group of shards and returns their names (empty when all are merged). */
  mergeNext(): Promise<string[]>;
  /** Pagefind's results for a query; `only` limits them to those shards (else every merged shard). */
  search(query: string, filters: Record<string, string[]>, only?: readonly string[]): Promise<PagefindResult[]>;
}

export interface LoadedIndex {
  index: SearchIndex;
  site: SiteSearchFile;
}

/** The shard filter of build-search.ts (src/search/shards.ts; not imported, to keep node:crypto out of the page). */
const SHARD_FILTER = 'shard';

class ShardedIndex implements SearchIndex {
  merged: string[];
  /** Merges under way: a search waits for them, so `merged` always names exactly the shards Pagefind searches. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly module: PagefindModule,
    private readonly base: string,
    readonly shards: readonly string[],
  ) {
    this.merged = shards.slice(0, 1);
  }

  async mergeNext(): Promise<string[]> {
    const next = this.shards.slice(this.merged.length, this.merged.length * 2);
    this.merged = [...this.merged, ...next];
    this.pending = Promise.all([this.pending, ...next.map((name) => this.module.mergeIndex(`${this.base}${name}/`))]);
    await this.pending;
    return next;
  }

  async search(query: string, filters: Record<string, string[]>, only?: readonly string[]): Promise<PagefindResult[]> {
    await this.pending;
    if (!only) return (await this.module.search(query, { filters }))?.results ?? [];
    const each = await Promise.all(only.map((name) => this.module.search(query, { filters: { ...filters, [SHARD_FILTER]: [name] } })));
    return each.flatMap((s) => s?.results ?? []).sort((a, b) => b.score - a.score);
  }
}

export async function loadIndex(base = '/pagefind/'): Promise<LoadedIndex> {
  const response = await fetch(`${base}search.json`);
  if (!response.ok) throw new Error(`${response.status} fetching ${base}search.json`);
  const site = (await response.json()) as SiteSearchFile;
  const primary = site.shards[0];
  if (!primary) throw new Error(`${base}search.json names no shard`);
  const module = (await import(/* @vite-ignore */ `${base}${primary}/pagefind.js`)) as PagefindModule;
  await module.options({ noWorker: true });
  await module.init();
  return { index: new ShardedIndex(module, base, site.shards), site };
}
