# Two commands: `make demo` and `make test`. Everything else here is what they are made of.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The embedding model ships inside a Python package; nothing may be fetched at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint typecheck pytest serve migrate venv clean chromium docs

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	# torch first and alone, pinned, so pip takes the CPU build and never CUDA packages.
	$(BIN)/python -m pip install --quiet "torch>=2.13,<2.14"
	$(BIN)/python -m pip install --quiet -e ".[ml,dev]"
	@touch $(STAMP)

demo: venv
	$(BIN)/partnermatch demo

serve: venv
	$(BIN)/partnermatch serve

migrate: venv
	$(BIN)/partnermatch migrate

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

typecheck: venv
	$(BIN)/mypy

pytest: venv
	$(BIN)/pytest

# The browser tests drive Debian's chromium, never a browser build downloaded by a tool.
# Installed here when missing (root, or sudo); SKIP_BROWSER_TESTS=1 skips both on purpose.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

chromium:
	@if [ "$(SKIP_BROWSER_TESTS)" = 1 ] || [ -x "$(CHROMIUM)" ]; then :; else \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

test: chromium lint typecheck pytest

# The docs site: docs/ into site/ (mkdocs.yml). --strict fails on a missing page, image or anchor.
# NO_MKDOCS_2_WARNING quiets Material's end-of-life banner (pyproject.toml's dev extra says more).
docs: venv
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build *.egg-info
