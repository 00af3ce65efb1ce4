# `make run` and `make test` do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test validate snapshot bench qmllint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kiosk

test: $(STAMP)
	$(PY) -m pytest

validate: $(STAMP)
	$(VENV)/bin/kiosk validate content

snapshot: $(STAMP)
	$(VENV)/bin/kiosk snapshot --out shots --lang all

bench: $(STAMP)
	$(PY) bench/startup.py
	$(PY) bench/navigation.py
	$(PY) bench/timeline.py
	$(PY) bench/map.py

qmllint: $(STAMP)
	$(PY) -m pytest tests/gui/test_qmllint.py

clean:
	rm -rf $(VENV) build dist shots .pytest_cache
