"""The database: an engine for a URL, and migrations brought to head on first use.

SQLite (the default, in SUPPLE_HOME) runs in WAL mode with foreign keys on and a full sync on
each commit, so a set committed as it ends survives a crash of supple or of the machine.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.orm import Session

from supple.errors import BadRequest

HEAD_REVISION = "0003"  # the newest migration; a test checks it against Alembic's head
# Connections kept open per process: one for each thread the web server runs requests on
# (web/app.py), so none waits for one and none is opened and closed per request (a pool that
# overflows closes what it returns). Workers x POOL_SIZE must stay under PostgreSQL's
# max_connections (100 by default).
POOL_SIZE = 16
CONNECT_TIMEOUT_S = 10
# A statement of a request that runs this long (a lock held by a stuck transaction, a server
# struggling) is cancelled: the request fails with a 503 instead of holding its worker and its
# connection for good. No request of supple's comes near it; migrations lift it.
STATEMENT_TIMEOUT_MS = 30_000
# TCP keepalives: a database host that vanishes mid-query (a network partition) is noticed in about
# a minute, where the operating system's defaults take over two hours.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}


def sqlite_url(home: Path) -> str:
    return f"sqlite:///{home / 'supple.db'}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:" and not path.startswith("file:"):  # file: a URI (?mode=ro&uri=true)
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, pool_size=POOL_SIZE, max_overflow=0)
        event.listen(engine, "connect", _sqlite_pragmas)
        # SQLite has one writer at a time, and a writer that finds the database locked sleeps
        # in steps of up to 100 ms before trying again; the threads of one process take turns on
        # a lock instead, which wakes the next one as soon as the last commit is on disk.
        _WRITE_LOCKS[engine] = threading.Lock()
    else:
        # No pre-ping: it costs a round trip on every checkout, a third of a request's time (bench/).
        # A connection that died with the server fails its request once (503, store/faults.py);
        # SQLAlchemy then sees the disconnect and drops every pooled connection, so the next requests
        # connect afresh. Recycling keeps idle connections younger than the timeouts of firewalls
        # between app and database; connect_timeout: a server that does not answer fails a request
        # in seconds instead of hanging it.
        limits = f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
        connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, "options": limits, **KEEPALIVES}
        engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=0, pool_recycle=1800, connect_args=connect_args)
    event.listen(engine, "before_cursor_execute", _refuse_nul)
    return engine


def _refuse_nul(connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
    """PostgreSQL keeps no NUL character in text and its driver fails on one (a 500 for an activity
    typed with one); refused on every database alike, before anything is written."""
    # a row's values, a list of rows, or (inserting many rows in one statement) one flat tuple
    for row in parameters if isinstance(parameters, list) else [parameters]:
        values = row.values() if isinstance(row, dict) else row if isinstance(row, tuple | list) else (row,)
        if any(isinstance(value, str) and "\x00" in value for value in values):
            raise BadRequest("text with a NUL character (\\x00) cannot be kept")


_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()


@contextmanager
def writing(db: Engine) -> Iterator[Session]:
    """A session in a transaction that commits on leaving (rolls back on an error); on SQLite the
    process's writers take turns."""
    lock = _WRITE_LOCKS.get(db)
    if lock is None:
        with Session(db) as s, s.begin():
            yield s
        return
    with lock, Session(db) as s, s.begin():
        yield s


@contextmanager
def _autocommit(db: Engine) -> Iterator[Connection]:
    """A pooled connection on which each statement is its own transaction (PostgreSQL); the pool
    sets it back when it is returned."""
    with db.connect() as c:
        yield c.execution_options(isolation_level="AUTOCOMMIT")


@contextmanager
def reading(db: Engine) -> Iterator[Connection]:
    """A connection for reads. On PostgreSQL it runs each statement on its own, outside a
    transaction block: psycopg would otherwise send BEGIN before the first query and the pool a
    ROLLBACK on return, two more round trips for nothing (each statement sees the data committed
    before it either way, as in READ COMMITTED). SQLite's driver opens no transaction for a read."""
    with db.connect() if db.dialect.name == "sqlite" else _autocommit(db) as c:
        yield c


@contextmanager
def one_statement(db: Engine) -> Iterator[Connection]:
    """A connection for a write of one statement, committed when it ends: on PostgreSQL in one round
    trip (the statement is its own transaction, durable when the server answers); on SQLite in a
    transaction committed on leaving, the process's writers taking turns. Run one statement only:
    on PostgreSQL two would be two transactions."""
    lock = _WRITE_LOCKS.get(db)
    if lock is None:
        with _autocommit(db) as c:
            yield c
        return
    with lock, db.begin() as c:
        yield c


def _sqlite_pragmas(connection: Any, record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def answers(engine: Engine) -> bool:
    """Whether the database answers a trivial query now."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision. Alembic is imported only when there is work."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # a migration may rewrite a big table or build an index over it: no request's time limit
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        if _revision(connection) == HEAD_REVISION:
            return
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    return config
