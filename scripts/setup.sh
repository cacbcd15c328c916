#!/usr/bin/env bash
# Installs npm dependencies when missing or stale, generates the Prisma client and compiles to dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
# The 8D report's PDF needs a font with Chinese glyphs (REPORT_FONT_FILE, default Debian's fonts-noto-cjk);
# the tests read PDFs back with pdftotext (poppler-utils) and open the customer page in a headless Chromium
# (Debian's chromium, driven by playwright-core); the staff walk-through's commands (docs/walkthrough.md, run
# by a test) use curl and jq. Installed when missing (root), else named.
font="${REPORT_FONT_FILE:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
missing=()
[ -f "$font" ] || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (8D report PDF font, pdftotext, headless Chromium, curl and jq) ..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    [ -f "$font" ] || { echo "REPORT_FONT_FILE ${font} does not exist (fonts-noto-cjk is installed)" >&2; exit 1; }
  else
    echo "missing ${missing[*]} (the 8D report's PDF font ${font} / pdftotext / Chromium for the browser tests / curl and jq for the walk-through): run" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    echo "(or set REPORT_FONT_FILE to a font with Chinese glyphs)" >&2
    exit 1
  fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing npm dependencies ..." >&2
  # `npm install` (not `npm ci`): the registry mirror of the build machines does not serve every
  # platform's optional packages, so the lock file lacks them and `npm ci` would refuse it.
  npm install --no-audit --no-fund --loglevel=error >&2
fi
# Prisma 7's CLI wants a schema-engine binary even for `generate`, which never runs it; any file will do.
PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}" \
  node_modules/.bin/prisma generate >/dev/null 2>&1 || { echo "prisma generate failed" >&2; node_modules/.bin/prisma generate; exit 1; }
node_modules/.bin/tsc -p tsconfig.build.json
# the workflow code bundled once here, not by every worker at its start (worker/workflow-bundle.ts)
node dist/worker/workflow-bundle.js >/dev/null
