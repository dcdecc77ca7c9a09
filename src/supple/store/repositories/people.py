"""The people whose records supple keeps: single-person mode's one person, created on first use,
and clinic mode's account holders (their accounts are in accounts.py)."""

from __future__ import annotations

import datetime as dt
import functools

from sqlalchemy import Select, delete, exists, select

from supple.store.database.engine import Database
from supple.store.database.tables import AccountRow, PersonRow

LOCAL_PERSON = "me"


# The web app's hottest statements are built once (not at import: the command line imports this
# module too) with bound parameters, so SQLAlchemy neither rebuilds nor recompiles them per request.
@functools.cache
def _first_person() -> Select[int]:
    no_account = ~exists().where(AccountRow.person_id == PersonRow.id)
    return select(PersonRow.id).where(no_account).order_by(PersonRow.id).limit(1)


class People:
    def __init__(self, database: Database) -> None:
        self.database = database

    def find_local_person(self) -> int | None:
        """The one person of single-person mode, if there is one yet (see local_person)."""
        with self.database.reading() as c:
            return c.scalar(_first_person())

    def local_person(self, *, now: dt.datetime) -> int:
        """The one person of single-person mode, created on first use. Never someone with an account:
        a command run against a clinic's database must not act as the clinic's first clinician."""
        found = self.find_local_person()  # a plain query first, the write only the first time
        if found is not None:
            return found
        with self.database.writing() as s:
            found = s.scalar(_first_person())
            if found is not None:
                return found
            person = PersonRow(name=LOCAL_PERSON, created_at=now)
            s.add(person)
            s.flush()
            return person.id

    def created_at(self, *, person_id: int) -> dt.datetime:
        with self.database.reading() as c:
            created = c.scalar(select(PersonRow.created_at).where(PersonRow.id == person_id))
        if created is None:
            raise LookupError(f"no person {person_id}")
        return created

    def delete(self, *, person_id: int) -> None:
        """Everything kept about the person goes, in one transaction (the tables cascade)."""
        with self.database.writing() as s:
            s.execute(delete(PersonRow).where(PersonRow.id == person_id))
