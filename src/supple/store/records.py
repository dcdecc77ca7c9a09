"""Reading and writing supple's records. Keyword-only; each write is its own committed transaction,
so a set is kept the moment it ends, whatever happens to the process afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from supple.progress.records import GoalRecord, SessionRecord, SetRecord, SideRecord
from supple.session.engine import SetResult, SideAnswer
from supple.store.tables import GoalRatingRow, GoalRow, Person, SessionRow, SetRow, SideAnswerRow

LOCAL_PERSON = "me"


def local_person(db: Engine, *, now: dt.datetime) -> int:
    """The one person of single-person mode, created on first use."""
    with Session(db) as s, s.begin():
        found = s.scalar(select(Person.id).order_by(Person.id).limit(1))
        if found is not None:
            return found
        person = Person(name=LOCAL_PERSON, created_at=now)
        s.add(person)
        s.flush()
        return person.id


def open_session(
    db: Engine, *, person_id: int, plan: dict[str, Any], planned_seconds: int, pain_before: int | None, now: dt.datetime
) -> int:
    with Session(db) as s, s.begin():
        row = SessionRow(
            person_id=person_id, started_at=now, ended_at=None, state="running", plan=plan,
            planned_seconds=planned_seconds, pain_before=pain_before, pain_after=None,
        )  # fmt: skip
        s.add(row)
        s.flush()
        return row.id


def add_set(db: Engine, *, session_id: int, result: SetResult, now: dt.datetime) -> int:
    with Session(db) as s, s.begin():
        row = SetRow(
            session_id=session_id, step=result.step, exercise=result.exercise, kind=result.kind, side=result.side,
            rep=result.rep, seconds=result.seconds, planned_seconds=result.planned_seconds, skipped=result.skipped,
            hurt=result.hurt, pain=result.pain, ended_at=now,
        )  # fmt: skip
        s.add(row)
        s.flush()
        return row.id


def add_side_answer(db: Engine, *, session_id: int, answer: SideAnswer, now: dt.datetime) -> None:
    with Session(db) as s, s.begin():
        s.add(SideAnswerRow(session_id=session_id, exercise=answer.exercise, tighter=answer.tighter, answered_at=now))


def close_session(db: Engine, *, session_id: int, state: str, pain_after: int | None, now: dt.datetime) -> None:
    with Session(db) as s, s.begin():
        s.execute(
            update(SessionRow)
            .where(SessionRow.id == session_id)
            .values(state=state, pain_after=pain_after, ended_at=now)
        )


def interrupted_session(db: Engine, *, person_id: int) -> tuple[SessionRecord, dict[str, Any]] | None:
    """The latest session left running (the process was killed), with its plan, or None."""
    with Session(db) as s:
        row = s.scalar(
            select(SessionRow)
            .where(SessionRow.person_id == person_id, SessionRow.state == "running")
            .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
            .limit(1)
        )
        if row is None:
            return None
        return _session_records(s, [row])[0], row.plan


def mark_interrupted(db: Engine, *, person_id: int) -> None:
    """Sessions still marked running are over: nothing will finish them now."""
    with Session(db) as s, s.begin():
        s.execute(
            update(SessionRow)
            .where(SessionRow.person_id == person_id, SessionRow.state == "running")
            .values(state="interrupted")
        )


def reopen_session(db: Engine, *, session_id: int) -> None:
    with Session(db) as s, s.begin():
        s.execute(update(SessionRow).where(SessionRow.id == session_id).values(state="running"))


def sessions(db: Engine, *, person_id: int) -> list[SessionRecord]:
    """Every session of the person, oldest first, with its sets and side answers."""
    with Session(db) as s:
        rows = s.scalars(
            select(SessionRow).where(SessionRow.person_id == person_id).order_by(SessionRow.started_at, SessionRow.id)
        ).all()
        return _session_records(s, rows)


def _session_records(s: Session, rows: Sequence[SessionRow]) -> list[SessionRecord]:
    ids = [row.id for row in rows]
    sets: dict[int, list[SetRecord]] = {i: [] for i in ids}
    for st in s.scalars(select(SetRow).where(SetRow.session_id.in_(ids)).order_by(SetRow.id)):
        sets[st.session_id].append(
            SetRecord(
                st.exercise,
                st.kind,
                st.side,
                st.rep,
                st.seconds,
                st.planned_seconds,
                st.skipped,
                st.hurt,
                st.pain,
                st.ended_at,
                st.step,
            )  # fmt: skip
        )
    sides: dict[int, list[SideRecord]] = {i: [] for i in ids}
    for a in s.scalars(select(SideAnswerRow).where(SideAnswerRow.session_id.in_(ids)).order_by(SideAnswerRow.id)):
        sides[a.session_id].append(SideRecord(a.exercise, a.tighter, a.answered_at))
    return [
        SessionRecord(
            row.id,
            row.started_at,
            row.ended_at,
            row.state,
            row.planned_seconds,
            row.pain_before,
            row.pain_after,
            tuple(sets[row.id]),
            tuple(sides[row.id]),
        )  # fmt: skip
        for row in rows
    ]


def add_goal(db: Engine, *, person_id: int, activity: str, now: dt.datetime) -> int:
    with Session(db) as s, s.begin():
        row = GoalRow(person_id=person_id, activity=activity, created_at=now, retired_at=None)
        s.add(row)
        s.flush()
        return row.id


def rate_goal(db: Engine, *, goal_id: int, score: int, now: dt.datetime) -> None:
    with Session(db) as s, s.begin():
        s.add(GoalRatingRow(goal_id=goal_id, score=score, rated_at=now))


def retire_goal(db: Engine, *, goal_id: int, now: dt.datetime) -> None:
    with Session(db) as s, s.begin():
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
