# ChemKG: the two commands a new user needs are `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install vendor system-deps build serve test lint typecheck bytecode bench clean

## install: a virtualenv with ChemKG and its dependencies (torch pinned to the local CPU build first).
## --no-compile: pip would compile every module of torch, transformers, scipy and the rest to bytecode (about a
## minute); Python compiles the modules it imports on first use instead, and keeps them, so a
## PYTHONDONTWRITEBYTECODE from the environment (common in containers) is not passed on to what make runs.
unexport PYTHONDONTWRITEBYTECODE
PIP_INSTALL := $(BIN)/pip install --quiet --no-compile
install: $(VENV)/.installed vendor

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) torch==2.13.0
	$(PIP_INSTALL) -e '.[dev]'
	touch $@

## vendor: the query editor (YASGUI), a pinned npm release checked against its SHA-256, unpacked into a
## gitignored folder; the server never downloads anything, and /sparql falls back to a text box without it
YASGUI_VERSION := 4.6.2
YASGUI_SHA256 := 6520cdd256a4003e8d45865e0d631b6456b88a0e6b65f4f3e56d78a25d74c9a7
YASGUI_DIR := src/chemkg/web/static/vendor/yasgui
vendor: $(YASGUI_DIR)/yasgui.min.js

$(YASGUI_DIR)/yasgui.min.js:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	curl -fsSL --retry 2 -o "$$tmp/yasgui.tgz" \
	  https://registry.npmjs.org/@zazuko/yasgui/-/yasgui-$(YASGUI_VERSION).tgz && \
	echo "$(YASGUI_SHA256)  $$tmp/yasgui.tgz" | sha256sum --check --quiet - && \
	tar -xzf "$$tmp/yasgui.tgz" -C "$$tmp" package/build/yasgui.min.js package/build/yasgui.min.css package/package.json && \
	mkdir -p $(YASGUI_DIR) && \
	cp "$$tmp/package/build/yasgui.min.css" "$$tmp/package/package.json" $(YASGUI_DIR)/ && \
	cp "$$tmp/package/build/yasgui.min.js" $@ && \
	echo "installed @zazuko/yasgui $(YASGUI_VERSION) (MIT) into $(YASGUI_DIR)"

## system-deps: Debian packages the browser tests need (chromium); skipped when present
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## build: validate graph/ and build the store and the search index under data/
build: install
	$(BIN)/chemkg build

## serve: install, build and serve on http://127.0.0.1:8000
serve: build
	$(BIN)/chemkg serve

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/chemkg lint

typecheck: install
	$(BIN)/mypy

## bytecode: compile what the tests import (every ChemKG module, the model's runtimes, the chart, document and
## browser libraries) once, beside the type check; else both test workers compile the same modules at once
WARM_IMPORTS := sentence_transformers torch.onnx onnx onnxruntime.transformers.optimizer matplotlib.pyplot \
  matplotlib.backends.backend_svg openpyxl docx playwright.sync_api xdist httpx
bytecode: install
	$(BIN)/python -c 'import importlib, pkgutil, sys, chemkg; \
	  [importlib.import_module(m.name) for m in pkgutil.walk_packages(chemkg.__path__, "chemkg.")]; \
	  [importlib.import_module(m) for m in sys.argv[1:]]' $(WARM_IMPORTS)

## test: install, check style and types, and run every test (browser tests included), on workers that share one
## build of the store and the index (see tests/conftest.py); the checks run side by side. One worker more than
## the CPUs: a worker that waits (for the shared build, a browser, a server) leaves its CPU to the others.
## On 2 CPUs the tests took 5 min 13 s on 3 workers and 6 min 3 s on 2.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: install system-deps
	$(MAKE) --no-print-directory -j 3 lint typecheck bytecode
	$(BIN)/pytest -n $(TEST_WORKERS)

bench: build
	for b in bench/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf data .pytest_cache .mypy_cache .ruff_cache
