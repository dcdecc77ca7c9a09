"""Telling a fault of the store (a full disk, a read-only database, a database server restarting)
from a bug, in one place: the web app answers such a fault 503 and the command line says it in one
line, while anything else is still a bug and gets its traceback.

The databases roll a failed transaction back whole, so such a fault never leaves a half-written
record: the request can simply be made again once the store is back.
"""

from __future__ import annotations

import errno
import os

from supple.errors import StoreUnavailable

CANNOT_WRITE = (
    "supple's database cannot be written just now (the disk is full, or the database is read-only): "
    "nothing was changed; free some space or fix the permissions, then try again"
)
CANNOT_REACH = "supple's database cannot be reached just now: nothing was changed; try again in a moment"
AFTER_A_FILE = "free some space or fix the permissions, then try again"
BUSY = "supple's database is too busy just now: nothing was changed; try again in a moment"
CANNOT_OPEN = "supple's database cannot be opened: nothing was changed; its file must be one supple may read and write"
DAMAGED = (
    "supple's database is damaged and cannot be read: nothing was changed; "
    "move its file aside and restore a backup into a new one"
)

# for an adapter to say which database (the command line names its file)
TOPICS = {DAMAGED: "database-damaged", CANNOT_OPEN: "database-file"}

FILE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EROFS, errno.EDQUOT, errno.EACCES, errno.EPERM})
# SQLite names its result codes; an extended code starts with its primary one (SQLITE_IOERR_WRITE).
_SQLITE = {
    "SQLITE_FULL": CANNOT_WRITE, "SQLITE_READONLY": CANNOT_WRITE, "SQLITE_IOERR": CANNOT_WRITE,
    "SQLITE_CANTOPEN": CANNOT_OPEN, "SQLITE_PERM": CANNOT_WRITE, "SQLITE_BUSY": BUSY, "SQLITE_LOCKED": BUSY,
    # a file that is not a database (a truncated copy, another program's), or one damaged inside
    "SQLITE_NOTADB": DAMAGED, "SQLITE_CORRUPT": DAMAGED,
}  # fmt: skip
# PostgreSQL's SQLSTATE classes: 53 insufficient resources (disk full), 25006 a read-only
# transaction (a standby), 08 the connection failed, 57P the server shutting down or starting,
# 57014 a statement cancelled (it ran past database/engine.py's statement timeout).
_POSTGRES = {
    "53": CANNOT_WRITE, "25006": CANNOT_WRITE, "08": CANNOT_REACH, "57P": CANNOT_REACH, "57014": BUSY,
}  # fmt: skip


def store_fault(error: BaseException) -> StoreUnavailable | None:
    """The store's fault as a StoreUnavailable with a clear message, or None when `error` is a bug."""
    from sqlalchemy import exc

    if isinstance(error, OSError) and error.errno in FILE_ERRNOS:
        where = f" {error.filename}" if error.filename else " its data"
        problem = os.strerror(error.errno or 0)
        return StoreUnavailable(f"supple cannot write{where} ({problem}): {AFTER_A_FILE}")
    if isinstance(error, exc.TimeoutError):  # no connection free in the pool in time
        return StoreUnavailable(BUSY)
    if not isinstance(error, exc.DBAPIError):
        return None
    message = _by_code(error.orig)
    if message is not None:
        return StoreUnavailable(message, topic=TOPICS.get(message))
    if error.connection_invalidated or _is_connection_failure(error):
        return StoreUnavailable(CANNOT_REACH)
    return None


def _by_code(orig: BaseException | None) -> str | None:
    name = getattr(orig, "sqlite_errorname", None) or ""
    state = getattr(orig, "sqlstate", None) or ""
    for code, message in [*_SQLITE.items(), *_POSTGRES.items()]:
        if (name and name.startswith(code)) or (state and state.startswith(code)):
            return message
    return None


def _is_connection_failure(error: BaseException) -> bool:
    """psycopg gives no SQLSTATE when it cannot connect at all (the server is down): an
    OperationalError from the PostgreSQL driver without one is the connection's."""
    from sqlalchemy import exc

    orig = getattr(error, "orig", None)
    driver = type(orig).__module__.split(".")[0]
    return isinstance(error, exc.OperationalError | exc.InterfaceError) and driver in ("psycopg", "psycopg2")


def fault_types() -> tuple[type[Exception], ...]:
    """The kinds of error that may be a fault of the store (store_fault tells which are)."""
    from sqlalchemy import exc

    return (exc.DBAPIError, exc.TimeoutError, OSError)
