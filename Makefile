# The README's two commands are `make demo` and `make test`; everything else here serves them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test install lint test-sqlite test-postgres chromium bench bench-billing docs clean fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## demo: database, regions, sample data, and a production WSGI server on http://127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/lindung migrate --noinput -v0
	$(BIN)/lindung regions load
	$(BIN)/lindung demo load
	$(BIN)/lindung monev refresh
	$(BIN)/lindung collectstatic --noinput -v0
	$(BIN)/lindung demo logins
	HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) scripts/serve

## test: ruff, then the whole suite on SQLite and on a throwaway PostgreSQL 15 cluster, side by side
test: $(STAMP) chromium lint
	BIN=$(BIN) PYTEST_ARGS="$(PYTEST_ARGS)" scripts/test-both

# ruff, the layer contracts (docs/architecture.md) and the types of every service, selector and the API.
TYPED := $$(find lindung -name migrations -prune -o \( -name 'services.py' -o -name 'selectors.py' \
           -o -path '*/services/*.py' -o -path '*/selectors/*.py' \) -print) lindung/api
lint: $(STAMP)
	$(BIN)/ruff check lindung tests bench
	$(BIN)/ruff format --check lindung tests bench
	$(BIN)/lint-imports
	LINDUNG_DATA_DIR=$$(mktemp -d) $(BIN)/mypy $(TYPED)

test-sqlite: $(STAMP)
	@echo "================ Lindung test suite on SQLite ================"
	LINDUNG_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -q $(PYTEST_ARGS)

test-postgres: $(STAMP)
	@echo "================ Lindung test suite on PostgreSQL 15 ================"
	LINDUNG_DATA_DIR=$$(mktemp -d) WITH_REPLICA=1 scripts/with-postgres $(BIN)/pytest -q $(PYTEST_ARGS)

# Browser tests drive Debian's chromium; Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## fuzz: schemathesis against every API operation with ten times the suite's examples, on SQLite
fuzz: $(STAMP)
	BIN=$(BIN) scripts/fuzz-api

bench: $(STAMP)
	$(BIN)/python bench/import_bench.py --rows 200000 --format csv --db sqlite

## bench-billing: bills, a 1,000,000-line statement and the daily lapse job for 7.5 M members on PostgreSQL
bench-billing: $(STAMP)
	nice -n 10 $(BIN)/python bench/billing_bench.py --members 7500000 --db postgres

## docs: regenerate the CLI reference from --help
docs: $(STAMP)
	LINDUNG_DATA_DIR=$$(mktemp -d) $(BIN)/lindung clidocs > docs/cli.md

clean:
	rm -rf $(VENV) data
