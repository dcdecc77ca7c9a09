"""The database: an engine for a URL, and the three ways supple uses a connection.

SQLite (the default, in SUPPLE_HOME) runs in WAL mode with foreign keys on and a full sync on
each commit, so a set committed as it ends survives a crash of supple or of the machine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import PoolProxiedConnection

from supple.errors import BadRequest
from supple.store.database.prepared import Prepared

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

# Where a pooled connection keeps its cursor for the prepared statements (_cursor).
_CURSOR = "supple.prepared_cursor"

# The databases supple keeps its records in, by the name an address starts with, and the driver it
# reaches each through (`pip install 'supple[postgres]'` installs PostgreSQL's).
DATABASES = {"sqlite": ("SQLite", "pysqlite"), "postgresql": ("PostgreSQL", "psycopg")}


def make_engine(url: str) -> Engine:
    """The engine for a database address; BadRequest for an address that is not one supple can use
    (said without the address itself, which may hold a password)."""
    backend = _backend(url)
    try:
        return _make_engine(url, backend)
    except ImportError:  # psycopg, which only a clinic's PostgreSQL needs
        raise BadRequest(
            f"{DATABASES[backend][0]}'s driver ({DATABASES[backend][1]}) is not installed", topic="database-driver"
        ) from None


def _backend(url: str) -> str:
    try:
        backend, _, driver = make_url(url).drivername.partition("+")
    except ArgumentError:
        raise BadRequest("the database address cannot be read as one", topic="database-address") from None
    if backend not in DATABASES:
        raise BadRequest(f"supple keeps its records in SQLite or PostgreSQL, not {backend!r}", topic="database-address")
    name, known = DATABASES[backend]
    if driver and driver != known:
        raise BadRequest(f"supple reaches {name} through {known}, not {driver!r}", topic="database-address")
    return backend


def _make_engine(url: str, backend: str) -> Engine:
    if backend == "sqlite":
        path = make_url(url).database
        if path and path != ":memory:" and not path.startswith("file:"):  # file: a URI (?mode=ro&uri=true)
            _make_folder(Path(path).parent)
        # The connection returned last is handed out next (LIFO): its page cache is the warmest. Handed
        # out in turn, each of the pool's connections found the database changed by the others since
        # it last ran, and SQLite then drops its cache and reads the pages again.
        engine = create_engine(
            url, connect_args={"timeout": 30}, pool_size=POOL_SIZE, max_overflow=0, pool_use_lifo=True
        )
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # No pre-ping: it costs a round trip on every checkout, a third of a request's time (bench/).
        # A connection that died with the server fails its request once (503, database/faults.py);
        # SQLAlchemy then sees the disconnect and drops every pooled connection, so the next requests
        # connect afresh. Recycling keeps idle connections younger than the timeouts of firewalls
        # between app and database; connect_timeout: a server that does not answer fails a request
        # in seconds instead of hanging it.
        limits = f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
        connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, "options": limits, **KEEPALIVES}
        engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=0, pool_recycle=1800, connect_args=connect_args)
    event.listen(engine, "before_cursor_execute", _refuse_unkeepable_text)
    return engine


def _make_folder(folder: Path) -> None:
    from supple.store.database.faults import FILE_ERRNOS  # a full disk, no permission: a fault of the store

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if error.errno in FILE_ERRNOS:
            raise
        raise BadRequest(f"the database's folder cannot be made ({error.strerror})", topic="database-address",
                         detail=str(folder)) from None  # fmt: skip


def _refuse_unkeepable_text(
    connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
) -> None:
    """Text no database keeps, refused on every database alike before anything is written:
    PostgreSQL keeps no NUL character and its driver fails on one (a 500 for an activity typed
    with one), and a lone surrogate (JSON allows "\\ud800") is not UTF-8 at all."""
    # a row's values, a list of rows, or (inserting many rows in one statement) one flat tuple
    for row in parameters if isinstance(parameters, list) else [parameters]:
        values = row.values() if isinstance(row, dict) else row if isinstance(row, tuple | list) else (row,)
        for value in values:
            problem = unkeepable(value) if isinstance(value, str) else None
            if problem is not None:
                raise BadRequest(f"text with {problem} cannot be kept")


def unkeepable(text: str) -> str | None:
    """What in this text no database keeps, or None when it can be kept."""
    if "\x00" in text:
        return "a NUL character (\\x00)"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "a lone surrogate character (not Unicode text)"
    return None


def _sqlite_pragmas(connection: Any, record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _cursor(connection: PoolProxiedConnection) -> Any:
    """The driver's cursor kept with a pooled connection for the prepared statements (a cursor made
    afresh costs a fifth of running one); the pool forgets it with the connection."""
    found = connection.info.get(_CURSOR)
    if found is None:
        found = connection.info[_CURSOR] = connection.driver_connection.cursor()  # type: ignore[union-attr]
    return found


def _alone(connection: PoolProxiedConnection, sql: str, parameters: Any, driver_error: type[Exception]) -> list[Any]:
    """PostgreSQL: the statement as its own transaction, in one round trip (psycopg's autocommit,
    set for it and back before the connection returns to the pool). A connection that cannot be set
    back (it died) is dropped rather than handed out again in autocommit."""
    driver = connection.driver_connection
    driver.autocommit = True  # type: ignore[union-attr]
    try:
        rows: list[Any] = _cursor(connection).execute(sql, parameters).fetchall()
    finally:
        try:
            driver.autocommit = False  # type: ignore[union-attr]
        except driver_error as error:
            connection.invalidate(error)
    return rows


class Database:
    """One database and how supple uses it: reads, writes in a transaction, and a write of one
    statement. On SQLite the writers of one process take turns on a lock."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # SQLite has one writer at a time, and a writer that finds the database locked sleeps
        # in steps of up to 100 ms before trying again; the threads of one process take turns on
        # a lock instead, which wakes the next one as soon as the last commit is on disk.
        self._writer_turns = threading.Lock() if engine.dialect.name == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in a transaction that commits on leaving (rolls back on an error)."""
        if self._writer_turns is None:
            with Session(self.engine) as s, s.begin():
                yield s
            return
        with self._writer_turns, Session(self.engine) as s, s.begin():
            yield s

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads. On PostgreSQL it runs each statement on its own, outside a
        transaction block: psycopg would otherwise send BEGIN before the first query and the pool a
        ROLLBACK on return, two more round trips for nothing (each statement sees the data committed
        before it either way, as in READ COMMITTED). SQLite's driver opens no transaction for a read."""
        with self.engine.connect() if self._writer_turns is not None else self._autocommit() as c:
            yield c

    @contextmanager
    def one_statement(self) -> Iterator[Connection]:
        """A connection for a write of one statement, committed when it ends: on PostgreSQL in one
        round trip (the statement is its own transaction, durable when the server answers); on
        SQLite in a transaction committed on leaving, the writers taking turns. Run one statement
        only: on PostgreSQL two would be two transactions."""
        if self._writer_turns is None:
            with self._autocommit() as c:
                yield c
            return
        with self._writer_turns, self.engine.begin() as c:
            yield c

    def first(self, prepared: Prepared, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row of a prepared read (database/prepared.py), or None; as reading() would."""
        return self._run(prepared, values, commit=False)

    def write_first(self, prepared: Prepared, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row a prepared write of one statement returns (RETURNING), or None; committed
        when it returns, as one_statement() would."""
        if self._writer_turns is None:
            return self._run(prepared, values, commit=True)
        with self._writer_turns:
            return self._run(prepared, values, commit=True)

    def _run(self, prepared: Prepared, values: Mapping[str, Any], *, commit: bool) -> tuple[Any, ...] | None:
        """The statement on a pooled connection of the driver's: on PostgreSQL its own transaction,
        committed when the server answers (as reading() and one_statement() run one); on SQLite
        committed here when asked, an error leaving the transaction to the pool, which rolls it back
        as the connection returns. A driver's error is raised as SQLAlchemy's; a connection found
        dead is dropped with every other pooled one made before it, as SQLAlchemy does, so that the
        next requests connect afresh."""
        dialect = self.engine.dialect
        sql, parameters = prepared.compiled(dialect).sql, prepared.parameters(dialect, values)
        _refuse_unkeepable_text(None, None, sql, parameters, None, False)
        driver_error = dialect.loaded_dbapi.Error
        try:
            connection = self.engine.raw_connection()
        except driver_error as error:  # no connection to be had: the server down, say
            dead = dialect.is_disconnect(error, None, None)
            raise DBAPIError.instance(
                None, None, error, driver_error, connection_invalidated=dead, dialect=dialect
            ) from error
        driver = connection.driver_connection  # (kept: a connection dropped no longer has it)
        try:
            if self._writer_turns is None:
                rows = _alone(connection, sql, parameters, driver_error)
            else:
                # every row: SQLite ends a statement, and the snapshot it read, when it is read to the end
                rows = _cursor(connection).execute(sql, parameters).fetchall()
                if commit:
                    connection.commit()
        except driver_error as error:
            dead = dialect.is_disconnect(error, driver, None)
            if dead:  # as SQLAlchemy's own Connection does it: the pool has no public way
                self.engine.pool._invalidate(connection, error)
            raise DBAPIError.instance(
                sql, parameters, error, driver_error, connection_invalidated=dead, dialect=dialect
            ) from error
        finally:
            connection.close()
        return prepared.row(dialect, rows[0] if rows else None)

    @contextmanager
    def exclusive(self, names: Iterable[str]) -> Iterator[Connection]:
        """A transaction that runs alone among those naming any of the same names, in every process:
        for a count that is read, then written on what was read (failed sign-ins), where two at once
        would both read it before either wrote. Commits on leaving, rolls back on an error. SQLite
        takes its one write lock before the first read (BEGIN IMMEDIATE; the threads of this process
        take turns first); PostgreSQL an advisory lock per name until the transaction ends, taken in
        one order so that two never wait for each other. Keep it short: others wait for it."""
        if self._writer_turns is not None:
            with self._writer_turns, self.engine.connect() as c:
                # The driver opens its own transaction only before a write, and a deferred one at
                # that; this one is open, and the lock held, before anything is read.
                c.exec_driver_sql("BEGIN IMMEDIATE")
                yield c
                c.commit()
            return
        with self.engine.begin() as c:
            for name in sorted(set(names)):
                c.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"), {"name": name})
            yield c

    @contextmanager
    def _autocommit(self) -> Iterator[Connection]:
        """A pooled connection on which each statement is its own transaction (PostgreSQL); the pool
        sets it back when it is returned."""
        with self.engine.connect() as c:
            yield c.execution_options(isolation_level="AUTOCOMMIT")

    def answers(self) -> bool:
        """Whether the database answers a trivial query now."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def close(self) -> None:
        """Close every pooled connection (a test's database, or a process shutting down)."""
        self.engine.dispose()
