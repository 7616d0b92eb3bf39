# Candor's two everyday commands, plus the pieces they are made of.
#   make serve   install what is missing, build, serve on http://127.0.0.1:8080
#   make test    install what is missing, then every test layer in order
#   make bench   speed and size beside reference pages, and share-link sizes
#   make fuzz    fuzz the share-link decoder and the JSON reader, ten minutes each
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/tests/e2e/node_modules/.bin:$(PATH)

.PHONY: serve test tools test-tools release size bench bench-links bench-candor fuzz clean

serve: tools
	@echo "Candor: building and serving on http://127.0.0.1:8080 (Ctrl+C stops it)"
	@echo "The reader's page is built once, first, and served at /read/; the editor rebuilds on every change."
	trunk build src/read.html --dist target/dist-read --public-url /read/
	CANDOR_READER_DIST=$(CURDIR)/target/dist-read trunk serve --address 127.0.0.1 --port 8080

test: test-tools
	scripts/test-all.sh

tools:
	@scripts/tools.sh build

test-tools:
	@scripts/tools.sh test

release: tools
	scripts/release.sh

size: release
	@scripts/size.sh

# Speed and size beside two reference pages, in one run; prints the table.
# Share-link sizes first: a table, and a failure when a size goal is missed.
bench: release bench-links bench-candor
	scripts/release.sh tests/bench/anchors/leptos-bare
	node tests/e2e/bench.mjs

# The candor check's precision and recall per rule family, on the corpus.
# Then the held-out set (tests/candor_heldout/): the tuning half, every
# further tuning set (tuning2 to tuning10b) and the test half, which no rule
# is fitted to; the README reports the test half.
bench-candor:
	cargo test --test candor corpus_precision_and_recall -- --nocapture 2>/dev/null | sed -n '/^family/,/^overall/p'
	CANDOR_TEST_HALF=1 cargo test --test candor_heldout -- --nocapture 2>/dev/null | sed -n '/ \(half\|set\): /,/ overall: /p;/test half raising/p'

# Candor's share links beside deflate-JSON and lz-string, on the reference
# drafts in tests/fixtures/share/.
bench-links:
	cd tests/bench && npm ci --no-audit --no-fund --silent && node link_sizes.mjs

# Under libFuzzer (nightly Rust and cargo-fuzz), FUZZ_SECONDS each: the
# share-link decoder (no panic, no allocation over 2 MB, every draft it opens
# opens again) and the JSON of stored drafts and imported files (no panic,
# what parses writes back the same, every imported draft opens).
FUZZ_SECONDS ?= 600
fuzz:
	@mkdir -p fuzz/corpus/decode fuzz/corpus/json
	cargo +nightly fuzz run decode fuzz/corpus/decode fuzz/seeds/decode -- \
		-max_total_time=$(FUZZ_SECONDS) -malloc_limit_mb=2 -print_final_stats=1
	cargo +nightly fuzz run json fuzz/corpus/json fuzz/seeds/json -- \
		-max_total_time=$(FUZZ_SECONDS) -malloc_limit_mb=64 -print_final_stats=1

clean:
	cargo clean
	rm -rf dist tests/e2e/results
