"""Telling the store's faults (full, read-only, unreachable) from bugs, with the drivers' real errors."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, exc, text
from tests.e2e.conftest import free_port

from supple.store.database.faults import CANNOT_REACH, CANNOT_WRITE, store_fault


def sqlalchemy_error(url: str, statement: str) -> exc.DBAPIError:
    engine = create_engine(url)
    try:
        with pytest.raises(exc.DBAPIError) as raised, engine.begin() as c:
            c.execute(text(statement))
    finally:
        engine.dispose()
    return raised.value


def test_a_read_only_sqlite_database_cannot_be_written(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "x.db") as c:
        c.execute("CREATE TABLE t (n INTEGER)")
    error = sqlalchemy_error(f"sqlite:///file:{tmp_path / 'x.db'}?mode=ro&uri=true", "INSERT INTO t VALUES (1)")
    fault = store_fault(error)
    assert fault is not None and str(fault) == CANNOT_WRITE


def test_a_postgresql_server_that_is_down_cannot_be_reached() -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/postgres?connect_timeout=2"
    fault = store_fault(sqlalchemy_error(url, "SELECT 1"))
    assert fault is not None and str(fault) == CANNOT_REACH


def test_a_bug_in_sql_stays_a_bug(tmp_path: Path) -> None:
    assert store_fault(sqlalchemy_error(f"sqlite:///{tmp_path / 'x.db'}", "SELECT * FROM no_such_table")) is None


def test_a_broken_constraint_stays_a_bug(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = create_engine(url)
    with engine.begin() as c:
        c.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY)"))
        c.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()
    assert store_fault(sqlalchemy_error(url, "INSERT INTO t VALUES (1)")) is None


def test_a_file_that_cannot_be_written_is_named() -> None:
    fault = store_fault(OSError(errno.ENOSPC, "No space left on device", "/data/screening.json"))
    assert fault is not None and "/data/screening.json (No space left on device)" in str(fault)


def test_other_errors_are_not_the_stores() -> None:
    assert store_fault(ValueError("a bug")) is None
    assert store_fault(ConnectionResetError(errno.ECONNRESET, "reset")) is None


def test_a_postgresql_statement_past_its_time_limit_is_cancelled_as_busy(
    postgres_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supple.store.database import engine as database_engine
    from supple.store.database.faults import BUSY

    monkeypatch.setattr(database_engine, "STATEMENT_TIMEOUT_MS", 200)
    engine = database_engine.make_engine(postgres_server)
    try:
        with pytest.raises(exc.DBAPIError) as raised, engine.connect() as c:
            c.execute(text("SELECT pg_sleep(2)"))
        fault = store_fault(raised.value)
        assert fault is not None and str(fault) == BUSY
    finally:
        engine.dispose()


def empty_database(server: str, name: str) -> str:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.rsplit("/", 1)[0] + f"/{name}"


def test_requests_have_a_time_limit_on_postgresql_and_migrations_none(
    postgres_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    from supple.store.database.engine import make_engine
    from supple.store.database.schema import upgrade

    limits_seen_by_migrations = []

    def migrate(config: object, revision: str) -> None:
        connection = config.attributes["connection"]  # type: ignore[attr-defined]
        limits_seen_by_migrations.append(connection.exec_driver_sql("SHOW statement_timeout").scalar())

    from supple.store.database.schema import alembic_config

    engine = make_engine(empty_database(postgres_server, "timeouts"))
    with engine.begin() as connection:  # made by an older supple: a new one is made at head, unmigrated
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    monkeypatch.setattr(command, "upgrade", migrate)
    try:
        with engine.connect() as c:
            assert c.exec_driver_sql("SHOW statement_timeout").scalar() == "30s"
        upgrade(engine)
        assert limits_seen_by_migrations == ["0"]
        with engine.connect() as c:  # lifted for the migration's transaction only
            assert c.exec_driver_sql("SHOW statement_timeout").scalar() == "30s"
    finally:
        engine.dispose()
