// @ts-check
import { defineConfig } from 'astro/config';

// Pages only render data the pipeline prepared in public/data (npm run data).
export default defineConfig({
  site: 'https://nianbao.example.org',
  trailingSlash: 'always',
  build: { format: 'directory' },
  // The site never renders report Markdown: narrative text is rendered as text.
});
