# Two commands for a newcomer: `make run` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast test-future lint typecheck imports pytest bench clean

# pytest runs on two processes (pytest-xdist; `make pytest PYTEST_WORKERS=0` for one). Each test has
# tiers, given in tests/conftest.py by where it lives and the fixtures it uses: unit, service,
# database, postgres, browser, faults (README.md, "Tests").
PYTEST_WORKERS ?= 2
# Some shells set PYTHONDONTWRITEBYTECODE: then every pytest process (each worker too) rewrites and
# compiles every test module again instead of reading its cache, 2 s each here.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal
# test-fast: everything but a real browser, PostgreSQL, the fault injection tests and the slow ones
# (a child process driven in real time: a terminal session, a kill at a random moment).
FAST := not browser and not postgres and not faults and not slow
# test-future: the tiers that read today's date, unit, service and database (PostgreSQL's too), once
# more with the clock a year ahead. Debian's faketime preloads libfaketime, so child processes (the
# CLI's `supple`, the PostgreSQL server) are moved too. Under it PostgreSQL's statement_timeout never
# fires, so the one test that waits for it is left to make test; so are the browser and fault tiers
# (uvicorn does not replace a killed worker under faketime) (README.md, "Tests").
FUTURE := (unit or service or database) and not browser and not faults
FUTURE_NOT := --deselect tests/store/database/test_faults.py::test_a_postgresql_statement_past_its_time_limit_is_cancelled_as_busy
# One test starts `supple catalog --json` with its standard output closed. Under faketime,
# libfaketime's shared memory then takes descriptor 1 in that process, and the JSON is written into
# the clock state that every later process of the run shares: their monotonic clock jumps and can
# overflow. It doesn't read the date, so it stays in make test only (README.md, "Tests").
FUTURE_NOT += --deselect tests/cli/test_one_line_errors.py::test_a_command_started_with_its_output_closed_prints_nowhere_instead_of_failing
SHIFT ?= +365 days

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/supple serve

test: lint typecheck imports pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(PYTEST)

test-fast: $(STAMP)
	$(PYTEST) -m "$(FAST)"

test-future: $(STAMP)
	@command -v faketime >/dev/null || { echo "make test-future needs Debian's faketime: apt install faketime" >&2; exit 1; }
	faketime '$(SHIFT)' $(PYTEST) -m "$(FUTURE)" $(FUTURE_NOT)

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
