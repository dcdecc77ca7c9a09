"""What a person has done, read back for progress, history and export: sessions with their sets
and side answers, totals per session, time per exercise, and pain ratings over time.

Reads only; sessions.py keeps them as they happen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Select, case, func, select

from supple.progress.history import PainReport, PainScore, SessionRecord
from supple.session.results import FinishedSet, SideAnswer, Tightness
from supple.store.database.engine import Database
from supple.store.database.tables import SessionRow, SetRow, SideAnswerRow

# Plain column queries, not ORM objects, and never the plan's JSON: five years of daily sessions
# load in a few tens of milliseconds (bench/README.md).
_SESSION_COLUMNS = (
    SessionRow.id, SessionRow.started_at, SessionRow.ended_at, SessionRow.state, SessionRow.planned_seconds,
    SessionRow.pain_before, SessionRow.pain_after, SessionRow.planned_work_seconds,
)  # fmt: skip


def _record(row: Any, **more: Any) -> SessionRecord:
    return SessionRecord(
        row.id, row.started_at, row.ended_at, row.state, row.planned_seconds, row.pain_before, row.pain_after,
        planned_work_seconds=row.planned_work_seconds, **more,
    )  # fmt: skip


# Not each set's end time: progress never needs it, and parsing 15,000 of them costs.
_SET_COLUMNS = (
    SetRow.session_id, SetRow.step, SetRow.exercise, SetRow.kind, SetRow.side, SetRow.rep, SetRow.seconds,
    SetRow.planned_seconds, SetRow.skipped, SetRow.hurt, SetRow.pain,
)  # fmt: skip


def session_records(c: Connection, which: ColumnElement[bool]) -> list[SessionRecord]:
    """The sessions `which` selects, on the connection `c` (sessions.py reads one on its own)."""
    rows = c.execute(select(*_SESSION_COLUMNS).where(which).order_by(SessionRow.started_at, SessionRow.id)).all()
    ids = select(SessionRow.id).where(which)
    sets: dict[int, list[FinishedSet]] = {row.id: [] for row in rows}
    for st in c.execute(select(*_SET_COLUMNS).where(SetRow.session_id.in_(ids)).order_by(SetRow.id)):
        if st.session_id not in sets:  # a session begun since the first read: left for the next one
            continue
        sets[st.session_id].append(
            FinishedSet(
                step=st.step, exercise=st.exercise, kind=st.kind, side=st.side, rep=st.rep, seconds=st.seconds,
                planned_seconds=st.planned_seconds, skipped=st.skipped, hurt=st.hurt, pain=st.pain,
            )
        )  # fmt: skip
    sides = _side_answers(c, ids, [row.id for row in rows])
    return [_record(row, sets=tuple(sets[row.id]), sides=tuple(sides[row.id])) for row in rows]


def _side_answers(c: Connection, ids: Select[int], sessions: list[int]) -> dict[int, list[SideAnswer]]:
    """The side answers of the sessions `ids` selects, by session, in the order given."""
    sides: dict[int, list[SideAnswer]] = {session: [] for session in sessions}
    columns = (SideAnswerRow.session_id, SideAnswerRow.exercise, SideAnswerRow.tighter)
    query = select(*columns).where(SideAnswerRow.session_id.in_(ids)).order_by(SideAnswerRow.id)
    for session_id, exercise, tighter in c.execute(query):
        if session_id in sides:  # not a session begun since the first read
            # the table keeps only what the player's answers allow: left, right or same
            sides[session_id].append(SideAnswer(exercise=exercise, tighter=cast(Tightness, tighter)))
    return sides


class History:
    def __init__(self, database: Database) -> None:
        self.database = database

    def session(self, *, session_id: int) -> SessionRecord | None:
        """One session with its sets and side answers, or None."""
        with self.database.reading() as c:
            found = session_records(c, SessionRow.id == session_id)
        return found[0] if found else None

    def sessions(self, *, person_id: int) -> list[SessionRecord]:
        """Every session of the person, oldest first, with its sets and side answers."""
        with self.database.reading() as c:
            return session_records(c, SessionRow.person_id == person_id)

    def totals(self, *, person_id: int) -> list[SessionRecord]:
        """Every session with its totals summed by the database instead of its sets: for stats over
        years, where loading every set would be most of the time. Side answers are included."""
        done = func.sum(case((SetRow.skipped.is_(False), 1), else_=0))
        totals = (
            select(SetRow.session_id, func.coalesce(func.sum(SetRow.seconds), 0.0).label("seconds"), done.label("done"))
            .group_by(SetRow.session_id)
            .subquery()
        )
        query = (
            select(*_SESSION_COLUMNS, totals.c.seconds, totals.c.done)
            .outerjoin(totals, totals.c.session_id == SessionRow.id)
            .where(SessionRow.person_id == person_id)
            .order_by(SessionRow.started_at, SessionRow.id)
        )
        with self.database.reading() as c:
            rows = c.execute(query).all()
            mine = select(SessionRow.id).where(SessionRow.person_id == person_id)
            sides = _side_answers(c, mine, [row.id for row in rows])
        return [
            _record(row, sides=tuple(sides[row.id]), totals=(float(row.seconds or 0.0), bool(row.done))) for row in rows
        ]

    def totals_of(self, *, person_ids: Sequence[int]) -> dict[int, list[SessionRecord]]:
        """Each of these people's sessions with their totals, oldest first, in one query over their
        sets only (a clinician's dashboard: not one query per client). No side answers."""
        if not person_ids:
            return {}
        mine = SessionRow.person_id.in_(list(person_ids))
        done = func.sum(case((SetRow.skipped.is_(False), 1), else_=0))
        totals = (
            select(SetRow.session_id, func.coalesce(func.sum(SetRow.seconds), 0.0).label("seconds"), done.label("done"))
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(mine)
            .group_by(SetRow.session_id)
            .subquery()
        )
        query = (
            select(SessionRow.person_id, *_SESSION_COLUMNS, totals.c.seconds, totals.c.done)
            .outerjoin(totals, totals.c.session_id == SessionRow.id)
            .where(mine)
            .order_by(SessionRow.started_at, SessionRow.id)
        )
        found: dict[int, list[SessionRecord]] = {person: [] for person in person_ids}
        with self.database.reading() as c:
            for row in c.execute(query):
                found[row.person_id].append(_record(row, totals=(float(row.seconds or 0.0), bool(row.done))))
        return found

    def seconds_by_exercise(self, *, person_id: int, since: dt.datetime) -> dict[str, float]:
        query = (
            select(SetRow.exercise, func.sum(SetRow.seconds))
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(SessionRow.person_id == person_id, SessionRow.started_at >= since)
            .group_by(SetRow.exercise)
        )
        with self.database.reading() as c:
            return {exercise: float(total) for exercise, total in c.execute(query).all()}

    def pain_scores(self, *, person_id: int) -> list[PainScore]:
        """Every pain rating of the person, oldest first: before and after sessions, and at each "this hurts"."""
        scores: list[PainScore] = []
        columns = (
            SessionRow.id,
            SessionRow.started_at,
            SessionRow.ended_at,
            SessionRow.pain_before,
            SessionRow.pain_after,
        )
        hurts = (
            select(SetRow.session_id, SetRow.ended_at, SetRow.pain, SetRow.exercise)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(SessionRow.person_id == person_id, SetRow.hurt.is_(True), SetRow.pain.is_not(None))
        )
        with self.database.reading() as c:
            for session_id, started, ended, before, after in c.execute(
                select(*columns).where(SessionRow.person_id == person_id)
            ):
                if before is not None:
                    scores.append(PainScore(started, before, "before", session_id))
                if after is not None:
                    scores.append(PainScore(ended or started, after, "after", session_id))
            scores += [
                PainScore(ended, pain, "hurt", session_id, exercise)
                for session_id, ended, pain, exercise in c.execute(hurts)
                if pain is not None
            ]
        return sorted(scores, key=lambda score: (score.at, score.session_id))

    def pain_reports(self, *, person_ids: Sequence[int], since: dt.datetime) -> list[PainReport]:
        """The pain ratings (before and after sessions) and every "this hurts" of these people since
        then, oldest first: what a clinician's alerts are drawn from."""
        if not person_ids:
            return []
        mine = SessionRow.person_id.in_(list(person_ids))
        sessions = select(
            SessionRow.person_id, SessionRow.started_at, SessionRow.ended_at, SessionRow.pain_before,
            SessionRow.pain_after,
        ).where(mine, SessionRow.started_at >= since)  # fmt: skip
        hurts = (
            select(SessionRow.person_id, SetRow.ended_at, SetRow.pain, SetRow.exercise)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(mine, SetRow.hurt.is_(True), SetRow.ended_at >= since)
        )
        reports: list[PainReport] = []
        with self.database.reading() as c:
            for person, started, ended, before, after in c.execute(sessions):
                if before is not None:
                    reports.append(PainReport(person, started, before, "before"))
                if after is not None:
                    reports.append(PainReport(person, ended or started, after, "after"))
            reports += [
                PainReport(person, at, pain, "hurt", exercise) for person, at, pain, exercise in c.execute(hurts)
            ]
        return sorted(reports, key=lambda report: (report.at, report.person_id))
