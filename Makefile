# `make test` is the one command CI runs (see .ci/run and the README).
# Every tool runs as `$(PYTHON) -m TOOL`, so it is the one `make install` put into that
# interpreter, whatever PATH holds (a --user install, a stale pyenv shim, a global ruff).
PYTHON ?= python
SRC = src tests benchmarks scripts
# apt-get needs root; anyone else goes through sudo.
SUDO = $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: all install install-browser install-postgres test lint typecheck pytest eval-gate bench eval demo docs docs-check

all: lint typecheck pytest

# pip 23.3 or newer compares extra names normalised (PEP 685): an older pip warns on every
# install that lxml does not provide the extra 'html_clean', which jusText asks for.
install: install-browser install-postgres
	$(PYTHON) -m pip install --quiet --upgrade 'pip>=23.3'
	$(PYTHON) -m pip install --quiet -e '.[test,spark,postgres]'

# The browser tests drive Debian's chromium through Playwright (never `playwright install`);
# a no-op when it is there already.
install-browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The PostgreSQL contract tests start their own server from Debian's binaries
# (/usr/lib/postgresql/NN/bin); the package is installed when no pg_ctl is found.
install-postgres:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1; then \
		echo "installing Debian's postgresql for the PostgreSQL tests"; \
		$(SUDO) apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; \
	fi

test: install lint typecheck docs-check pytest eval-gate

lint:
	$(PYTHON) -m ruff check $(SRC)
	$(PYTHON) -m ruff format --check $(SRC)

typecheck:
	$(PYTHON) -m mypy

pytest:
	$(PYTHON) -m pytest -q

# Scores the bundled sample corpus against its own gold and fails below eval_floors.json.
eval-gate:
	$(PYTHON) scripts/eval_gate.py

# Scores the seed articles (needs ../shared).
eval:
	watchfloor ingest ../shared/corpus/seeds --db /tmp/watchfloor-seeds.db || true
	watchfloor eval --gold ../shared/gold/seeds.jsonl --db /tmp/watchfloor-seeds.db

bench:
	for script in benchmarks/bench_*.py; do echo "== $$script"; $(PYTHON) $$script; done

demo:
	watchfloor demo

docs:
	$(PYTHON) -m cogapp -r docs/cli.md

docs-check:
	$(PYTHON) -m cogapp --check docs/cli.md
