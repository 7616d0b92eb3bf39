# Sourced by scripts/release.sh (which says why) and scripts/tools.sh
# (which installs the toolchain).
RELEASE_TOOLCHAIN=nightly-2026-05-20
export RUSTUP_TOOLCHAIN=$RELEASE_TOOLCHAIN
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
# std's smaller variants of its sort, formatting and the like: 0.6 KB gzip.
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# Replaces .cargo/config.toml's rustflags for the wasm target: keep its cfg.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
