# Kreiskurs — the two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := KREISKURS_DEBUG=1 KREISKURS_HTTPS=0

.PHONY: setup run test lock lint typecheck migrations-check bytecode test-sqlite test-browser test-postgres messages clean

# Python keeps the compiled modules of the checkout in __pycache__ (git ignores them) even where
# the environment says PYTHONDONTWRITEBYTECODE: every pytest process and every subprocess of a
# test would otherwise compile and rewrite all modules again (about 10 s CPU per process).
unexport PYTHONDONTWRITEBYTECODE

LOCK := requirements/dev.lock
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --no-header -q

# Installs exactly the locked versions (direct and transitive) with uv (the lock's own version: parallel
# downloads and a cache that survives the virtualenv; pip took about 4 minutes here), then the project itself
# (editable, also through uv: 1.7 s CPU instead of pip's 4.5 s).
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet $$(grep '^uv==' $(LOCK))
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r $(LOCK)
	$(BIN)/uv pip install --quiet --no-deps --no-build-isolation --python $(BIN)/python -e .
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

## bytecode: compile the project's modules once, before the test parts start side by side
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q -j0 kreiskurs tests tools

## test-sqlite: the suite without browser tests on SQLite; the test database is built from the models
## (--no-migrations): tests/test_packaging.py migrates a fresh SQLite file with the installed wheel,
## test-postgres migrates PostgreSQL, migrations-check proves the models match the migrations
## (docs/decisions/0020-fast-test-run.md)
test-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest -q --no-migrations -m "not browser"

## test-browser: the browser tests (Playwright drives Chromium) on SQLite, schema from the models as above
test-browser: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest -q --no-migrations -m browser tests/browser

## test-postgres: the suite without browser tests on a throwaway PostgreSQL cluster (tests that cannot
## reach the configured database, marker database_independent set by conftest.py, already ran in test-sqlite)
test-postgres: $(STAMP)
	$(BIN)/python tools/pgtmp.py $(if $(filter 1,$(REQUIRE_POSTGRES)),--require,) -- $(BIN)/pytest -q -m "not browser and not database_independent"

## test: lint, types, migrations and the suite on SQLite and on PostgreSQL, three parts at a time:
## the PostgreSQL suite (the longest part), the SQLite suite and the browser tests start together,
## the checks follow as a part ends. Three on two cores, because none of the three keeps a core
## busy alone: each waits on its server or browser (docs/decisions/0020-fast-test-run.md).
## Each part's output is printed whole when it ends; a failing part fails the target, the other
## parts still run (--keep-going). `make test-sqlite` etc. run one part.
TEST_PARTS := test-postgres test-sqlite test-browser lint typecheck migrations-check
test: $(STAMP)
	@$(MAKE) --no-print-directory bytecode
	@$(MAKE) --no-print-directory -j3 --keep-going --output-sync=target $(TEST_PARTS)

## messages: rebuild the translation catalogues (needs GNU gettext)
messages: $(STAMP)
	cd kreiskurs && $(DEV_ENV) ../$(BIN)/kreiskurs makemessages -l en --no-obsolete && $(DEV_ENV) ../$(BIN)/kreiskurs compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
