#!/usr/bin/env bash
# Prints the gzip size of what the release build ships (dist/): the figure a
# reader downloads before Candor starts, measured as `make bench` measures it (Node's zlib, level
# 9, every .wasm, .js, .css and .html file but the parts loaded later), then
# the parts of the editor fetched when first shown (later-*.wasm: the check
# step, the drafts panel, and what they share; src/ui/later.rs), then the
# files it fetches once it has started (.txt: the check's rules, the zone
# search's tables). Exits non-zero when the start transfer is over the
# budget, so `make test` fails on it. Run after the release build (make size
# does both).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "size: no dist/ yet; run 'make size' to build it first." >&2; exit 1; }

# 250 KB, as the bench counts kilobytes, before the editor starts. The last
# landed build: 203.3 KB (the editor split, then the store on serde, 4 December 2026).
BUDGET_BYTES=$((250 * 1024))
LAST_KB=203.3

node --input-type=module - "$BUDGET_BYTES" "$LAST_KB" <<'JS'
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const [budget, last] = [Number(process.argv[2]), process.argv[3]];
const pad = (s, n) => String(s).padStart(n);
let total = 0;
console.log(`${'file'.padEnd(40)} ${pad('bytes', 10)} ${pad('gzip', 10)}`);
const isPart = (f) => /^later-.*\.wasm$/.test(f);
for (const f of readdirSync('dist').sort()) {
  if (!/\.(wasm|js|css|html)$/.test(f) || isPart(f)) continue;
  const raw = readFileSync(`dist/${f}`);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${f.padEnd(40)} ${pad(raw.length, 10)} ${pad(gz, 10)}`);
}
const kb = (b) => (b / 1024).toFixed(1);
// The editor's parts loaded when first shown (src/ui/later.rs): not in the
// start budget, but listed, each with its size.
let parts = 0;
for (const f of readdirSync('dist').sort()) {
  if (!isPart(f)) continue;
  const raw = readFileSync(`dist/${f}`);
  const gz = gzipSync(raw, { level: 9 }).length;
  parts += gz;
  console.log(`${f.padEnd(40)} ${pad(raw.length, 10)} ${pad(gz, 10)}  (fetched when first shown)`);
}
// Fetched once Candor has started (src/ui/mod.rs): not in the start budget,
// but listed, so that nothing a reader downloads goes unreported.
let later = 0;
for (const f of readdirSync('dist').sort()) {
  if (!/\.txt$/.test(f)) continue;
  const raw = readFileSync(`dist/${f}`);
  const gz = gzipSync(raw, { level: 9 }).length;
  later += gz;
  console.log(`${f.padEnd(40)} ${pad(raw.length, 10)} ${pad(gz, 10)}  (fetched after start)`);
}
console.log(`${'total transferred'.padEnd(40)} ${pad('', 10)} ${pad(total, 10)}  (${kb(total)} KB before Candor starts; budget ${kb(budget)} KB; last landed ${last} KB)`);
console.log(`${'parts loaded when first shown'.padEnd(40)} ${pad('', 10)} ${pad(parts, 10)}  (${kb(parts)} KB; the check step, the drafts panel and what they share)`);
console.log(`${'fetched after start'.padEnd(40)} ${pad('', 10)} ${pad(later, 10)}  (${kb(later)} KB; fetched once the author moves past the first step)`);
// The reader's page (dist/read/): what a customer downloads before the
// notice shows. Its own figure, not part of the editor's start.
let reader = 0;
try {
  for (const f of readdirSync('dist/read').sort()) {
    if (!/\.(wasm|js|css|html)$/.test(f)) continue;
    reader += gzipSync(readFileSync(`dist/read/${f}`), { level: 9 }).length;
  }
  console.log(`${"reader's page (read/)".padEnd(40)} ${pad('', 10)} ${pad(reader, 10)}  (${kb(reader)} KB; what a link for readers downloads before the notice shows)`);
} catch {
  console.log("reader's page (read/): not in this build");
}
if (total > budget) {
  console.error(`size: the release build transfers ${kb(total)} KB gzip, over the ${kb(budget)} KB budget by ${kb(total - budget)} KB. Cut something before adding more.`);
  process.exit(1);
}
JS

# What zone handling costs: Candor carries no zone rules (they come from the
# reader's browser, through Intl); it carries only the picker's place table.
# As build.rs embeds them: without their comment lines.
places=$(cat src/time/zones.tsv src/time/common-names.tsv | grep -v '^#' | gzip -9 | wc -c)
echo "zone rules compiled in: none (taken from the browser's Intl); zone picker's place data: $places bytes gzip"
