"""Reading and writing supple's records. Keyword-only; each write is its own committed transaction,
so a set is kept the moment it ends, whatever happens to the process afterwards."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    bindparam,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from supple.progress.records import GoalRecord, PainScore, SessionRecord, SetRecord, SideRecord
from supple.safety.screen import Screening
from supple.session.engine import SetResult, SideAnswer
from supple.store.db import writing
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


def local_person(db: Engine, *, now: dt.datetime) -> int:
    """The one person of single-person mode, created on first use. Never someone with an account:
    a command run against a clinic's database must not act as the clinic's first clinician."""
    # Asked on every request of the web app: a plain query first, the write only the first time.
    with db.connect() as c:
        found = c.scalar(_first_person())
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
    with db.connect() as c:
        row = c.execute(query).first()
        return None if row is None else (row[0], row[1], list(row[2]), row[3])


def next_plan_advice(db: Engine, *, person_id: int) -> dict[str, Any] | None:
    with db.connect() as c:
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
    with db.connect() as c:
        found = c.execute(_routine_version(name is not None), {"person_id": person_id, "name": name}).first()
        return None if found is None else (found.id, found.name, found.saved_at)


def routine_plan(db: Engine, *, routine_id: int) -> dict[str, Any]:
    with db.connect() as c:
        plan: dict[str, Any] = c.execute(select(RoutineRow.plan).where(RoutineRow.id == routine_id)).scalar_one()
        return plan


def routine_names(db: Engine, *, person_id: int) -> list[str]:
    with Session(db) as s:
        return list(
            s.scalars(select(RoutineRow.name).where(RoutineRow.person_id == person_id).order_by(RoutineRow.name))
        )


def open_session(
    db: Engine, *, person_id: int, plan: dict[str, Any], planned_seconds: int, pain_before: int | None, now: dt.datetime
) -> int:
    with writing(db) as s:
        row = SessionRow(
            person_id=person_id, started_at=now, ended_at=None, state="running", plan=plan,
            planned_seconds=planned_seconds, pain_before=pain_before, pain_after=None,
        )  # fmt: skip
        s.add(row)
        s.flush()
        return row.id


_SET_FIELDS = (
    "session_id", "step", "exercise", "kind", "side", "rep", "seconds", "planned_seconds", "skipped", "hurt", "pain",
    "ended_at",
)  # fmt: skip


def _set_values(session_id: int, result: SetResult, now: dt.datetime) -> dict[str, Any]:
    return {
        "session_id": session_id, "step": result.step, "exercise": result.exercise, "kind": result.kind,
        "side": result.side, "rep": result.rep, "seconds": result.seconds, "planned_seconds": result.planned_seconds,
        "skipped": result.skipped, "hurt": result.hurt, "pain": result.pain, "ended_at": now,
    }  # fmt: skip


def add_set(db: Engine, *, session_id: int, result: SetResult, now: dt.datetime) -> int:
    with writing(db) as s:
        row = SetRow(**_set_values(session_id, result, now))
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
    # RETURNING says whether a row went in: through psycopg, SQLAlchemy gives INSERT ... SELECT no row count.
    return insert(SetRow).from_select(columns, values.where(running)).returning(SetRow.id)


def add_set_if_running(db: Engine, *, person_id: int, session_id: int, result: SetResult, now: dt.datetime) -> bool:
    """Keep the set if the session is the person's and still running, in one statement (one round
    trip, and no read-then-write race); False when it is not."""
    with writing(db) as s:
        kept = s.connection().execute(
            _insert_set_if_running(db.dialect.name), {**_set_values(session_id, result, now), "person_id": person_id}
        )
        return kept.first() is not None


def add_side_answer(db: Engine, *, session_id: int, answer: SideAnswer, now: dt.datetime) -> None:
    with writing(db) as s:
        s.add(SideAnswerRow(session_id=session_id, exercise=answer.exercise, tighter=answer.tighter, answered_at=now))


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
    with db.connect() as c:
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
        return _session_records(s, SessionRow.id == found.id)[0], found.plan


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


def session(db: Engine, *, session_id: int) -> SessionRecord | None:
    """One session with its sets and side answers, or None."""
    with Session(db) as s:
        found = _session_records(s, SessionRow.id == session_id)
        return found[0] if found else None


def sessions(db: Engine, *, person_id: int) -> list[SessionRecord]:
    """Every session of the person, oldest first, with its sets and side answers."""
    with Session(db) as s:
        return _session_records(s, SessionRow.person_id == person_id)


# Plain column queries, not ORM objects, and never the plan's JSON: five years of daily sessions
# load in a few tens of milliseconds (bench/README.md).
_SESSION_COLUMNS = (
    SessionRow.id, SessionRow.started_at, SessionRow.ended_at, SessionRow.state, SessionRow.planned_seconds,
    SessionRow.pain_before, SessionRow.pain_after,
)  # fmt: skip
_SET_COLUMNS = (
    SetRow.session_id,
    SetRow.exercise,
    SetRow.kind,
    SetRow.side,
    SetRow.rep,
    SetRow.seconds,
    SetRow.planned_seconds,
    SetRow.skipped,
    SetRow.hurt,
    SetRow.pain,
    SetRow.step,
)  # fmt: skip  (not each set's end time: progress never needs it, and parsing 15,000 times costs)


def _session_records(s: Session, which: ColumnElement[bool]) -> list[SessionRecord]:
    core = s.connection()  # Core rows: no ORM loading machinery for plain columns
    rows = core.execute(select(*_SESSION_COLUMNS).where(which).order_by(SessionRow.started_at, SessionRow.id)).all()
    ids = select(SessionRow.id).where(which)
    sets: dict[int, list[SetRecord]] = {row.id: [] for row in rows}
    for st in core.execute(select(*_SET_COLUMNS).where(SetRow.session_id.in_(ids)).order_by(SetRow.id)).all():
        sets[st[0]].append(SetRecord(*st[1:10], None, st[10]))
    sides = _side_answers(core, ids, [row.id for row in rows])
    return [SessionRecord(*row, tuple(sets[row.id]), tuple(sides[row.id])) for row in rows]


def _side_answers(core: Connection, ids: Select[int], sessions: list[int]) -> dict[int, list[SideRecord]]:
    """The side answers of the sessions `ids` selects, by session, in the order given."""
    sides: dict[int, list[SideRecord]] = {session: [] for session in sessions}
    columns = (SideAnswerRow.session_id, SideAnswerRow.exercise, SideAnswerRow.tighter, SideAnswerRow.answered_at)
    for a in core.execute(select(*columns).where(SideAnswerRow.session_id.in_(ids)).order_by(SideAnswerRow.id)):
        sides[a[0]].append(SideRecord(*a[1:]))
    return sides


def session_totals(db: Engine, *, person_id: int) -> list[SessionRecord]:
    """Every session with its totals summed by the database instead of its sets: for stats over
    years, where loading every set would be most of the time. Side answers are included."""
    done = func.sum(case((SetRow.skipped.is_(False), 1), else_=0))
    totals = (
        select(SetRow.session_id, func.coalesce(func.sum(SetRow.seconds), 0.0).label("seconds"), done.label("done"))
        .group_by(SetRow.session_id)
        .subquery()
    )
    with Session(db) as s:
        core = s.connection()
        query = (
            select(*_SESSION_COLUMNS, totals.c.seconds, totals.c.done)
            .outerjoin(totals, totals.c.session_id == SessionRow.id)
            .where(SessionRow.person_id == person_id)
            .order_by(SessionRow.started_at, SessionRow.id)
        )
        rows = core.execute(query).all()
        mine = select(SessionRow.id).where(SessionRow.person_id == person_id)
        sides = _side_answers(core, mine, [row.id for row in rows])
        return [
            SessionRecord(
                row.id,
                row.started_at,
                row.ended_at,
                row.state,
                row.planned_seconds,
                row.pain_before,
                row.pain_after,
                (),
                tuple(sides[row.id]),
                (float(row.seconds or 0.0), bool(row.done)),
            )  # fmt: skip
            for row in rows
        ]


def seconds_by_exercise(db: Engine, *, person_id: int, since: dt.datetime) -> dict[str, float]:
    query = (
        select(SetRow.exercise, func.sum(SetRow.seconds))
        .join(SessionRow, SessionRow.id == SetRow.session_id)
        .where(SessionRow.person_id == person_id, SessionRow.started_at >= since)
        .group_by(SetRow.exercise)
    )
    with Session(db) as s:
        return {exercise: float(total) for exercise, total in s.connection().execute(query).all()}


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


def pain_scores(db: Engine, *, person_id: int) -> list[PainScore]:
    """Every pain rating of the person, oldest first: before and after sessions, and at each "this hurts"."""
    scores: list[PainScore] = []
    columns = (SessionRow.id, SessionRow.started_at, SessionRow.ended_at, SessionRow.pain_before, SessionRow.pain_after)
    hurts = (
        select(SetRow.session_id, SetRow.ended_at, SetRow.pain, SetRow.exercise)
        .join(SessionRow, SessionRow.id == SetRow.session_id)
        .where(SessionRow.person_id == person_id, SetRow.hurt.is_(True), SetRow.pain.is_not(None))
    )
    with Session(db) as s:
        for session_id, started, ended, before, after in s.execute(
            select(*columns).where(SessionRow.person_id == person_id)
        ):
            if before is not None:
                scores.append(PainScore(started, before, "before", session_id))
            if after is not None:
                scores.append(PainScore(ended or started, after, "after", session_id))
        scores += [PainScore(ended, pain, "hurt", session_id, exercise) for session_id, ended, pain, exercise in
                   s.execute(hurts) if pain is not None]  # fmt: skip
    return sorted(scores, key=lambda score: (score.at, score.session_id))
