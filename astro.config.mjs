// @ts-check
import { defineConfig } from 'astro/config';

// Pages only render data the pipeline prepared in public/data (npm run data).
// scripts/build.ts points publicDir at an empty folder (NIANBAO_PUBLIC_DIR) and
// copies public/ and the data folder into the output itself, changed files
// only, so Astro does not copy hundreds of MB of data on every build.
export default defineConfig({
  site: 'https://nianbao.example.org',
  trailingSlash: 'always',
  build: { format: 'directory' },
  publicDir: process.env.NIANBAO_PUBLIC_DIR ?? './public',
  // scripts/build.ts gives each of its concurrent Astro processes a cache folder of its own.
  cacheDir: process.env.NIANBAO_ASTRO_CACHE_DIR ?? './node_modules/.astro',
  // The site never renders report Markdown: narrative text is rendered as text.
});
