# `make run` and `make test` do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint ansible-check validate snapshot audit bench qmllint clean dist dist-dir dist-minimal smoke bench-dist dist-every-start

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV): one to three minutes on a first run (PySide6 is large)."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar off -e '.[dev,build]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kiosk

# The whole suite (two processes, a test file in one of them), then the one-file
# executable built and smoke-tested as CI ships it.
test: $(STAMP)
	$(MAKE) lint
	$(MAKE) ansible-check
	@echo "Running the test suite in two processes: about 10 to 12 minutes on a 2-core machine."
	$(PY) -m pytest -n 2 --dist loadfile
	@echo "Building the one-file executable and smoke-testing it: one to two minutes."
	$(MAKE) smoke

# The gates (settings in pyproject.toml): style and lint (ruff), the format (ruff format),
# the package's import rules (import-linter) and types (mypy).
lint: $(STAMP)
	@echo "Checking style, format, import rules and types: under a minute."
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

# The fleet playbook (deploy/ansible/) parsed by Ansible itself: every module name resolved.
# ansible-core goes into a venv of its own (about 20 s the first time), not the kiosk's.
ANSIBLE_VENV := .venv-ansible
$(ANSIBLE_VENV)/bin/ansible-playbook:
	$(PYTHON) -m venv $(ANSIBLE_VENV)
	$(ANSIBLE_VENV)/bin/pip install --quiet --progress-bar off ansible-core

ansible-check: $(ANSIBLE_VENV)/bin/ansible-playbook
	cd deploy/ansible && ../../$(ANSIBLE_VENV)/bin/ansible-playbook --syntax-check -i inventory.example.yml kiosk.yml

validate: $(STAMP)
	$(VENV)/bin/kiosk validate content

snapshot: $(STAMP)
	$(VENV)/bin/kiosk snapshot --out shots --lang all

# The screen audit at the four screen sizes the exhibit must serve, in every language.
audit: $(STAMP)
	for size in 1920x1080 1280x720 3840x2160 1080x1920; do \
		$(VENV)/bin/kiosk snapshot --audit --lang all --size $$size || exit 1; done

bench: $(STAMP)
	$(PY) bench/startup.py
	$(PY) bench/navigation.py
	$(PY) bench/timeline.py
	$(PY) bench/map.py

qmllint: $(STAMP)
	$(PY) -m pytest tests/gui/test_qmllint.py

# The exhibition PC's executable (see build.spec). PyInstaller keeps its work in build/.
PYINSTALLER := $(PY) -m PyInstaller --noconfirm --log-level WARN
FROZEN_INPUTS := build.spec $(wildcard freeze/*.py freeze/*.sh) pyproject.toml \
	$(shell find kiosk resources content -type f -not -path '*/__pycache__/*')

dist: dist/kiosk
dist/kiosk: $(STAMP) $(FROZEN_INPUTS)
	$(PYINSTALLER) --workpath build/onefile --distpath dist build.spec

dist-dir: dist/kiosk-dir/kiosk
dist/kiosk-dir/kiosk: $(STAMP) $(FROZEN_INPUTS)
	$(PYINSTALLER) --workpath build/onedir --distpath dist build.spec -- --onedir

# Linux: PyInstaller's own one files, which unpack at every start (for bench/dist.py).
dist-every-start: $(STAMP)
	$(PYINSTALLER) --workpath build/every-start --distpath dist/every-start build.spec -- --unpack-every-start
	$(PYINSTALLER) --workpath build/every-start-minimal --distpath dist/every-start bench/minimal/minimal.spec -- --unpack-every-start

# The bare Qt Quick app bench/dist.py compares the kiosk with, frozen the same way.
dist-minimal: $(STAMP)
	$(PYINSTALLER) --workpath build/minimal --distpath dist bench/minimal/minimal.spec
	$(PYINSTALLER) --workpath build/minimal-dir --distpath dist bench/minimal/minimal.spec -- --onedir

smoke: dist
	$(PY) freeze/smoke.py dist/kiosk

bench-dist: dist dist-dir dist-minimal dist-every-start
	$(PY) bench/dist.py

clean:
	rm -rf $(VENV) $(ANSIBLE_VENV) build dist shots .pytest_cache
