"""Each person's next-plan advice (what their history changes in the next plan), in clinic mode:
single-person mode keeps the one person's in SUPPLE_HOME (files/next_plan_file.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from supple.planner.personal import Personal
from supple.store.database.engine import Database
from supple.store.database.tables import NextPlanRow


class NextPlans:
    def __init__(self, database: Database) -> None:
        self.database = database

    def advice(self, *, person_id: int) -> Personal:
        """The advice kept for the person; none before their first session ends."""
        with self.database.reading() as c:
            found = c.execute(select(NextPlanRow.advice).where(NextPlanRow.person_id == person_id)).scalar()
        return Personal.from_json(found) if found else Personal()

    def save(self, *, person_id: int, advice: Personal, now: dt.datetime) -> None:
        with self.database.writing() as s:
            row = s.get(NextPlanRow, person_id)
            if row is None:
                s.add(NextPlanRow(person_id=person_id, advice=advice.to_json(), updated_at=now))
            else:
                row.advice, row.updated_at = advice.to_json(), now
