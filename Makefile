# The two commands the README opens with: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
DATA ?=

.PHONY: run test install lint sample bench chromium

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) -- $(if $(DATA),--data "$(DATA)")

# Browser tests need Debian's chromium; install it when it is missing and we may.
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); } || echo "chromium not installed: browser tests will be skipped"

test: install chromium
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .

bench: install
	$(PY) -m pip install -e '.[bench]'
	$(PY) -m benchmarks.run

sample: install
	$(PY) -m wres_core.sample data/sample
