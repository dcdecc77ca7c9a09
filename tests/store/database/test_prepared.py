"""Prepared statements (the ones nearly every request runs): the same rows as SQLAlchemy gives, a
write committed when it returns, text no database keeps refused, and a driver's error raised as
SQLAlchemy's so that a fault of the store is still told from a bug."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Dialect, bindparam, create_engine, exc, func, insert, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql import psycopg
from sqlalchemy.pool import NullPool

from supple.errors import BadRequest
from supple.safety.screen import Screening
from supple.store.database.engine import Database, make_engine
from supple.store.database.faults import CANNOT_OPEN, CANNOT_REACH, CANNOT_WRITE, store_fault
from supple.store.database.prepared import Prepared
from supple.store.database.tables import PersonRow
from supple.store.repositories import open_store
from supple.store.repositories.routines import _version
from supple.store.repositories.screenings import LATEST

NOW = dt.datetime(2026, 11, 2, 7, 30, 15, 250_000, tzinfo=dt.UTC)
NEW_PERSON = Prepared(
    insert(PersonRow).values(name=bindparam("name"), created_at=bindparam("now")).returning(PersonRow.id)
)
PERSON_WITH_ID = Prepared(
    insert(PersonRow).values(id=bindparam("id"), name="twin", created_at=bindparam("now")).returning(PersonRow.id)
)


def through_sqlalchemy(database: Database, prepared: Prepared, values: dict[str, object]) -> tuple[object, ...] | None:
    with database.reading() as c:
        row = c.execute(prepared.statement, values).first()
    return None if row is None else tuple(row)


def test_a_prepared_read_gives_the_rows_sqlalchemy_gives(store) -> None:
    person = store.people.local_person(now=NOW)
    store.routines.save(person_id=person, name="morning", plan={"items": []}, now=NOW)
    store.screenings.add(person_id=person, screening=Screening("go", (), "", ("q1", "q2"), NOW))
    reads = [
        (_version(True), {"person_id": person, "name": "morning"}),
        (_version(False), {"person_id": person, "name": None}),
        (_version(True), {"person_id": person, "name": "evening"}),  # no such routine: None
        (LATEST, {"person_id": person}),
    ]
    for prepared, values in reads:
        assert store.database.first(prepared, values) == through_sqlalchemy(store.database, prepared, values)
    version = store.database.first(_version(True), {"person_id": person, "name": "morning"})
    assert version is not None and version[2] == NOW and version[2].tzinfo is not None  # aware, to the microsecond
    latest = store.database.first(LATEST, {"person_id": person})
    assert latest is not None and list(latest[2]) == ["q1", "q2"]  # JSON read back as a list


def test_a_prepared_write_is_committed_when_it_returns(store) -> None:
    row = store.database.write_first(NEW_PERSON, {"name": "kept", "now": NOW})
    assert row is not None
    with store.database.engine.connect() as other:
        assert other.execute(text("SELECT name FROM people WHERE id = :id"), {"id": row[0]}).scalar() == "kept"


def test_a_prepared_write_refuses_text_no_database_keeps_before_writing(store) -> None:
    with pytest.raises(BadRequest, match="NUL"):
        store.database.write_first(NEW_PERSON, {"name": "lost\x00", "now": NOW})
    with store.database.reading() as c:
        assert c.scalar(select(func.count()).select_from(PersonRow)) == 0


def test_a_prepared_read_sees_what_was_committed_since_the_last_one(store) -> None:
    count = Prepared(select(func.count()).select_from(PersonRow))
    assert store.database.first(count, {}) == (0,)  # on the pool's one connection, its cursor kept
    other = create_engine(store.database.engine.url, poolclass=NullPool)  # another program, say
    with other.begin() as c:
        c.execute(insert(PersonRow).values(name="new", created_at=NOW))
    other.dispose()
    assert store.database.first(count, {}) == (1,)


def people(database: Database) -> int:
    with database.reading() as c:
        return int(c.scalar(select(func.count()).select_from(PersonRow)) or 0)


def a_transaction_that_fails(database: Database) -> None:
    """Two rows written in one transaction, then an error: neither is kept, on a connection of the
    pool the prepared statements used (on PostgreSQL they set autocommit on it, and back)."""
    with pytest.raises(RuntimeError), database.writing() as s:
        s.execute(insert(PersonRow).values(name="half", created_at=NOW))
        s.execute(insert(PersonRow).values(name="done", created_at=NOW))
        raise RuntimeError("the transaction fails after its writes")


def test_a_connection_a_prepared_statement_used_still_runs_transactions_whole(store) -> None:
    kept = store.database.write_first(NEW_PERSON, {"name": "kept", "now": NOW})
    assert kept is not None and store.database.first(LATEST, {"person_id": kept[0]}) is None
    a_transaction_that_fails(store.database)
    assert people(store.database) == 1


def test_a_failed_prepared_statement_leaves_its_connection_fit_for_the_next(store) -> None:
    (person,) = store.database.write_first(PERSON_WITH_ID, {"id": 7, "now": NOW}) or (None,)
    with pytest.raises(exc.IntegrityError):  # the same id again: SQLAlchemy's error, as from its Connection
        store.database.write_first(PERSON_WITH_ID, {"id": 7, "now": NOW})
    assert person == 7 and store.database.first(Prepared(select(func.count()).select_from(PersonRow)), {}) == (1,)
    a_transaction_that_fails(store.database)
    assert people(store.database) == 1


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_connection_that_died_fails_one_statement_and_the_next_connect_afresh(database_url: str) -> None:
    store = open_store(database_url)
    try:
        person = store.people.local_person(now=NOW)
        opened = [store.database.engine.raw_connection() for _ in range(3)]  # three pooled connections
        for connection in opened:
            connection.close()
        others = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
        with create_engine(database_url, poolclass=NullPool).connect() as admin:  # the server restarting, say
            ended = admin.execute(text(others + " AND pid <> pg_backend_pid()")).all()
        assert len(ended) >= 3
        with pytest.raises(exc.DBAPIError) as raised:
            store.database.first(LATEST, {"person_id": person})
        fault = store_fault(raised.value)
        assert fault is not None and str(fault) == CANNOT_REACH and raised.value.connection_invalidated
        for _ in range(3):  # every connection made before is dropped, not only the one that failed
            assert store.database.first(LATEST, {"person_id": person}) is None
        a_transaction_that_fails(store.database)
        assert people(store.database) == 1
    finally:
        store.close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [("sqlite:///file:/nonexistent/supple.db?mode=ro&uri=true", CANNOT_OPEN),
     ("postgresql+psycopg://postgres@127.0.0.1:1/supple", CANNOT_REACH)],  # nothing listens on port 1
    ids=["sqlite", "postgres"],
)  # fmt: skip
def test_a_database_that_cannot_be_connected_to_is_a_fault_of_the_store(url: str, expected: str) -> None:
    database = Database(make_engine(url))
    try:
        with pytest.raises(exc.DBAPIError) as raised:
            database.first(LATEST, {"person_id": 1})
        fault = store_fault(raised.value)
        assert fault is not None and str(fault) == expected
    finally:
        database.close()


def test_a_driver_error_of_a_prepared_write_is_a_fault_of_the_store(tmp_path: Path) -> None:
    open_store(f"sqlite:///{tmp_path / 'x.db'}").close()  # a database at head
    database = Database(make_engine(f"sqlite:///file:{tmp_path / 'x.db'}?mode=ro&uri=true"))
    try:
        with pytest.raises(exc.DBAPIError) as raised:
            database.write_first(NEW_PERSON, {"name": "lost", "now": NOW})
        fault = store_fault(raised.value)
        assert fault is not None and str(fault) == CANNOT_WRITE
        assert database.first(Prepared(select(func.count()).select_from(PersonRow)), {}) == (0,)
    finally:
        database.close()


@pytest.mark.parametrize("dialect", [sqlite.dialect(), psycopg.dialect()], ids=["sqlite", "postgres"])
def test_a_statement_whose_values_are_spliced_into_its_sql_is_not_prepared(dialect: Dialect) -> None:
    spliced = Prepared(select(PersonRow.id).where(PersonRow.id.in_(bindparam("ids", expanding=True))))
    with pytest.raises(ValueError, match="as they are"):
        spliced.compiled(dialect)


def test_psycopg_is_given_the_values_by_name_and_sqlite_by_position() -> None:
    values = {"person_id": 3, "name": "morning"}
    assert _version(True).parameters(psycopg.dialect(), values) == values | {"param_1": 1}  # LIMIT 1
    assert _version(True).parameters(sqlite.dialect(), values) == (3, "morning", 1, 0)  # LIMIT 1 OFFSET 0
