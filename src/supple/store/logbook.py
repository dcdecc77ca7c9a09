"""What a person has done, read back for progress, history and export: sessions with their sets
and side answers, totals per session, time per exercise, and pain ratings over time.

Reads only; records.py keeps them as they happen.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, Connection, Engine, Select, case, func, select
from sqlalchemy.orm import Session

from supple.progress.records import PainScore, SessionRecord, SetRecord, SideRecord
from supple.store.tables import SessionRow, SetRow, SideAnswerRow


def session(db: Engine, *, session_id: int) -> SessionRecord | None:
    """One session with its sets and side answers, or None."""
    with Session(db) as s:
        found = session_records(s, SessionRow.id == session_id)
        return found[0] if found else None


def sessions(db: Engine, *, person_id: int) -> list[SessionRecord]:
    """Every session of the person, oldest first, with its sets and side answers."""
    with Session(db) as s:
        return session_records(s, SessionRow.person_id == person_id)


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


def session_records(s: Session, which: ColumnElement[bool]) -> list[SessionRecord]:
    """The sessions `which` selects, in the session `s` (records.py reads one in its own transaction)."""
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
