"""Reading and writing supple's records. Keyword-only; each write is its own committed transaction,
so a set is kept the moment it ends, whatever happens to the process afterwards."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy import (
    Engine,
    Select,
    bindparam,
    cast,
    delete,
    exists,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from supple.progress.records import GoalRecord, SessionRecord
from supple.safety.screen import Screening
from supple.session.engine import SetResult, SideAnswer
from supple.store import resent
from supple.store.db import one_statement, reading, writing
from supple.store.logbook import session_records
from supple.store.tables import (
    Account,
    GoalRatingRow,
    GoalRow,
    NextPlanRow,
    Person,
    RoutineRow,
    ScreeningRow,
    SessionRow,
    SetRow,
    SideAnswerRow,
)  # fmt: skip

LOCAL_PERSON = "me"


# The web app's hottest statements are built once (functools.cache, not at import: the command
# line imports this module too) with bound parameters, so SQLAlchemy neither rebuilds nor recompiles
# them per request.
@functools.cache
def _first_person() -> Select[int]:
    no_account = ~exists().where(Account.person_id == Person.id)
    return select(Person.id).where(no_account).order_by(Person.id).limit(1)


def find_local_person(db: Engine) -> int | None:
    """The one person of single-person mode, if there is one yet (see local_person)."""
    with reading(db) as c:
        return c.scalar(_first_person())


def local_person(db: Engine, *, now: dt.datetime) -> int:
    """The one person of single-person mode, created on first use. Never someone with an account:
    a command run against a clinic's database must not act as the clinic's first clinician."""
    found = find_local_person(db)  # a plain query first, the write only the first time
    if found is not None:
        return found
    with writing(db) as s:
        found = s.scalar(_first_person())
        if found is not None:
            return found
        person = Person(name=LOCAL_PERSON, created_at=now)
        s.add(person)
        s.flush()
        return person.id


def add_screening(db: Engine, *, person_id: int, screening: Screening) -> int:
    with writing(db) as s:
        row = ScreeningRow(
            person_id=person_id, taken_at=screening.screened_at, verdict=screening.verdict,
            answered_yes=list(screening.answered_yes), invalidated=screening.invalidated,
        )  # fmt: skip
        s.add(row)
        s.flush()
        return row.id


def invalidate_latest_screening(db: Engine, *, person_id: int, reason: str) -> None:
    with writing(db) as s:
        latest = s.scalar(
            select(ScreeningRow).where(ScreeningRow.person_id == person_id).order_by(ScreeningRow.id.desc()).limit(1)
        )
        if latest is not None:
            latest.invalidated = reason


def screenings(db: Engine, *, person_id: int) -> list[tuple[dt.datetime, str, list[str], str | None]]:
    """Every screening, oldest first: when, the verdict, the yes answers, why it no longer counts."""
    with Session(db) as s:
        rows = s.scalars(select(ScreeningRow).where(ScreeningRow.person_id == person_id).order_by(ScreeningRow.id))
        return [(r.taken_at, r.verdict, list(r.answered_yes), r.invalidated) for r in rows]


def latest_screening(db: Engine, *, person_id: int) -> tuple[dt.datetime, str, list[str], str | None] | None:
    """The person's latest screening (clinic mode's gate): when, the verdict, the yes answers, and
    why it no longer counts; None before the first."""
    query = (
        select(ScreeningRow.taken_at, ScreeningRow.verdict, ScreeningRow.answered_yes, ScreeningRow.invalidated)
        .where(ScreeningRow.person_id == person_id)
        .order_by(ScreeningRow.id.desc())
        .limit(1)
    )
    with reading(db) as c:
        row = c.execute(query).first()
        return None if row is None else (row[0], row[1], list(row[2]), row[3])


def next_plan_advice(db: Engine, *, person_id: int) -> dict[str, Any] | None:
    with reading(db) as c:
        advice: dict[str, Any] | None = c.execute(
            select(NextPlanRow.advice).where(NextPlanRow.person_id == person_id)
        ).scalar()
        return advice


def save_next_plan_advice(db: Engine, *, person_id: int, advice: dict[str, Any], now: dt.datetime) -> None:
    with writing(db) as s:
        row = s.get(NextPlanRow, person_id)
        if row is None:
            s.add(NextPlanRow(person_id=person_id, advice=advice, updated_at=now))
        else:
            row.advice, row.updated_at = advice, now


def save_routine(db: Engine, *, person_id: int, name: str, plan: dict[str, Any], now: dt.datetime) -> None:
    """Keep a routine under a name, replacing one saved under the same name."""
    with writing(db) as s:
        row = s.scalar(select(RoutineRow).where(RoutineRow.person_id == person_id, RoutineRow.name == name))
        if row is None:
            s.add(RoutineRow(person_id=person_id, name=name, plan=plan, saved_at=now))
        else:
            row.plan, row.saved_at = plan, now


def routine(db: Engine, *, person_id: int, name: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """The routine saved under `name`, or the one saved last; None when there is none."""
    found = routine_version(db, person_id=person_id, name=name)
    return None if found is None else (found[1], routine_plan(db, routine_id=found[0]))


@functools.cache
def _routine_version(by_name: bool) -> Select[int, str, dt.datetime]:
    query = select(RoutineRow.id, RoutineRow.name, RoutineRow.saved_at).where(
        RoutineRow.person_id == bindparam("person_id")
    )
    query = query.where(RoutineRow.name == bindparam("name")) if by_name else query
    return query.order_by(RoutineRow.saved_at.desc(), RoutineRow.id.desc()).limit(1)


def routine_version(db: Engine, *, person_id: int, name: str | None = None) -> tuple[int, str, dt.datetime] | None:
    """The id, name and save time of the routine saved under `name` (or saved last), without its
    plan: enough to tell whether a plan already made from it is still current."""
    with reading(db) as c:
        found = c.execute(_routine_version(name is not None), {"person_id": person_id, "name": name}).first()
        return None if found is None else (found.id, found.name, found.saved_at)


def routine_plan(db: Engine, *, routine_id: int) -> dict[str, Any]:
    with reading(db) as c:
        plan: dict[str, Any] = c.execute(select(RoutineRow.plan).where(RoutineRow.id == routine_id)).scalar_one()
        return plan


def routine_names(db: Engine, *, person_id: int) -> list[str]:
    with Session(db) as s:
        return list(
            s.scalars(select(RoutineRow.name).where(RoutineRow.person_id == person_id).order_by(RoutineRow.name))
        )


def open_session(
    db: Engine,
    *,
    person_id: int,
    plan: dict[str, Any],
    planned_seconds: int,
    pain_before: int | None,
    now: dt.datetime,
    client_key: str | None = None,
) -> int:
    """A new running session; or, under a client key the person's player opened one with already
    (its answer lost on the way), that one (store/resent.py)."""
    if client_key is not None:
        known = resent.keyed_session(db, person_id=person_id, client_key=client_key)
        if known is not None:
            return known
    try:
        with writing(db) as s:
            row = SessionRow(
                person_id=person_id, started_at=now, ended_at=None, state="running", plan=plan,
                planned_seconds=planned_seconds, pain_before=pain_before, pain_after=None, client_key=client_key,
            )  # fmt: skip
            s.add(row)
            s.flush()
            return row.id
    except IntegrityError:
        known = None if client_key is None else resent.keyed_session(db, person_id=person_id, client_key=client_key)
        if known is None:
            raise
        return known


_SET_FIELDS = (
    "session_id", "step", "exercise", "kind", "side", "rep", "seconds", "planned_seconds", "skipped", "hurt", "pain",
    "ended_at", "client_key",
)  # fmt: skip


def _set_values(session_id: int, result: SetResult, now: dt.datetime, client_key: str | None) -> dict[str, Any]:
    return {
        "session_id": session_id, "step": result.step, "exercise": result.exercise, "kind": result.kind,
        "side": result.side, "rep": result.rep, "seconds": result.seconds, "planned_seconds": result.planned_seconds,
        "skipped": result.skipped, "hurt": result.hurt, "pain": result.pain, "ended_at": now, "client_key": client_key,
    }  # fmt: skip


def add_set(db: Engine, *, session_id: int, result: SetResult, now: dt.datetime) -> int:
    with writing(db) as s:
        row = SetRow(**_set_values(session_id, result, now, None))
        s.add(row)
        s.flush()
        return row.id


@functools.cache
def _insert_set_if_running(dialect: str) -> ReturningInsert[int]:
    columns = [SetRow.__table__.c[name] for name in _SET_FIELDS]
    # PostgreSQL cannot tell a bare parameter's type in a SELECT list (a NULL would be text), so the
    # values are cast there; SQLite must not cast: CAST(... AS DATETIME) turns a timestamp into 2026.
    typed = cast if dialect == "postgresql" else type_coerce
    values = select(*(typed(bindparam(c.name, type_=c.type), c.type) for c in columns))
    running = exists().where(
        SessionRow.id == bindparam("session_id"),
        SessionRow.person_id == bindparam("person_id"),
        SessionRow.state == "running",
    )
    # a set sent again under its client key is not kept again (a NULL key equals nothing: always new)
    new = ~exists().where(SetRow.session_id == bindparam("session_id"), SetRow.client_key == bindparam("client_key"))
    # RETURNING says whether a row went in: through psycopg, SQLAlchemy gives INSERT ... SELECT no row count.
    return insert(SetRow).from_select(columns, values.where(running, new)).returning(SetRow.id)


def add_set_if_running(
    db: Engine, *, person_id: int, session_id: int, result: SetResult, now: dt.datetime, client_key: str | None = None
) -> bool:
    """Keep the set if the session is the person's and still running, in one statement (one round
    trip, and no read-then-write race), committed when it returns. True when it is kept, now or
    before under the same client key (store/resent.py); False when the session is not the
    person's, or is over."""

    def kept_before() -> bool:
        return client_key is not None and resent.set_kept(
            db, person_id=person_id, session_id=session_id, client_key=client_key
        )

    values = {**_set_values(session_id, result, now, client_key), "person_id": person_id}
    with resent.first_arrival(client_key, kept_before=kept_before), one_statement(db) as c:
        if c.execute(_insert_set_if_running(db.dialect.name), values).first() is not None:
            return True
    return kept_before()


def add_side_answer(
    db: Engine,
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
            and resent.side_kept(db, person_id=person_id, session_id=session_id, client_key=client_key)
        )

    if kept_before():
        return
    row = SideAnswerRow(
        session_id=session_id, exercise=answer.exercise, tighter=answer.tighter, answered_at=now, client_key=client_key
    )
    with resent.first_arrival(client_key, kept_before=kept_before), writing(db) as s:
        s.add(row)


def close_session(db: Engine, *, session_id: int, state: str, pain_after: int | None, now: dt.datetime) -> None:
    with writing(db) as s:
        s.execute(
            update(SessionRow)
            .where(SessionRow.id == session_id)
            .values(state=state, pain_after=pain_after, ended_at=now)
        )


@functools.cache
def _session_owner() -> Select[int, str]:
    return select(SessionRow.person_id, SessionRow.state).where(SessionRow.id == bindparam("session_id"))


def session_owner(db: Engine, *, session_id: int) -> tuple[int, str] | None:
    """Whose session this is, and its state; None when there is no such session."""
    with reading(db) as c:
        found = c.execute(_session_owner(), {"session_id": session_id}).first()
        return None if found is None else (found.person_id, found.state)


def delete_person(db: Engine, *, person_id: int) -> None:
    """Everything kept about the person goes, in one transaction (the tables cascade)."""
    with writing(db) as s:
        s.execute(delete(Person).where(Person.id == person_id))


def interrupted_session(db: Engine, *, person_id: int) -> tuple[SessionRecord, dict[str, Any]] | None:
    """The latest session left running (the process was killed), with its plan, or None."""
    with Session(db) as s:
        found = s.execute(
            select(SessionRow.id, SessionRow.plan)
            .where(SessionRow.person_id == person_id, SessionRow.state == "running")
            .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
            .limit(1)
        ).first()
        if found is None:
            return None
        return session_records(s, SessionRow.id == found.id)[0], found.plan


def mark_interrupted(db: Engine, *, person_id: int) -> None:
    """Sessions still marked running are over: nothing will finish them now."""
    with writing(db) as s:
        s.execute(
            update(SessionRow)
            .where(SessionRow.person_id == person_id, SessionRow.state == "running")
            .values(state="interrupted")
        )


def reopen_session(db: Engine, *, session_id: int) -> None:
    with writing(db) as s:
        s.execute(update(SessionRow).where(SessionRow.id == session_id).values(state="running"))


def add_goal(db: Engine, *, person_id: int, activity: str, now: dt.datetime) -> int:
    with writing(db) as s:
        row = GoalRow(person_id=person_id, activity=activity, created_at=now, retired_at=None)
        s.add(row)
        s.flush()
        return row.id


def rate_goal(db: Engine, *, goal_id: int, score: int, now: dt.datetime) -> None:
    with writing(db) as s:
        s.add(GoalRatingRow(goal_id=goal_id, score=score, rated_at=now))


def retire_goal(db: Engine, *, goal_id: int, now: dt.datetime) -> None:
    with writing(db) as s:
        s.execute(update(GoalRow).where(GoalRow.id == goal_id).values(retired_at=now))


def goals(db: Engine, *, person_id: int) -> list[GoalRecord]:
    """The person's current activities (not retired), each with its ratings, oldest first."""
    with Session(db) as s:
        rows = s.scalars(
            select(GoalRow).where(GoalRow.person_id == person_id, GoalRow.retired_at.is_(None)).order_by(GoalRow.id)
        ).all()
        ratings: dict[int, list[tuple[dt.datetime, int]]] = {row.id: [] for row in rows}
        query = select(GoalRatingRow).where(GoalRatingRow.goal_id.in_(list(ratings))).order_by(GoalRatingRow.rated_at)
        for rating in s.scalars(query):
            ratings[rating.goal_id].append((rating.rated_at, rating.score))
        return [GoalRecord(row.id, row.activity, row.created_at, tuple(ratings[row.id])) for row in rows]


def person_created_at(db: Engine, *, person_id: int) -> dt.datetime:
    with Session(db) as s:
        created = s.scalar(select(Person.created_at).where(Person.id == person_id))
    if created is None:
        raise LookupError(f"no person {person_id}")
    return created
