# The Human Network: everyday commands. Run `make help` for the list.
# Every target creates .venv and installs the pinned dependencies on first use, then reuses them.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help install serve build check test bench offline clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

# The virtual environment is rebuilt only when the lock file (or this file) changes.
# A .pth file puts scripts/ on the venv's path, so MkDocs can load the course's own
# Markdown extension (hn.markdown_ext) however it is started.
$(STAMP): requirements.txt Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5 or newer is needed (found " + sys.version.split()[0] + ").")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.txt
	@echo "$(CURDIR)/scripts" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/the-human-network.pth"
	@touch $(STAMP)

# Node tools for the tests (the independent GIFT parser), from package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@bash scripts/ensure-node.sh
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP) ## create .venv and node_modules with the pinned dependencies

serve: $(STAMP) ## serve the course at http://127.0.0.1:8000, reloading on edits
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: $(STAMP) ## build the site strictly into site/ (fails on any warning)
	$(BIN)/mkdocs build --strict --clean

check: $(STAMP) ## fast static checks: exercises, prose, spelling, Python lint
	$(BIN)/python -m hn.check
	$(BIN)/ruff check scripts hooks tests
	$(BIN)/codespell docs exercises includes README.md CONTRIBUTING.md

test: $(STAMP) $(NODE_STAMP) ## everything CI runs: static checks, then every test (browser tests in Chromium)
	@$(MAKE) --no-print-directory check
	@HN_CHROMIUM="$$(bash scripts/ensure-chromium.sh)" && export HN_CHROMIUM && \
	  $(BIN)/python -m pytest

clean: ## remove build output (keeps .venv)
	rm -rf site .cache .pytest_cache bench/results
