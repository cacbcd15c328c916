#!/usr/bin/env bash
# Runs the whole test suite on real components: installs and builds what is missing, provisions the
# Temporal binaries, type-checks and lints, then runs jest (which starts a Temporal dev server and a
# fresh PostgreSQL database for the run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
eval "$(bash scripts/provision-temporal.sh | sed 's/^/export /')"
node_modules/.bin/tsc --noEmit -p tsconfig.json
node_modules/.bin/jest "$@"
