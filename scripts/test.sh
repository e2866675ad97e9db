#!/usr/bin/env bash
# npm test: unit tests, then a real build of the site, then the tests over the
# built site in a real browser (Debian chromium via playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
npx vitest run --project unit
npm run build
npx vitest run --project browser
