# The two commands of the README: `make crawl` (set up, crawl the demo portal) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# pywb pins libraries older than Scrapy's stack, so replay gets an environment of its own.
REPLAY_VENV := .venv-replay
PYWB := pywb>=2.9,<2.11
# Debian packages the tests drive for real: a browser for replay checks, Redis for distributed crawls.
TEST_SYSTEM_PACKAGES := chromium redis-server
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup replay-env system-packages crawl test bench clean

$(INSTALLED): pyproject.toml demo/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' -e ./demo
	touch $(INSTALLED)

setup: $(INSTALLED)

$(REPLAY_VENV)/.installed:
	$(PYTHON) -m venv $(REPLAY_VENV)
	$(REPLAY_VENV)/bin/python -m pip install --quiet '$(PYWB)'
	touch $@

replay-env: $(REPLAY_VENV)/.installed

system-packages:
	@missing=""; for p in $(TEST_SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# One directory for every run: the second `make crawl` is an incremental (nightly-style) run.
DEMO_OUTPUT ?= output/demo

crawl: setup
	$(BIN)/portal-archive crawl --demo --output $(DEMO_OUTPUT)

# Test files spread over this many processes (pytest-xdist), each file's tests kept together so
# that a module's shared crawl is made once; crawls wait on the network and on each other, so two
# processes finish well before one even on 2 cores. Files are sent in the order tests/conftest.py
# gives them (the slowest first), not xdist's (the most tests first).
TEST_WORKERS ?= 2

test: setup replay-env system-packages
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Benchmarks (issue 9): writes docs/benchmarks.md and docs/benchmarks.json, about 10 minutes.
bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(REPLAY_VENV) output .pytest_cache

# Extraction quality (issue 4): ours against plain trafilatura on the golden corpus, into docs/quality.md.
.PHONY: quality
quality: setup
	$(BIN)/python tests/golden/quality_report.py
