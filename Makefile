# egovrank — two commands for a new machine:
#   make run    set everything up and serve the Hưng Yên demo on SQLite
#   make test   set up what the tests need and run the whole suite
# Both are safe to run again: steps that are done are skipped.

PYTHON ?= python3.11
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 8000
PIP     = $(VENV)/bin/pip --disable-pip-version-check
PY      = $(VENV)/bin/python
MANAGE  = $(PY) manage.py
SUDO    = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTEST_ARGS ?=
# The suite runs on every core (pytest-xdist), each test module on one worker, so a
# module's shared fixtures (the permission matrix's world, the seeded demo) are built once.
PYTEST_WORKERS ?= auto

.PHONY: run test guide-images lint check-migrations messages system-deps system-deps-test demo clean help

help:
	@echo "make run    - install, migrate, load the demo and serve on http://$(HOST):$(PORT)/"
	@echo "make test   - install test dependencies (Chromium included) and run the whole suite"
	@echo "make guide-images - run the browser tests and refresh the guides' screenshots"
	@echo "make lint   - ruff, format check, mypy --strict on egovrank (tests and migrations aside), makemigrations --check"

# --- installation -----------------------------------------------------------------------

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: $(VENV)/bin/python requirements/base.txt pyproject.toml
	$(PIP) install -q -r requirements/base.txt
	$(PIP) install -q --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-base requirements/dev.txt
	$(PIP) install -q -r requirements/dev.txt
	touch $@

# Front-end tools the tests use (axe-core, pinned in package-lock.json); never served.
node_modules/.installed: package.json package-lock.json | system-deps-test
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# System packages, from Debian, only where missing: gettext to compile translations,
# Pango for WeasyPrint (the PDF announcement); Chromium and npm (for axe-core) for the
# browser tests, LibreOffice Calc to check that the Excel download opens in it, and
# LibreOffice Writer to check that the official documents' Word files open in it.
system-deps:
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q gettext; }
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0; }

system-deps-test: system-deps
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium fonts-dejavu-core; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q npm; }
	@command -v soffice >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q libreoffice-calc-nogui; }
	@dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q libreoffice-writer-nogui; }

messages: $(VENV)/.installed-base system-deps
	@SECRET_KEY=build $(MANAGE) compilemessages --ignore=.venv -v 0

# --- the two commands -------------------------------------------------------------------

run: export DEBUG ?= 1
run: $(VENV)/.installed-base messages
	@mkdir -p var/static
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_demo
	@echo ""
	@echo "  egovrank is serving on http://$(HOST):$(PORT)/   (Ctrl+C to stop)"
	@$(MANAGE) seed_demo --accounts
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev messages system-deps-test node_modules/.installed
	@mkdir -p var/static
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

# The guides' images (docs/huong-dan/anh/) as the browser tests see the pages now.
guide-images: $(VENV)/.installed-dev messages system-deps-test node_modules/.installed
	@mkdir -p var/static
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadscope -m browser --update-guide-images $(PYTEST_ARGS)

# --- checks CI runs besides the tests -----------------------------------------------------

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	SECRET_KEY=lint $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf var/static var/screenshots .mypy_cache .ruff_cache
