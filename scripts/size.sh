#!/usr/bin/env bash
# Prints the gzip size of what the release build ships (dist/): the figure a
# reader downloads. Run after `trunk build --release` (make size does both).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "size: no dist/ yet; run 'make size' to build it first." >&2; exit 1; }
total=0
printf '%-40s %10s %10s\n' file bytes gzip
for f in dist/*.wasm dist/*.js dist/*.css dist/*.html; do
  [ -e "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-40s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
awk -v t="$total" 'BEGIN { printf "%-40s %10s %10d  (%.1f KB)\n", "total transferred", "", t, t / 1024 }'

# What zone handling costs: Candor carries no zone rules (they come from the
# reader's browser, through Intl); it carries only the picker's place table.
# As build.rs embeds them: without their comment lines.
places=$(cat src/time/zones.tsv src/time/common-names.tsv | grep -v '^#' | gzip -9 | wc -c)
echo "zone rules compiled in: none (taken from the browser's Intl); zone picker's place data: $places bytes gzip"
