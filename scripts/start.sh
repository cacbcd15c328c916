#!/usr/bin/env bash
# Runs the whole service on embedded defaults: installs what is missing, builds, then starts the
# Temporal dev server + Web UI, PostgreSQL, the mail catcher, the worker and the API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
eval "$(bash scripts/provision-temporal.sh | sed 's/^/export /')"
exec node dist/scripts/dev.js
