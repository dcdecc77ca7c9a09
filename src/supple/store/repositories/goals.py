"""The activities a person finds hard (Patient-Specific Functional Scale), rated 0-10 over time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from supple.progress.history import GoalRecord
from supple.store.database.engine import Database
from supple.store.database.tables import GoalRatingRow, GoalRow


class Goals:
    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, *, person_id: int, activity: str, now: dt.datetime) -> int:
        with self.database.writing() as s:
            row = GoalRow(person_id=person_id, activity=activity, created_at=now, retired_at=None)
            s.add(row)
            s.flush()
            return row.id

    def rate(self, *, goal_id: int, score: int, now: dt.datetime) -> None:
        with self.database.writing() as s:
            s.add(GoalRatingRow(goal_id=goal_id, score=score, rated_at=now))

    def retire(self, *, goal_id: int, now: dt.datetime) -> None:
        with self.database.writing() as s:
            s.execute(update(GoalRow).where(GoalRow.id == goal_id).values(retired_at=now))

    def current(self, *, person_id: int) -> list[GoalRecord]:
        """The person's current activities (not retired), each with its ratings, oldest first."""
        goals = select(GoalRow.id, GoalRow.activity, GoalRow.created_at).where(
            GoalRow.person_id == person_id, GoalRow.retired_at.is_(None)
        )
        with self.database.reading() as c:
            rows = c.execute(goals.order_by(GoalRow.id)).all()
            ratings: dict[int, list[tuple[dt.datetime, int]]] = {row.id: [] for row in rows}
            query = (
                select(GoalRatingRow.goal_id, GoalRatingRow.rated_at, GoalRatingRow.score)
                .where(GoalRatingRow.goal_id.in_(list(ratings)))
                .order_by(GoalRatingRow.rated_at)
            )
            for goal_id, rated_at, score in c.execute(query):
                ratings[goal_id].append((rated_at, score))
        return [GoalRecord(row.id, row.activity, row.created_at, tuple(ratings[row.id])) for row in rows]
