/**
 * The search page in the browser: reads the query and filters from the URL,
 * fills the filter lists from the index, runs the search (engine.ts), and
 * writes the results with DOM nodes only — report text is set as text, never
 * parsed as HTML (Pagefind's own HTML excerpt is not used).
 */
import { TEMPLATES } from '../schema/codes.ts';
import { MAX_CANDIDATES, runSearch, type PagefindApi, type SearchOutcome } from './engine.ts';
import { FILTER_KEYS, type FilterKey } from './filters.ts';
import { distinctReports, excerptParts, paramsFromState, stateFromParams, type SearchState } from './query.ts';

const PAGEFIND_URL = '/pagefind/pagefind.js';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing from the search page`);
  return element as T;
}

function optionLabel(key: FilterKey, value: string): string {
  if (key === 'template') return TEMPLATES.find((t) => t.code === value)?.zh ?? value;
  if (key === 'year') return `${value}年`;
  return value;
}

/** Filter lists from the index (values with their record counts), keeping the value from the URL. */
function fillFilters(available: Record<string, Record<string, number>>, state: SearchState): void {
  for (const key of FILTER_KEYS) {
    const select = byId<HTMLSelectElement>(`search-${key}`);
    const values = Object.keys(available[key] ?? {}).sort((a, b) => (key === 'year' ? b.localeCompare(a) : a.localeCompare(b, 'zh')));
    const chosen = state.filters[key];
    if (chosen && !values.includes(chosen)) values.push(chosen);
    for (const value of values) select.append(new Option(optionLabel(key, value), value, false, value === chosen));
  }
}

function readForm(form: HTMLFormElement): SearchState {
  return stateFromParams(new URLSearchParams([...new FormData(form)].map(([k, v]) => [k, String(v)])));
}

function renderResult(hit: SearchOutcome['hits'][number], terms: string[]): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h3');
  const link = document.createElement('a');
  link.href = hit.url;
  link.textContent = hit.meta.title ?? hit.url;
  heading.append(link);
  const excerpt = document.createElement('p');
  excerpt.className = 'search-excerpt';
  for (const part of excerptParts(hit.content, terms)) {
    if (part.mark) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      excerpt.append(mark);
    } else excerpt.append(document.createTextNode(part.text));
  }
  item.append(heading, excerpt);
  return item;
}

function statusText(state: SearchState, outcome: SearchOutcome): string {
  if (outcome.terms.length === 0) return '请输入要搜索的词语。';
  const reports = distinctReports(outcome.hits);
  const shown = `“${state.q}”`;
  if (outcome.hits.length === 0) return `没有报告包含${shown}。`;
  const more = outcome.truncated ? `（只检查了前 ${MAX_CANDIDATES} 个候选部分，可能还有更多；请加词或筛选缩小范围）` : '';
  return `${reports} 份报告包含${shown}，共 ${outcome.hits.length} 处。${more}`;
}

async function main(): Promise<void> {
  const form = byId<HTMLFormElement>('search-form');
  const input = byId<HTMLInputElement>('search-q');
  const status = byId<HTMLElement>('search-status');
  const list = byId<HTMLOListElement>('search-results');
  byId<HTMLElement>('search-js-note').hidden = true;

  const initial = stateFromParams(new URLSearchParams(location.search));
  input.value = initial.q;
  let api: PagefindApi;
  try {
    api = (await import(/* @vite-ignore */ PAGEFIND_URL)) as PagefindApi;
    await api.init();
    fillFilters(await api.filters(), initial);
  } catch (error) {
    status.textContent = '搜索索引无法加载，请稍后再试。';
    console.error(error);
    return;
  }

  let generation = 0;
  const run = async (state: SearchState) => {
    const mine = ++generation;
    const query = paramsFromState(state).toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    if (!state.q) {
      list.replaceChildren();
      status.textContent = '请输入要搜索的词语。';
      status.dataset.state = 'done';
      return;
    }
    status.textContent = '正在搜索…';
    status.dataset.state = 'busy';
    form.setAttribute('aria-busy', 'true');
    const outcome = await runSearch(api, state);
    if (mine !== generation) return;
    form.removeAttribute('aria-busy');
    list.replaceChildren(...outcome.hits.map((hit) => renderResult(hit, outcome.terms)));
    status.textContent = statusText(state, outcome);
    status.dataset.reports = String(distinctReports(outcome.hits));
    status.dataset.strategy = outcome.strategy;
    status.dataset.state = 'done';
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(readForm(form));
  });
  for (const key of FILTER_KEYS) byId<HTMLSelectElement>(`search-${key}`).addEventListener('change', () => void run(readForm(form)));
  await run(initial);
}

void main();
