#!/usr/bin/env bash
# Installs what Candor's build and tests need, when it is missing, and says
# exactly what to do where it cannot. Quick when everything is already there.
#
#   scripts/tools.sh build   the wasm target, the release build's nightly, Trunk,
#                            wasm-bindgen CLI, wasm-opt, the wasm split tool
#   scripts/tools.sh test    all of the above, plus Chromium and ChromeDriver
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
E2E=tests/e2e

say() { printf 'tools: %s\n' "$*"; }
fail() {
  printf 'tools: %s\n' "$*" >&2
  exit 1
}

# The wasm-bindgen CLI must be exactly the crate version in Cargo.lock.
bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

need_rust() {
  command -v cargo >/dev/null || fail "cargo is missing. Install Rust with rustup (https://rustup.rs), then run this again."
  # rust-toolchain.toml names the toolchain and its wasm target; rustup fetches both.
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# The release build's pinned nightly and the standard library's source,
# which it rebuilds (scripts/release.sh says why).
need_release_toolchain() {
  # shellcheck source=release-env.sh
  RELEASE_TOOLCHAIN=$(source scripts/release-env.sh && echo "$RELEASE_TOOLCHAIN")
  if ! rustup component list --toolchain "$RELEASE_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src$'; then
    say "installing Rust $RELEASE_TOOLCHAIN with the standard library's source (for the release build, once)"
    rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src
  fi
}

need_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (takes 6 to 9 minutes, once)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
}

need_bindgen() {
  local want
  want=$(bindgen_version)
  [ -n "$want" ] || fail "Cargo.lock names no wasm-bindgen version; run 'cargo generate-lockfile'."
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $want (about 2 minutes, once)"
    # Not --locked: the CLI's own lockfile names a yanked crate.
    cargo install --force wasm-bindgen-cli --version "$want"
  fi
}

need_node_packages() {
  command -v npm >/dev/null || fail "npm is missing. Install Node.js 20 or newer (Debian: apt-get install nodejs npm), then run this again."
  # npm's binaryen gives wasm-opt 132; Debian's wasm-opt 108 breaks the build.
  if [ ! -x "$E2E/node_modules/.bin/wasm-opt" ] || [ ! -d "$E2E/node_modules/@playwright/test" ] ||
    [ ! -d "$E2E/node_modules/axe-core" ] || [ ! -x "$E2E/node_modules/.bin/terser" ] || [ ! -x "$E2E/node_modules/.bin/csso" ] || [ "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]; then
    say "installing the Node packages from $E2E/package-lock.json"
    (cd "$E2E" && npm ci --no-audit --no-fund)
  fi
}

need_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    return
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    fail "Chromium and ChromeDriver are missing. Install Debian's 'chromium' and 'chromium-driver' packages (sudo apt-get install chromium chromium-driver), then run this again."
  fi
}

# The tool that splits the editor's release wasm (tools/wasm-split): built
# from its own lockfile, again when its source or lockfile is newer.
need_split_tool() {
  local dir=tools/wasm-split bin=tools/wasm-split/target/release/candor-wasm-split
  if [ ! -x "$bin" ] || [ "$dir/Cargo.lock" -nt "$bin" ] || [ "$dir/src/main.rs" -nt "$bin" ]; then
    say "building tools/wasm-split, which splits the editor's release wasm (about a minute, once)"
    cargo build --release --locked --manifest-path "$dir/Cargo.toml"
  fi
}

case "${1:-build}" in
  build)
    need_rust
    need_release_toolchain
    need_node_packages
    need_bindgen
    need_trunk
    need_split_tool
    ;;
  test)
    need_rust
    need_release_toolchain
    need_node_packages
    need_bindgen
    need_trunk
    need_split_tool
    need_chromium
    ;;
  *) fail "usage: scripts/tools.sh build|test" ;;
esac
