# Candor's two everyday commands, plus the pieces they are made of.
#   make serve   install what is missing, build, serve on http://127.0.0.1:8080
#   make test    install what is missing, then every test layer in order
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/tests/e2e/node_modules/.bin:$(PATH)

.PHONY: serve test tools test-tools release size bench clean

serve: tools
	@echo "Candor: building and serving on http://127.0.0.1:8080 (Ctrl+C stops it)"
	trunk serve --address 127.0.0.1 --port 8080

test: test-tools
	scripts/test-all.sh

tools:
	@scripts/tools.sh build

test-tools:
	@scripts/tools.sh test

release: tools
	trunk build --release

size: release
	@scripts/size.sh

# Speed and size beside two reference pages, in one run; prints the table.
bench: release
	cd tests/bench/anchors/leptos-bare && trunk build --release
	node tests/e2e/bench.mjs

clean:
	cargo clean
	rm -rf dist tests/e2e/results
