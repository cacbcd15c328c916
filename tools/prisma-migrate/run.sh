#!/usr/bin/env bash
# Runs the Prisma 6.19 CLI (WebAssembly schema engine) on the project's schema and migrations.
#   tools/prisma-migrate/run.sh new <name>   write prisma/migrations/<timestamp>_<name>/migration.sql
#                                            with what schema.prisma adds to the committed migrations
#   tools/prisma-migrate/run.sh check        exit 0 when the migrations match schema.prisma, 2 when not
#   tools/prisma-migrate/run.sh <prisma args> any other Prisma 6.19 CLI command
# DATABASE_URL names a PostgreSQL database where the tool may create and drop shadow databases
# (default: complaints_dev on 127.0.0.1:5432). SCHEMA_FILE overrides prisma/schema.prisma.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [ ! -x node_modules/.bin/prisma ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --silent >&2
fi
mkdir -p .work
# The 6.19 CLI needs a datasource url and a client-engine generator in the schema it reads.
sed -e 's|provider = "postgresql"|provider = "postgresql"\n  url      = env("DATABASE_URL")|' \
    -e 's|provider     = "prisma-client"|provider     = "prisma-client"\n  engineType   = "client"|' \
    "${SCHEMA_FILE:-../../prisma/schema.prisma}" > .work/schema.prisma
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/complaints_dev}"
# Keeps the CLI from trying to download engines it does not use with engine "js".
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}"
export PRISMA_QUERY_ENGINE_LIBRARY="${PRISMA_QUERY_ENGINE_LIBRARY:-$(type -P true)}"
prisma() { node_modules/.bin/prisma "$@" --config prisma.config.ts; }
diff_args=(migrate diff --from-migrations ../../prisma/migrations --to-schema-datamodel .work/schema.prisma --script)
case "${1:-}" in
  new)
    name="${2:?usage: run.sh new <name>}"
    sql=$(prisma "${diff_args[@]}" 2>/dev/null | sed -n '/^-- /,$p')
    if [ -z "$sql" ] || echo "$sql" | grep -q '^-- This is an empty migration.'; then
      echo "schema.prisma and the migrations already match: nothing to write" >&2; exit 0
    fi
    dir="../../prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
    mkdir -p "$dir"; printf '%s\n' "$sql" > "$dir/migration.sql"
    echo "wrote ${dir#../../}/migration.sql" >&2 ;;
  check)
    prisma "${diff_args[@]}" --exit-code ;;
  *)
    prisma "$@" ;;
esac
