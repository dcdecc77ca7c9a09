"""What the browser's player sends again is kept once.

The player keeps every operation in an outbox until the server has answered it. When the answer
is lost (a worker killed after its commit, a connection cut, a phone going out of range) the
operation is sent again; without a name for it, the set would be kept twice and counted twice in
the person's progress. The player names each session, set and side answer it sends (a client key,
unique per person for sessions and per session for the rest; unique indexes hold it), and a
second arrival is answered as the first was.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Select, bindparam, exists, select
from sqlalchemy.exc import IntegrityError

from supple.store.database.engine import Database
from supple.store.database.tables import SessionRow, SetRow, SideAnswerRow


@functools.cache
def _keyed_session() -> Select[int]:
    return select(SessionRow.id).where(
        SessionRow.person_id == bindparam("person_id"), SessionRow.client_key == bindparam("client_key")
    )


def _kept_in_own_session(row: type[SetRow] | type[SideAnswerRow]) -> Select[bool]:
    return select(
        exists().where(
            row.session_id == bindparam("session_id"),
            row.client_key == bindparam("client_key"),
            SessionRow.id == row.session_id,
            SessionRow.person_id == bindparam("person_id"),
        )
    )


@functools.cache
def _set_kept() -> Select[bool]:
    return _kept_in_own_session(SetRow)


@functools.cache
def _side_kept() -> Select[bool]:
    return _kept_in_own_session(SideAnswerRow)


class ClientKeys:
    """Whether something the player named was kept already."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def session(self, *, person_id: int, client_key: str) -> int | None:
        """The person's session the player opened under this key, if it did."""
        with self.database.reading() as c:
            found: int | None = c.scalar(_keyed_session(), {"person_id": person_id, "client_key": client_key})
            return found

    def set_kept(self, *, person_id: int, session_id: int, client_key: str) -> bool:
        """Whether a set under this key is already kept in this person's own session."""
        return self._ask(_set_kept(), person_id=person_id, session_id=session_id, client_key=client_key)

    def side_kept(self, *, person_id: int, session_id: int, client_key: str) -> bool:
        """Whether a side answer under this key is already kept in this person's own session."""
        return self._ask(_side_kept(), person_id=person_id, session_id=session_id, client_key=client_key)

    def _ask(self, query: Select[bool], **values: object) -> bool:
        with self.database.reading() as c:
            return bool(c.scalar(query, values))


@contextmanager
def first_arrival(client_key: str | None, *, kept_before: Callable[[], bool]) -> Iterator[None]:
    """Around a keyed write: the same operation arriving twice at once loses the race on the
    unique index; if the other arrival kept it, that is no error. Anything else is raised."""
    try:
        yield
    except IntegrityError:
        if client_key is None or not kept_before():
            raise
