from __future__ import annotations

import itertools
import os
import shutil
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

DATA = Path(__file__).parent / "data"

# Speed is measured in bench/, never asserted by a test: Hypothesis's 200 ms deadline per example
# failed a test whose example took 308 ms once on a shared, loaded machine and 5 ms when tried again.
settings.register_profile("supple", deadline=None)
settings.load_profile("supple")
TESTS = Path(__file__).parent

# Test tiers (markers registered in pyproject.toml), given to every test at collection, so that no
# test file names its tier and a new test gets one from where it lives and what it uses:
#   unit      the domain: catalogue, safety, planner, session, progress, figures, export;
#   service   services, the CLI and the web app in-process (TestClient), on SQLite in a temp folder;
#   database  the store, and any test given a database by the database_url fixture;
#   postgres  any test that needs a PostgreSQL server (postgres_server, database_url's "postgres");
#   browser   a real chromium (tests/e2e, the browser and page fixtures);
#   faults    real servers (tests/faults): started and broken, or put behind Debian's nginx.
# A test can have several (a clinic test on PostgreSQL is service, database and postgres). One more
# marker, slow, is given to a test whose code (or a function of its module, or a test class's
# constructor, that it calls) starts a child process it drives in real time, by subprocess.Popen or
# pexpect: a terminal session typed into, a session killed at a random moment, a real server. Those
# wait seconds each on the clock, and `make test-fast` took 128 to 132 s with them, 75 to 95 s
# without (README.md, "Tests"). `make test-fast` runs
# `-m "not browser and not postgres and not faults and not slow"`; `make test` runs them all.
TIER_OF_PATH = {
    "catalog": "unit",
    "safety": "unit",
    "planner": "unit",
    "session": "unit",
    "progress": "unit",
    "figures": "unit",
    "export": "unit",
    "test_config.py": "unit",
    "services": "service",
    "cli": "service",
    "web": "service",
    "test_malformed_files.py": "service",
    "store": "database",
    "e2e": "browser",
    "faults": "faults",
}
DEFAULT_TIER = "service"  # a new folder or file not listed above, until it is
TIERS_OF_FIXTURE = {
    "run_cli": {"service"},
    "client": {"service"},
    "database_url": {"database"},
    "postgres_server": {"database", "postgres"},
    "browser": {"browser"},
}


def tiers(item: pytest.Item) -> set[str]:
    """The tiers of one collected test, by its path and by the fixtures it uses (their closure)."""
    try:
        first = item.path.relative_to(TESTS).parts[0]
    except ValueError:  # a test outside tests/ (pytest given another path)
        first = ""
    found = {TIER_OF_PATH.get(first, DEFAULT_TIER)}
    # A parametrize argument is in fixturenames too: only real fixtures count.
    direct = {name.strip() for mark in item.iter_markers("parametrize") for name in _argnames(mark)}
    for name in set(getattr(item, "fixturenames", ())) - direct:
        found |= TIERS_OF_FIXTURE.get(name, set())
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("database_url") == "postgres":
        found |= {"database", "postgres"}
    # A module that starts a server of its own (tests/pg.py's throwaway_server or throwaway_cluster).
    module = getattr(item, "module", None)
    if module is not None and any(
        getattr(getattr(module, name, None), "__module__", None) == "tests.pg"
        for name in ("throwaway_server", "throwaway_cluster")
    ):
        found |= {"database", "postgres"}
    if _drives_a_child_process(item):
        found.add("slow")
    return found


CHILD_PROCESSES = {("subprocess", "Popen"), ("pexpect", "spawn")}


def _drives_a_child_process(item: pytest.Item) -> bool:
    function, module = getattr(item, "function", None), getattr(item, "module", None)
    if function is None or module is None:
        return False
    seen: set[int] = set()
    codes = [function.__code__]
    while codes:
        code = codes.pop()
        if id(code) in seen:
            continue
        seen.add(id(code))
        names = set(code.co_names)
        if any({package, call} <= names for package, call in CHILD_PROCESSES):
            return True
        codes += [const for const in code.co_consts if isinstance(const, types.CodeType)]  # lambdas, inner functions
        for name in names:  # the module's own helpers that the test calls
            helper = getattr(module, name, None)
            if isinstance(helper, types.FunctionType) and helper.__module__ == module.__name__:
                codes.append(helper.__code__)
            elif isinstance(helper, type) and helper.__module__.startswith("tests."):
                # a class of the tests' own that the test builds (tests/faults/server.Server)
                init = helper.__dict__.get("__init__")
                codes += [init.__code__] if isinstance(init, types.FunctionType) else []
    return False


def _argnames(mark: pytest.Mark) -> list[str]:
    names = mark.args[0] if mark.args else mark.kwargs.get("argnames", ())
    return names.split(",") if isinstance(names, str) else list(names)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for tier in sorted(tiers(item)):
            item.add_marker(tier)


@pytest.fixture
def fixture_catalog(tmp_path: Path) -> Path:
    """A writable copy of the tiny test catalogue, for tests that break it on purpose."""
    target = tmp_path / "catalog"
    shutil.copytree(DATA / "catalog", target)
    return target


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty SUPPLE_HOME for the test."""
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("SUPPLE_HOME", str(path))
    monkeypatch.delenv("SUPPLE_DATABASE_URL", raising=False)
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `supple ARGS...` in-process, the way the console script does, and capture what it prints."""
    from supple.cli.app import main

    def run(*args: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["supple", *args])
        monkeypatch.setenv("COLUMNS", "200")  # a wide terminal, so table cells are not wrapped
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server for the whole test run (CI installs it; elsewhere the tests skip without it)."""
    from tests.pg import postgres_bin, throwaway_server

    if postgres_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed, and CI must test it: see .ci/run")
        pytest.skip("PostgreSQL is not installed")
    with throwaway_server() as url:
        yield url


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind, one per test."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'supple.db'}"
    server = request.getfixturevalue("postgres_server")
    from sqlalchemy import create_engine, text

    name = f"test_{os.getpid()}_{next(_databases)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.rsplit("/", 1)[0] + f"/{name}"
