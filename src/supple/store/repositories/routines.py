"""Each person's saved routines: a plan's JSON under a name, replaced when saved again."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, select

from supple.store.database.engine import Database
from supple.store.database.tables import AccountRow, RoutineRow


@dataclass(frozen=True)
class RoutineVersion:
    """Which routine and when it was saved, without its plan: enough to tell whether a plan already
    made from it is still current."""

    id: int
    name: str
    saved_at: dt.datetime


@dataclass(frozen=True)
class RoutineListed:
    """A routine as a list of them shows it: its name, when it was saved, and who gave it."""

    name: str
    saved_at: dt.datetime
    given_by: str | None  # the clinician's username; None when the person saved it themselves


@dataclass(frozen=True)
class SavedRoutine:
    name: str
    plan: dict[str, Any]  # the plan's JSON, as it was saved


@functools.cache
def _version(by_name: bool) -> Select[int, str, dt.datetime]:
    query = select(RoutineRow.id, RoutineRow.name, RoutineRow.saved_at).where(
        RoutineRow.person_id == bindparam("person_id")
    )
    query = query.where(RoutineRow.name == bindparam("name")) if by_name else query
    return query.order_by(RoutineRow.saved_at.desc(), RoutineRow.id.desc()).limit(1)


class Routines:
    def __init__(self, database: Database) -> None:
        self.database = database

    def save(
        self, *, person_id: int, name: str, plan: dict[str, Any], now: dt.datetime, given_by: int | None = None
    ) -> None:
        """Keep a routine under a name, replacing one saved under the same name; `given_by` is the
        clinician who gave it (None: the person saved it themselves)."""
        with self.database.writing() as s:
            row = s.scalar(select(RoutineRow).where(RoutineRow.person_id == person_id, RoutineRow.name == name))
            if row is None:
                s.add(RoutineRow(person_id=person_id, name=name, plan=plan, saved_at=now, given_by=given_by))
            else:
                row.plan, row.saved_at, row.given_by = plan, now, given_by

    def version(self, *, person_id: int, name: str | None = None) -> RoutineVersion | None:
        """The routine saved under `name`, or the one saved last; None when there is none."""
        with self.database.reading() as c:
            found = c.execute(_version(name is not None), {"person_id": person_id, "name": name}).first()
        return None if found is None else RoutineVersion(found.id, found.name, found.saved_at)

    def plan(self, *, routine_id: int) -> dict[str, Any]:
        with self.database.reading() as c:
            plan: dict[str, Any] = c.execute(select(RoutineRow.plan).where(RoutineRow.id == routine_id)).scalar_one()
        return plan

    def get(self, *, person_id: int, name: str | None = None) -> SavedRoutine | None:
        """The routine saved under `name` (or saved last) with its plan."""
        found = self.version(person_id=person_id, name=name)
        return None if found is None else SavedRoutine(found.name, self.plan(routine_id=found.id))

    def listed(self, *, person_id: int) -> list[RoutineListed]:
        """The person's routines by name, each with when it was saved and who gave it."""
        query = (
            select(RoutineRow.name, RoutineRow.saved_at, AccountRow.username)
            .outerjoin(AccountRow, AccountRow.person_id == RoutineRow.given_by)
            .where(RoutineRow.person_id == person_id)
            .order_by(RoutineRow.name)
        )
        with self.database.reading() as c:
            return [RoutineListed(name, saved_at, given_by) for name, saved_at, given_by in c.execute(query)]

    def names(self, *, person_id: int) -> list[str]:
        query = select(RoutineRow.name).where(RoutineRow.person_id == person_id).order_by(RoutineRow.name)
        with self.database.reading() as c:
            return list(c.scalars(query))
