# The two commands of the README: `make crawl` (set up, crawl the demo portal) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup crawl test clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

setup: $(INSTALLED)

crawl: setup
	$(BIN)/portal-archive crawl --demo

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) output .pytest_cache
