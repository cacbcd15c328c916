#!/usr/bin/env bash
# Runs the whole test suite on real components: installs and builds what is missing, provisions the
# Temporal binaries, type-checks and lints, then runs jest, whose global setup starts one Temporal dev
# server and creates a fresh PostgreSQL database for the run (dropped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
eval "$(bash scripts/provision-temporal.sh | sed 's/^/export /')"
echo "type-checking and linting ..." >&2
node_modules/.bin/tsc --noEmit -p tsconfig.json
node_modules/.bin/eslint .
# layers and import circles (.dependency-cruiser.cjs)
npm run --silent lint:layers
node_modules/.bin/prettier --check . >/dev/null || { node_modules/.bin/prettier --check .; exit 1; }
node_modules/.bin/jest "$@"
