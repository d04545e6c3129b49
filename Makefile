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
.PHONY: help install serve build check check-site test bench offline scorm clean lesson update

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

# The virtual environment is rebuilt only when a lock file (or this file) changes.
# `make serve` and `make build` install only the site's pins (requirements-site.txt, about a
# quarter of the size); every other target syncs the full set (requirements.txt: notebook
# analysis, checks and tests too).
# Bytecode is compiled once here: where PYTHONDONTWRITEBYTECODE is set, every build and test
# would otherwise recompile every module it imports, every time (a second or more a build).
# A .pth file puts scripts/ on the venv's path, so MkDocs can load the course's own
# Markdown extension (hn.markdown_ext) however it is started.
SITE_STAMP := $(VENV)/.installed-site
define venv_with
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5 or newer is needed (found " + sys.version.split()[0] + ").")'
	@test -x $(BIN)/python || { echo "First run: creating .venv and installing $(1) (pinned in $(2); a minute or two)..."; $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@$(BIN)/uv pip $(3) --quiet --compile-bytecode --python $(BIN)/python $(if $(filter install,$(3)),-r )$(2)
	@echo "$(CURDIR)/scripts" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/the-human-network.pth"
endef

$(SITE_STAMP): requirements-site.txt Makefile
	$(call venv_with,what serving the course needs,requirements-site.txt,install)
	@touch $(SITE_STAMP)

$(STAMP): requirements.txt requirements-site.txt Makefile
	$(call venv_with,everything the checks and tests need,requirements.txt,sync)
	@touch $(SITE_STAMP) $(STAMP)

# Node tools for the tests (the independent GIFT parser), from package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@bash scripts/ensure-node.sh
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP) ## create .venv and node_modules with the pinned dependencies

serve: $(SITE_STAMP) ## serve the course at http://127.0.0.1:8000, reloading on edits (HOST=0.0.0.0 PORT=8080 to change)
	@echo "Serving the course at http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: $(SITE_STAMP) ## build the site strictly into site/ (fails on any warning)
	$(BIN)/mkdocs build --strict --clean

check: $(STAMP) ## fast static checks: exercises, prose, quiz items, spelling, Python lint, built HTML
	$(BIN)/python -m hn.check
	$(BIN)/python -m hn.prose
	$(BIN)/python -m hn.items
	$(BIN)/ruff check scripts hooks tests
	$(BIN)/codespell docs exercises includes README.md CONTRIBUTING.md
	$(MAKE) --no-print-directory check-site

# The Nu Html Checker (vnu.jar, pinned in tools/package-lock.json) installs itself into
# .cache/node on first use; it runs on the system's Java. tests/vnu-ignore.txt lists theme errors.
check-site: $(STAMP) ## build into .cache/check-site; check HTML validity, alt text, headings, privacy, CSP
	@bash scripts/ensure-java.sh
	$(BIN)/mkdocs build --strict --site-dir .cache/check-site
	$(BIN)/python -m hn.site_check .cache/check-site --vnu --vnu-ignore tests/vnu-ignore.txt

test: $(STAMP) $(NODE_STAMP) ## everything CI runs: static checks, then every test (browser tests in Chromium)
	@$(MAKE) --no-print-directory check
	@HN_CHROMIUM="$$(bash scripts/ensure-chromium.sh)" && export HN_CHROMIUM && \
	  $(BIN)/python -m pytest

# Builds the course and stock Material side by side in .cache/bench; see docs/authoring/performance.md.
bench: $(STAMP) $(NODE_STAMP) ## measure build time, page weight, Lighthouse, quiz start-up; check the budgets
	@HN_CHROMIUM="$$(bash scripts/ensure-chromium.sh)" && export HN_CHROMIUM && \
	  $(BIN)/python -m hn.bench

# Material's offline plugin (OFFLINE=true): no directory URLs, search without a server.
offline: $(STAMP) ## zip the course to read from disk, search and quizzes included: dist/the-human-network-offline.zip
	$(BIN)/python -m hn.offline dist/the-human-network-offline.zip

# The offline build with SCORM=true (hooks/scorm.py adds the adapter and the launch page) plus
# imsmanifest.xml; see "Use it in your learning platform" in docs/make-it-yours.md.
scorm: $(STAMP) ## package the course for a learning platform (SCORM 1.2): dist/the-human-network-scorm.zip
	$(BIN)/python -m hn.scorm dist/the-human-network-scorm.zip

clean: ## remove build output (keeps .venv)
	rm -rf site .cache .pytest_cache bench/results dist

lesson: $(SITE_STAMP) ## new lesson stubs: make lesson TITLE="Networking across time zones" [TEAM=1]
	@test -n "$(TITLE)" || { echo 'usage: make lesson TITLE="Lesson title" [TEAM=1]'; exit 2; }
	$(BIN)/python -m hn.scaffold "$(TITLE)" $(if $(TEAM),--team)

update: ## merge our latest version into your copy, fork or "Use this template" copy alike
	@bash scripts/update-from-upstream.sh
