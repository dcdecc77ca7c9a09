"""Guided sessions as they happen: opened, each set and side answer kept the moment it ends, closed.

Each write is its own committed transaction, so a set is kept whatever happens to the process
afterwards. Reading sessions back for progress and history is history.py's business.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Select, bindparam, cast, exists, insert, literal, select, type_coerce, update
from sqlalchemy.exc import IntegrityError

from supple.progress.history import SessionRecord
from supple.session.results import SET_FIELDS, FinishedSet, SideAnswer
from supple.store.database.engine import Database
from supple.store.database.prepared import Prepared
from supple.store.database.tables import SessionRow, SetRow, SideAnswerRow
from supple.store.repositories.client_keys import ClientKeys, first_arrival
from supple.store.repositories.history import session_records


@dataclass(frozen=True)
class SessionOwner:
    person_id: int
    state: str  # running | finished | quit | ended | interrupted
    started_at: dt.datetime


@dataclass(frozen=True)
class InterruptedSession:
    record: SessionRecord  # with the sets kept before it was cut short
    plan: dict[str, Any]  # the plan's JSON it was playing


# The states in which a session still takes what its player sends: running, and interrupted, which
# only means the server stopped waiting for it (a session played offline may arrive a day later, or
# a phone may lose its connection for hours): what the device sends late is still that session's.
TAKES_NEWS = ("running", "interrupted")


def _set_values(session_id: int, result: FinishedSet, now: dt.datetime, client_key: str | None) -> dict[str, Any]:
    values = {name: getattr(result, name) for name in SET_FIELDS}  # plain values: asdict's deep copy costs more
    return {"session_id": session_id, **values, "ended_at": now, "client_key": client_key}


@functools.cache
def _insert_set_if_running(dialect: str) -> Prepared:
    columns = [SetRow.__table__.c[name] for name in ("session_id", *SET_FIELDS, "ended_at", "client_key")]
    # PostgreSQL cannot tell a bare parameter's type in a SELECT list (a NULL would be text), so the
    # values are cast there; SQLite must not cast: CAST(... AS DATETIME) turns a timestamp into 2026.
    typed = cast if dialect == "postgresql" else type_coerce
    values = select(*(typed(bindparam(c.name, type_=c.type), c.type) for c in columns))
    running = exists().where(
        SessionRow.id == bindparam("session_id"),
        SessionRow.person_id == bindparam("person_id"),
        # written into the statement: a list of values bound at each run is spliced into its SQL each time
        SessionRow.state.in_([literal(state) for state in TAKES_NEWS]),
        # the time is the device's when it sent one: never a set before its session began
        SessionRow.started_at <= typed(bindparam("ended_at", type_=SetRow.ended_at.type), SetRow.ended_at.type),
    )
    # a set sent again under its client key is not kept again (a NULL key equals nothing: always new)
    new = ~exists().where(SetRow.session_id == bindparam("session_id"), SetRow.client_key == bindparam("client_key"))
    # RETURNING says whether a row went in: through psycopg, SQLAlchemy gives INSERT ... SELECT no row count.
    return Prepared(insert(SetRow).from_select(columns, values.where(running, new)).returning(SetRow.id))


@functools.cache
def _owner() -> Select[int, str, dt.datetime]:
    return select(SessionRow.person_id, SessionRow.state, SessionRow.started_at).where(
        SessionRow.id == bindparam("session_id")
    )


def _close_running(person_id: int) -> Any:
    return (
        update(SessionRow)
        .where(SessionRow.person_id == person_id, SessionRow.state == "running")
        .values(state="interrupted")
    )


class Sessions:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.client_keys = ClientKeys(database)

    def open(
        self,
        *,
        person_id: int,
        plan: dict[str, Any],
        planned_seconds: int,
        pain_before: int | None,
        now: dt.datetime,
        client_key: str | None = None,
        planned_work_seconds: int | None = None,
        close_running: bool = False,
    ) -> int:
        """A new running session; or, under a client key the person's player opened one with already
        (its answer lost on the way), that one (client_keys.py). With `close_running`, the person's
        other sessions still running are closed as interrupted in the same transaction."""
        if client_key is not None:
            known = self.client_keys.session(person_id=person_id, client_key=client_key)
            if known is not None:
                return known
        try:
            with self.database.writing() as s:
                if close_running:
                    s.execute(_close_running(person_id))
                row = SessionRow(
                    person_id=person_id, started_at=now, ended_at=None, state="running", plan=plan,
                    planned_seconds=planned_seconds, planned_work_seconds=planned_work_seconds,
                    pain_before=pain_before, pain_after=None, client_key=client_key,
                )  # fmt: skip
                s.add(row)
                s.flush()
                return row.id
        except IntegrityError:
            if client_key is None:
                raise
            known = self.client_keys.session(person_id=person_id, client_key=client_key)
            if known is None:
                raise
            return known

    def add_set(self, *, session_id: int, result: FinishedSet, now: dt.datetime) -> int:
        with self.database.writing() as s:
            row = SetRow(**_set_values(session_id, result, now, None))
            s.add(row)
            s.flush()
            return row.id

    def add_set_if_running(
        self,
        *,
        person_id: int,
        session_id: int,
        result: FinishedSet,
        now: dt.datetime,
        client_key: str | None = None,
    ) -> bool:
        """Keep the set, ended `now` (the device's time, when it sent one), if the session is the
        person's, still running and begun by then, in one statement (one round trip, and no
        read-then-write race), committed when it returns. True when it is kept, now or before under
        the same client key (client_keys.py); False when the session is not the person's, is over,
        or began after `now`."""

        def kept_before() -> bool:
            return client_key is not None and self.client_keys.set_kept(
                person_id=person_id, session_id=session_id, client_key=client_key
            )

        values = {**_set_values(session_id, result, now, client_key), "person_id": person_id}
        with first_arrival(client_key, kept_before=kept_before):
            if self.database.write_first(_insert_set_if_running(self.database.dialect), values) is not None:
                return True
        return kept_before()

    def add_side_answer(
        self,
        *,
        session_id: int,
        answer: SideAnswer,
        now: dt.datetime,
        person_id: int | None = None,
        client_key: str | None = None,
    ) -> None:
        """Keep the answer; one sent again under its client key (by `person_id`'s player) is kept once."""

        def kept_before() -> bool:
            return (
                client_key is not None
                and person_id is not None
                and self.client_keys.side_kept(person_id=person_id, session_id=session_id, client_key=client_key)
            )

        if kept_before():
            return
        row = SideAnswerRow(session_id=session_id, **asdict(answer), answered_at=now, client_key=client_key)
        with first_arrival(client_key, kept_before=kept_before), self.database.writing() as s:
            s.add(row)

    def close(self, *, session_id: int, state: str, pain_after: int | None, now: dt.datetime) -> None:
        with self.database.writing() as s:
            s.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id)
                .values(state=state, pain_after=pain_after, ended_at=now)
            )

    def plan(self, *, session_id: int) -> dict[str, Any] | None:
        """The plan's JSON the session plays (with the request it was made for), or None."""
        with self.database.reading() as c:
            found: dict[str, Any] | None = c.execute(
                select(SessionRow.plan).where(SessionRow.id == session_id)
            ).scalar_one_or_none()
        return found

    def owner(self, *, session_id: int) -> SessionOwner | None:
        """Whose session this is, its state and its start; None when there is no such session."""
        with self.database.reading() as c:
            found = c.execute(_owner(), {"session_id": session_id}).first()
        return None if found is None else SessionOwner(found.person_id, found.state, found.started_at)

    def interrupted(self, *, person_id: int) -> InterruptedSession | None:
        """The latest session left running (the process was killed), with its plan, or None."""
        with self.database.reading() as c:
            found = c.execute(
                select(SessionRow.id, SessionRow.plan)
                .where(SessionRow.person_id == person_id, SessionRow.state == "running")
                .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
                .limit(1)
            ).first()
            if found is None:
                return None
            return InterruptedSession(session_records(c, SessionRow.id == found.id)[0], found.plan)

    def mark_interrupted(self, *, person_id: int) -> None:
        """Sessions still marked running are over: nothing will finish them now."""
        with self.database.writing() as s:
            s.execute(_close_running(person_id))

    def close_left_running(self, *, person_id: int, started_before: dt.datetime) -> int:
        """Close as interrupted the person's sessions still running that began before then (left
        mid-way: nothing will finish them now); how many. Reads first, so that a look at progress
        writes nothing when there is nothing to close."""
        left = (
            SessionRow.person_id == person_id,
            SessionRow.state == "running",
            SessionRow.started_at < started_before,
        )
        with self.database.reading() as c:
            if c.execute(select(SessionRow.id).where(*left).limit(1)).first() is None:
                return 0
        with self.database.writing() as s:
            closed = s.execute(update(SessionRow).where(*left).values(state="interrupted"))
            return int(getattr(closed, "rowcount", 0) or 0)

    def reopen(self, *, session_id: int) -> None:
        with self.database.writing() as s:
            s.execute(update(SessionRow).where(SessionRow.id == session_id).values(state="running"))
