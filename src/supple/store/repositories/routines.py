"""Each person's saved routines: a plan's JSON under a name (its key in links) with a title (what a
person reads), replaced when saved again; and the edits of a routine shaped by hand."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, delete, literal_column, select, true, update

from supple.session.routine import title_of
from supple.store.database.engine import Database
from supple.store.database.prepared import Prepared
from supple.store.database.tables import AccountRow, RoutineRow
from supple.store.repositories.screenings import COLUMNS, LATEST, StoredScreening, stored_screening


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
    title: str = ""
    favourite: bool = False
    draft: bool = False


@dataclass(frozen=True)
class SavedRoutine:
    name: str
    plan: dict[str, Any]  # the plan's JSON, as it was saved
    title: str = ""
    favourite: bool = False
    draft: bool = False
    given_by: int | None = None


@functools.cache
def _version(by_name: bool) -> Prepared:
    # the player asks at every start: built once, its values bound per request (database/prepared.py)
    return Prepared(_version_query(by_name))


def _version_query(by_name: bool) -> Select[int, str, dt.datetime]:
    query = select(RoutineRow.id, RoutineRow.name, RoutineRow.saved_at).where(
        RoutineRow.person_id == bindparam("person_id")
    )
    query = query.where(RoutineRow.name == bindparam("name")) if by_name else query
    query = query.where(RoutineRow.draft.is_(False))  # a clinician's draft is not the person's to play yet
    return query.order_by(RoutineRow.saved_at.desc(), RoutineRow.id.desc()).limit(1)


@functools.cache
def _version_beside_screening(by_name: bool) -> Prepared:
    """One row: the person's latest screening's columns (NULL before the first) and the routine's
    (NULL when there is none), each found as on its own, side by side on a row of its own."""
    latest, version = LATEST.statement.subquery(), _version_query(by_name).subquery()  # type: ignore[attr-defined]
    one = select(literal_column("1").label("one")).subquery()
    joined = one.outerjoin(latest, true()).outerjoin(version, true())
    return Prepared(select(*latest.c, *version.c).select_from(joined))


class Routines:
    def __init__(self, database: Database) -> None:
        self.database = database

    def save(
        self,
        *,
        person_id: int,
        name: str,
        plan: dict[str, Any],
        now: dt.datetime,
        given_by: int | None = None,
        title: str | None = None,
        draft: bool = False,
    ) -> None:
        """Keep a routine under a name, replacing one saved under the same name; `given_by` is the
        clinician who gave it (None: the person saved it themselves)."""
        with self.database.writing() as s:
            row = s.scalar(select(RoutineRow).where(RoutineRow.person_id == person_id, RoutineRow.name == name))
            if row is None:
                s.add(
                    RoutineRow(
                        person_id=person_id, name=name, plan=plan, saved_at=now, given_by=given_by, title=title,
                        draft=draft,
                    )
                )  # fmt: skip
            else:
                row.plan, row.saved_at, row.given_by, row.draft = plan, now, given_by, draft
                row.title = title or row.title

    def edit(self, *, person_id: int, name: str, now: dt.datetime, **changes: Any) -> bool:
        """Change a routine's plan, title, favourite mark or draft state (keyword: the column); False
        when the person has no routine of that name."""
        allowed = {"plan", "title", "favourite", "draft", "given_by"}
        if not changes or set(changes) - allowed:
            raise ValueError(f"a routine's {sorted(set(changes) - allowed)} are not changed this way")
        values = {**changes, "saved_at": now} if "plan" in changes else changes
        query = update(RoutineRow).where(RoutineRow.person_id == person_id, RoutineRow.name == name).values(**values)
        with self.database.writing() as s:
            return bool(s.execute(query).rowcount)  # type: ignore[attr-defined]

    def delete(self, *, person_id: int, name: str) -> bool:
        query = delete(RoutineRow).where(RoutineRow.person_id == person_id, RoutineRow.name == name)
        with self.database.writing() as s:
            return bool(s.execute(query).rowcount)  # type: ignore[attr-defined]

    def record(self, *, person_id: int, name: str) -> SavedRoutine | None:
        """The routine of that name with everything kept about it, drafts included."""
        query = select(RoutineRow).where(RoutineRow.person_id == person_id, RoutineRow.name == name)
        with self.database.reading() as c:
            row = c.execute(query).first()
        if row is None:
            return None
        return SavedRoutine(
            row.name, row.plan, title_of(row.name, row.title), row.favourite, row.draft, row.given_by
        )  # fmt: skip

    def version(self, *, person_id: int, name: str | None = None) -> RoutineVersion | None:
        """The routine saved under `name`, or the one saved last; None when there is none."""
        found = self.database.first(_version(name is not None), {"person_id": person_id, "name": name})
        return None if found is None else RoutineVersion(*found)

    def version_and_latest_screening(
        self, *, person_id: int, name: str | None = None
    ) -> tuple[RoutineVersion | None, StoredScreening | None]:
        """version() and the person's latest screening (Screenings.latest) in one statement: clinic
        mode's start of the player needs both, and a round trip to the database costs more than
        either query (bench/cpu_per_request.py)."""
        row = self.database.first(_version_beside_screening(name is not None), {"person_id": person_id, "name": name})
        assert row is not None  # the row of its own is always there
        screening, version = row[: len(COLUMNS)], row[len(COLUMNS) :]  # the screening's columns come first
        return (None if version[0] is None else RoutineVersion(*version)), stored_screening(screening)

    def plan(self, *, routine_id: int) -> dict[str, Any]:
        with self.database.reading() as c:
            plan: dict[str, Any] = c.execute(select(RoutineRow.plan).where(RoutineRow.id == routine_id)).scalar_one()
        return plan

    def get(self, *, person_id: int, name: str | None = None) -> SavedRoutine | None:
        """The routine saved under `name` (or saved last) with its plan."""
        found = self.version(person_id=person_id, name=name)
        return None if found is None else self.record(person_id=person_id, name=found.name)

    def listed(self, *, person_id: int, drafts: bool = False) -> list[RoutineListed]:
        """The person's routines, favourites first, then by title, each with when it was saved and
        who gave it; a clinician's drafts only when asked for (the clinician's own list)."""
        query = (
            select(
                RoutineRow.name, RoutineRow.saved_at, AccountRow.username, RoutineRow.title, RoutineRow.favourite,
                RoutineRow.draft,
            )
            .outerjoin(AccountRow, AccountRow.person_id == RoutineRow.given_by)
            .where(RoutineRow.person_id == person_id)
        )  # fmt: skip
        query = query if drafts else query.where(RoutineRow.draft.is_(False))
        with self.database.reading() as c:
            found = [
                RoutineListed(name, saved_at, given_by, title_of(name, title), favourite, draft)
                for name, saved_at, given_by, title, favourite, draft in c.execute(query)
            ]
        return sorted(found, key=lambda r: (not r.favourite, r.title.casefold(), r.name))

    def names(self, *, person_id: int) -> list[str]:
        query = (
            select(RoutineRow.name)
            .where(RoutineRow.person_id == person_id, RoutineRow.draft.is_(False))
            .order_by(RoutineRow.name)
        )
        with self.database.reading() as c:
            return list(c.scalars(query))
