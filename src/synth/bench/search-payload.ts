/**
 * Bytes a visitor downloads for one search on a built site: the search page
 * is opened in Chromium with ?q=…, and every Pagefind response (entry, wasm,
 * index chunks, fragments) is counted once the results are shown.
 */
import { resolve } from 'node:path';
import { launchChromium } from '../../../tests/support/browser.ts';
import { serveDist } from '../../../tests/support/server.ts';

export interface SearchPayload {
  bytes: number;
  requests: number;
  results: string;
}

export async function searchPayload(siteDir: string, query: string): Promise<SearchPayload> {
  const server = await serveDist(resolve(siteDir));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let bytes = 0;
    let requests = 0;
    page.on('response', async (response) => {
      if (!response.url().includes('/pagefind/')) return;
      requests++;
      try {
        // Await first: `bytes += await …` would read `bytes` before the await and lose concurrent responses' counts.
        const body = await response.body();
        bytes += body.length;
      } catch {
        // A response the page dropped (navigation) has no body; it was not downloaded in full.
      }
    });
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'networkidle', timeout: 120_000 });
    // The page marks its status done once the results are shown; network idle can come earlier (WebAssembly start-up).
    await page.waitForSelector('#search-status[data-state="done"]', { timeout: 120_000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    const results = (await page.locator('main').innerText().catch(() => '')).split('\n').find((l) => /\d/.test(l) && /结果|results?/i.test(l)) ?? '';
    return { bytes, requests, results };
  } finally {
    await browser.close();
    await server.close();
  }
}
