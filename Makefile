# The verbs people expect. Every install step lives here, so a clean clone needs nothing by hand.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PY := .venv/bin/python

help:
	@echo "make install   – create .venv with the project (console script .venv/bin/shanhai)"
	@echo "make build     – build the graph snapshot from data/sources into data/build"
	@echo "make run       – install, build and serve on the embedded store"
	@echo "make test      – install, start a local Neo4j, run the whole suite, stop Neo4j"
	@echo "make lint      – ruff and mypy"
	@echo "make bench     – benchmarks (BENCH_MODE=quick|full)"
	@echo "make neo4j-up / neo4j-down – a real Neo4j 5.26 on loopback, fetched from Maven Central"

$(UV):
	python3 -m pip install --user --quiet uv

.venv/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

install: .venv/.installed

build: install
	.venv/bin/shanhai build

run: build
	.venv/bin/shanhai serve

browser-deps:
	@scripts/ensure_chromium.sh

test: install browser-deps
	scripts/run_tests.sh

lint: install
	.venv/bin/ruff check graph loaders queries api tests bench
	.venv/bin/mypy

bench: install
	$(PY) -m bench.run --mode $${BENCH_MODE:-full}

neo4j-up:
	@scripts/neo4j_local.sh up

neo4j-down:
	@scripts/neo4j_local.sh down

.PHONY: help install build run browser-deps test lint bench neo4j-up neo4j-down
