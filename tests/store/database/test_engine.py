"""The engine and the three ways supple uses a connection: reads, writes, writes of one statement;
and text no database keeps, refused alike on every database before anything is written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text

from supple.errors import BadRequest
from supple.store.database.engine import make_engine
from supple.store.database.tables import GoalRow
from supple.store.repositories.people import LOCAL_PERSON

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_times_must_carry_a_timezone(store) -> None:
    with pytest.raises(Exception, match="timezone-aware"):
        store.people.local_person(now=dt.datetime(2026, 1, 1))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("activity", "problem"),
    [("stairs\x00", r"a NUL character \(\\x00\)"), ("stairs\ud800", "a lone surrogate character"),
     ("\udfffstairs", "a lone surrogate character")],
    ids=["a NUL", "a lone high surrogate", "a lone low surrogate"],
)  # fmt: skip
def test_text_no_database_keeps_is_refused_before_anything_is_written(store, activity: str, problem: str) -> None:
    # JSON allows "\ud800", so a body or a backup file can carry one: SQLite would keep it as text
    # that is not Unicode, PostgreSQL's driver would fail on it halfway (a 500 on the web).
    person = store.people.local_person(now=NOW)
    with pytest.raises(BadRequest, match=f"^text with {problem}.* cannot be kept$"):
        store.goals.add(person_id=person, activity=activity, now=NOW)
    assert store.goals.current(person_id=person) == []
    with store.database.reading() as c:
        assert c.scalar(select(func.count()).select_from(GoalRow)) == 0
    store.goals.add(person_id=person, activity="stairs \N{SNOWMAN} \U0001f9d8", now=NOW)  # real Unicode is kept
    assert [goal.activity for goal in store.goals.current(person_id=person)] == ["stairs \N{SNOWMAN} \U0001f9d8"]


def test_a_write_of_one_statement_is_kept_when_it_leaves(store) -> None:
    person = store.people.local_person(now=NOW)
    with store.database.one_statement() as c:
        c.execute(text("UPDATE people SET name = 'kept' WHERE id = :id"), {"id": person})
    with store.database.engine.connect() as other:
        assert other.execute(text("SELECT name FROM people")).scalar() == "kept"


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_on_postgresql_a_write_of_one_statement_is_committed_as_the_server_answers(store) -> None:
    """Its own transaction: one round trip, no BEGIN nor COMMIT."""
    person = store.people.local_person(now=NOW)
    with store.database.one_statement() as c:
        c.execute(text("UPDATE people SET name = 'kept' WHERE id = :id"), {"id": person})
        with store.database.engine.connect() as other:
            assert other.execute(text("SELECT name FROM people")).scalar() == "kept"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_on_sqlite_a_write_of_one_statement_is_rolled_back_on_an_error(store) -> None:
    person = store.people.local_person(now=NOW)
    with pytest.raises(RuntimeError), store.database.one_statement() as c:
        c.execute(text("UPDATE people SET name = 'lost' WHERE id = :id"), {"id": person})
        raise RuntimeError("after the statement")
    with store.database.engine.connect() as other:
        assert other.execute(text("SELECT name FROM people")).scalar() == LOCAL_PERSON


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_read_on_postgresql_leaves_no_transaction_open(store) -> None:
    """No BEGIN before it and so no ROLLBACK when the connection goes back to the pool: two round
    trips of three. The next user of the connection still gets transactions as usual."""
    from psycopg.pq import TransactionStatus

    with store.database.reading() as c:
        assert c.execute(text("SELECT 1")).scalar() == 1
        assert c.connection.dbapi_connection.info.transaction_status == TransactionStatus.IDLE
    with store.database.engine.connect() as c:
        c.execute(text("SELECT 1"))
        assert c.connection.dbapi_connection.info.transaction_status == TransactionStatus.INTRANS
