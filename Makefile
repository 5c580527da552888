# Kreiskurs — the two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := KREISKURS_DEBUG=1 KREISKURS_HTTPS=0

.PHONY: setup run test lock lint typecheck migrations-check test-sqlite test-postgres messages clean

LOCK := requirements/dev.lock
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --no-header -q

# Installs exactly the locked versions (direct and transitive), then the project itself.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## lock: re-resolve requirements/*.lock after changing the pins in pyproject.toml
lock: $(STAMP)
	$(UV_COMPILE) --extra dev -o requirements/dev.lock
	$(UV_COMPILE) -o requirements/prod.lock

## setup: everything `make run` does except serving (idempotent, quick when nothing changed)
setup: $(STAMP)
	mkdir -p var
	$(DEV_ENV) $(BIN)/kreiskurs migrate --noinput -v0
	$(DEV_ENV) $(BIN)/kreiskurs load_demo

## run: the platform with the demo district on http://127.0.0.1:8000/, and a task worker beside it
run: setup
	trap 'kill 0' EXIT; \
	$(DEV_ENV) $(BIN)/kreiskurs db_worker --queue-name '*' --no-reload -v0 & \
	$(DEV_ENV) $(BIN)/kreiskurs runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check kreiskurs tests benchmarks tools
	$(BIN)/ruff format --check kreiskurs tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy kreiskurs tools

migrations-check: $(STAMP)
	mkdir -p var
	$(DEV_ENV) $(BIN)/kreiskurs makemigrations --check --dry-run -v1

## test-sqlite: the whole suite (browser tests included) on SQLite
test-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest -q

## test-postgres: the suite without browser tests on a throwaway PostgreSQL cluster (tests that use
## no configured database, marker database_independent, already ran in test-sqlite)
test-postgres: $(STAMP)
	$(BIN)/python tools/pgtmp.py $(if $(filter 1,$(REQUIRE_POSTGRES)),--require,) -- $(BIN)/pytest -q -m "not browser and not database_independent"

## test: lint, types, migrations and the suite on SQLite and on PostgreSQL, two at a time:
## the SQLite suite (browser tests included, the longest part) runs beside the checks and then
## the PostgreSQL suite. Each part's output is printed whole when it ends; a failing part
## fails the target, the other parts still run (--keep-going). `make test-sqlite` etc. run one part.
TEST_PARTS := test-sqlite lint typecheck migrations-check test-postgres
test: $(STAMP)
	@$(MAKE) --no-print-directory -j2 --keep-going --output-sync=target $(TEST_PARTS)

## messages: rebuild the translation catalogues (needs GNU gettext)
messages: $(STAMP)
	cd kreiskurs && $(DEV_ENV) ../$(BIN)/kreiskurs makemessages -l en --no-obsolete && $(DEV_ENV) ../$(BIN)/kreiskurs compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
