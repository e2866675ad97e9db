#!/usr/bin/env bash
# The browser tests drive Debian's chromium (npm packages may not download browsers here).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing Debian chromium for the browser tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi
echo "chromium not found at $CHROMIUM: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH" >&2
exit 1
