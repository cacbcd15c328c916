#!/usr/bin/env bash
# Installs npm dependencies when missing or stale, generates the Prisma client and compiles to dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
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
