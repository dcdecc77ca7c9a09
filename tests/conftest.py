from __future__ import annotations

import itertools
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


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
