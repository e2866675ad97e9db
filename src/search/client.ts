/**
 * The search page in the browser: reads the query and filters from the URL,
 * fills the filter lists from the index, runs the search (engine.ts), and
 * writes the results with DOM nodes only — report text is set as text, never
 * parsed as HTML (Pagefind's own HTML excerpt is not used).
 */
import { TEMPLATES } from '../schema/codes.ts';
import { loadIndex, type SearchIndex } from './bundle.ts';
import { SearchSession, type PartHit, type SearchOutcome } from './engine.ts';
import { FILTER_KEYS, type FilterKey } from './filters.ts';
import type { FilterValues } from './manifest.ts';
import { excerptParts, paramsFromState, stateFromParams, type SearchState } from './query.ts';

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

/** Filter lists from the values build-search.ts wrote, keeping the value from the URL. */
function fillFilters(available: FilterValues, state: SearchState): void {
  for (const key of FILTER_KEYS) {
    const select = byId<HTMLSelectElement>(`search-${key}`);
    const values = [...(available[key] ?? [])].sort((a, b) => (key === 'year' ? b.localeCompare(a) : a.localeCompare(b, 'zh')));
    const chosen = state.filters[key];
    if (chosen && !values.includes(chosen)) values.push(chosen);
    for (const value of values) select.append(new Option(optionLabel(key, value), value, false, value === chosen));
  }
}

function readForm(form: HTMLFormElement): SearchState {
  return stateFromParams(new URLSearchParams([...new FormData(form)].map(([k, v]) => [k, String(v)])));
}

function renderResult(hit: PartHit, terms: string[]): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h3');
  const link = document.createElement('a');
  link.href = hit.url;
  link.textContent = hit.title;
  heading.append(link);
  const excerpt = document.createElement('p');
  excerpt.className = 'search-excerpt';
  for (const part of excerptParts(hit.text, terms)) {
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
  const shown = `“${state.q}”`;
  if (outcome.complete && outcome.hits.length === 0) return `没有报告包含${shown}。`;
  if (outcome.complete) return `${outcome.reports} 份报告包含${shown}，共 ${outcome.hits.length} 处。`;
  if (outcome.hits.length === 0) return `已检查的 ${outcome.checked} 份候选报告都不包含${shown}；还有未检查的报告，可点“显示更多”继续。`;
  return `已列出 ${outcome.reports} 份报告包含${shown}（共 ${outcome.hits.length} 处）；还有未检查的报告，可点“显示更多”继续。`;
}

async function main(): Promise<void> {
  const form = byId<HTMLFormElement>('search-form');
  const input = byId<HTMLInputElement>('search-q');
  const status = byId<HTMLElement>('search-status');
  const list = byId<HTMLOListElement>('search-results');
  const more = byId<HTMLButtonElement>('search-more');
  byId<HTMLElement>('search-js-note').hidden = true;

  const initial = stateFromParams(new URLSearchParams(location.search));
  input.value = initial.q;
  let index: SearchIndex;
  try {
    const loaded = await loadIndex();
    index = loaded.index;
    fillFilters(loaded.site.filters, initial);
  } catch (error) {
    status.textContent = '搜索索引无法加载，请稍后再试。';
    console.error(error);
    return;
  }

  let generation = 0;
  let session: { search: SearchSession; state: SearchState } | null = null;
  const show = (state: SearchState, outcome: SearchOutcome) => {
    list.replaceChildren(...outcome.hits.map((hit) => renderResult(hit, outcome.terms)));
    status.textContent = statusText(state, outcome);
    status.dataset.reports = String(outcome.reports);
    status.dataset.strategy = outcome.strategy;
    status.dataset.state = 'done';
    more.hidden = outcome.complete;
  };
  const busy = () => {
    status.textContent = '正在搜索…';
    status.dataset.state = 'busy';
    form.setAttribute('aria-busy', 'true');
  };
  const run = async (state: SearchState) => {
    const mine = ++generation;
    const query = paramsFromState(state).toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    if (!state.q) {
      session = null;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '请输入要搜索的词语。';
      status.dataset.state = 'done';
      return;
    }
    busy();
    const started = await SearchSession.start(index, state);
    if (mine !== generation) return;
    session = { search: started, state };
    form.removeAttribute('aria-busy');
    show(state, started.outcome);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(readForm(form));
  });
  for (const key of FILTER_KEYS) byId<HTMLSelectElement>(`search-${key}`).addEventListener('change', () => void run(readForm(form)));
  more.addEventListener('click', () => {
    const current = session;
    if (!current) return;
    const mine = generation;
    busy();
    void current.search.more().then((outcome) => {
      if (mine !== generation) return;
      form.removeAttribute('aria-busy');
      show(current.state, outcome);
    });
  });
  await run(initial);
}

void main();
