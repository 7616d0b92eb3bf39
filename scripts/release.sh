#!/usr/bin/env bash
# The release build: `trunk build --release` in the given directory (Candor
# by default, or a bench anchor; Candor's is two builds, the reader's page
# and the editor), with the Rust standard library rebuilt for
# the page and a panic that stops at once.
#
# Why: the standard library that rustup ships is built to print panic
# messages with their file and line, and it is compiled before Candor's
# size settings apply. Rebuilding it (`build-std`) with
# `-Cpanic=immediate-abort` leaves out all panic formatting and location
# data: the wasm is 28 KB gzip smaller (297 -> 269 KB, measured). Both need
# a nightly compiler, so the release build uses the pinned nightly below;
# formatting, lints and every test layer before the release stay on the
# stable toolchain in rust-toolchain.toml, and the end-to-end tests run
# against this build.
#
# A panic then traps at once, without Rust's panic hook: initializer.js
# shows the internal-error message for every trap (src/initializer.js).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=release-env.sh
source "$here/release-env.sh"
if [ $# -gt 0 ]; then
  cd "$1"
  exec trunk build --release
fi
# Candor: the reader's page (src/read.html) first, into its own folder;
# the editor's build copies it in as dist/read/ (scripts/post-build.mjs).
cd "$here/.."
trunk build src/read.html --release --dist target/dist-read --public-url /read/
# The editor is split: the check step and the drafts panel are wasm files of
# their own, fetched when first shown (src/ui/later.rs). CANDOR_SPLIT_DIR
# turns the split on (build.rs) and scripts/split/wasm-bindgen, first on
# PATH, splits before the real wasm-bindgen runs (tools/wasm-split/README.md).
export CANDOR_SPLIT_DIR="$PWD/target/wasm-split"
export PATH="$here/split:$PATH"
CANDOR_READER_DIST="$PWD/target/dist-read" exec trunk build --release
