#!/usr/bin/env bash
# Every layer of Candor's tests, in order, each where it is cheapest:
# format, lint, the core natively, the browser adapters in headless Chromium,
# the release build, and the user journeys end to end against that build.
# Ends with one line per layer; exits non-zero if any layer failed or ran
# no test.
set -uo pipefail
cd "$(dirname "$0")/.."

export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
LOGS=target/test-logs
mkdir -p "$LOGS"

summary=()
failed=0
total_passed=0
total_failed=0

record() { summary+=("$(printf '%-9s %s' "$1:" "$2")"); }

# Sums libtest's "test result:" lines (cargo test and wasm-bindgen-test).
count_cargo() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { printf "%d %d\n", p, f }' "$1"
}

# Runs a test layer, tees its output to a log, and records its counts.
tests_layer() {
  local name=$1
  shift
  local log="$LOGS/$name.log"
  echo "== $name: $*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local passed fails
  read -r passed fails < <("count_$name" "$log")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + fails))
  if [ "$rc" -ne 0 ] || [ "$fails" -ne 0 ] || [ "$passed" -eq 0 ]; then
    failed=1
    local why=""
    [ "$passed" -eq 0 ] && why=" (ran no test)"
    [ "$rc" -ne 0 ] && why="$why (exit $rc)"
    record "$name" "FAILED: $passed passed, $fails failed$why"
  else
    record "$name" "$passed passed, $fails failed"
  fi
}
count_native() { count_cargo "$1"; }
count_browser() { count_cargo "$1"; }
# Playwright's list reporter ends with "N passed" and, when any did, "N failed".
count_e2e() {
  awk '/^ *[0-9]+ passed/ { p = $1 } /^ *[0-9]+ failed/ { f = $1 } /^ *[0-9]+ flaky/ { f += $1 }
       END { printf "%d %d\n", p, f }' "$1"
}

check_layer() {
  local name=$1
  shift
  echo "== $name: $*"
  if "$@"; then
    record "$name" "ok"
  else
    failed=1
    record "$name" "FAILED"
  fi
}

check_layer fmt sh -c 'cargo fmt --check && cargo fmt --check --manifest-path tools/wasm-split/Cargo.toml'
# The wasm build twice: as debug builds and the browser tests compile it, and
# as the release build splits it (the candor_split cfg, build.rs), so that
# the code only the split editor compiles is linted too. Then the split tool.
check_layer clippy sh -c 'cargo clippy --all-targets -- -D warnings &&
  cargo clippy --lib --bins --test "browser_*" --target wasm32-unknown-unknown -- -D warnings &&
  CANDOR_SPLIT_DIR=target/wasm-split cargo clippy --lib --bins --target wasm32-unknown-unknown -- -D warnings &&
  cargo clippy --release --locked --manifest-path tools/wasm-split/Cargo.toml -- -D warnings'
tests_layer native cargo test
tests_layer browser cargo test --target wasm32-unknown-unknown --test 'browser_*' -- --nocapture

echo "== release: scripts/release.sh (trunk build --release)"
if scripts/release.sh; then
  # The transfer budget is a release-layer failure, but the e2e tests still
  # run on the build so that one problem does not hide others.
  if scripts/size.sh 2>&1 | tee "$LOGS/size.log"; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    record release "ok ($(awk '/^total transferred/ { print $3 " bytes gzip" }' "$LOGS/size.log"))"
  else
    failed=1
    record release "FAILED: over the transfer budget ($(awk '/^total transferred/ { print $3 " bytes gzip" }' "$LOGS/size.log"))"
  fi
  tests_layer e2e sh -c 'cd tests/e2e && npx playwright test'
else
  failed=1
  record release "FAILED"
  record e2e "not run: the release build failed"
fi

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "total: $total_passed passed, $total_failed failed"
if [ "$failed" -ne 0 ]; then
  echo "make test: FAILED (see the layers above; logs in $LOGS/)"
  exit 1
fi
echo "make test: all layers passed"
