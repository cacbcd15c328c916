#!/usr/bin/env bash
# The suite under load, as CI would run it: N clean clones of main (default 5), one after the other, each
# running .ci/run while two CPU hogs keep both cores busy. Prints one line per run and the jest totals.
#   bash scripts/loaded-runs.sh [N]
set -u
runs="${1:-5}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
yes > /dev/null & hog1=$!
yes > /dev/null & hog2=$!
trap 'kill $hog1 $hog2 2>/dev/null' EXIT
echo "commit $(git -C "$repo" log --oneline -1), logs in $work"
for i in $(seq 1 "$runs"); do
  git clone -q "$repo" "$work/run-$i"
  start=$(date +%s)
  (cd "$work/run-$i" && CI=true bash .ci/run > "$work/run-$i.log" 2>&1)
  echo "run $i rc=$? $(( $(date +%s) - start ))s $(grep -E '^Tests:' "$work/run-$i.log" | tr -s ' ')"
  rm -rf "$work/run-$i/node_modules"
done
