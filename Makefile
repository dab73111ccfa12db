# The two commands a newcomer needs: `make run` and `make test` (see README).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8080
export TRIPLO_DATA_DIR ?= $(CURDIR)/data

.PHONY: run test test-postgres test-image lint format system-deps bench

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Chromium drives the browser tests (never `playwright install`: it downloads a browser);
# node re-saves config.json as Triplo (Electron) does, for the drift tests.
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v node >/dev/null 2>&1 || { \
	  echo "installing Debian's nodejs for the drift tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; }

# axe-core (pinned in package.json) is injected into the page by the browser tests' a11y check.
node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

# gunicorn's master runs bootstrap before serving, as in the container (gunicorn.conf.py).
run: $(BIN)/.installed
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	TRIPLO_BOOTSTRAP_IN_MASTER=1 $(BIN)/gunicorn triplo_config.wsgi --workers 2 \
	  --bind 127.0.0.1:$(PORT) --access-logfile -

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(BIN)/.installed system-deps node_modules/.installed lint
	$(BIN)/pytest

# The same suite against a throwaway PostgreSQL server (Debian's package, installed if missing),
# less the `slow` tests (they start their own processes on SQLite, as issue 6 asks) and the
# `browser` tests (the page reaches the database only through the API, which this run covers
# already; they took 3 of its 7 minutes and pushed CI past its 20-minute budget).
test-postgres: $(BIN)/.installed system-deps
	scripts/with-postgres.sh $(BIN)/pytest -m "not slow and not browser"

# Both ways to run beside Triplo, as images built and run with podman (installed if missing):
# the sidecar (docker-compose.yml) and the drop-in (docker/triplo) on a stand-in of the upstream
# image. Images and build cache stay in $(IMAGE_CACHE), outside the repo, so later runs are warm.
IMAGE_CACHE ?= /var/cache/triplo-config-images
test-image: $(BIN)/.installed
	TRIPLO_IMAGE_CACHE=$(IMAGE_CACHE) PYTEST=$(BIN)/pytest scripts/test-image.sh

# Figures for BENCHMARKS.md (not part of the tests): run on a quiet machine. About 5 minutes:
# triplo-config against an old-style reference server, the scaling table, password guessing.
# Where the time goes: $(BIN)/python bench/profile_requests.py (cProfile, in-process).
bench: $(BIN)/.installed
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/guessing.py
