"""Clinic mode's accounts: clinicians and their clients. Hashing is the services' business: these
keep hashes. Signed-in browsers and failed sign-ins are in sign_ins.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from supple.errors import Conflict
from supple.store.database.engine import Database
from supple.store.database.tables import AccountRow, PersonRow


@dataclass(frozen=True)
class Account:
    person_id: int
    username: str
    role: str  # clinician | client
    clinician_id: int | None
    created_at: dt.datetime
    password_hash: str = ""  # loaded only where a password is checked
    signed_in_until: dt.datetime | None = None  # loaded only where a sign-in is looked up


PUBLIC = (AccountRow.person_id, AccountRow.username, AccountRow.role, AccountRow.clinician_id, AccountRow.created_at)


class Accounts:
    def __init__(self, database: Database) -> None:
        self.database = database

    def add(
        self, *, username: str, password_hash: str, role: str, clinician_id: int | None, now: dt.datetime
    ) -> Account:
        """A new person with an account; Conflict when the username is taken."""
        try:
            with self.database.engine.begin() as c:
                person = c.execute(
                    insert(PersonRow).values(name=username, created_at=now).returning(PersonRow.id)
                ).scalar_one()
                c.execute(
                    insert(AccountRow).values(
                        person_id=person, username=username, password_hash=password_hash, role=role,
                        clinician_id=clinician_id, created_at=now,
                    )
                )  # fmt: skip
        except IntegrityError:
            raise Conflict(f"the username {username!r} is taken: choose another") from None
        return Account(int(person), username, role, clinician_id, now)

    def named(self, *, username: str) -> Account | None:
        """The account with this username, with its password hash (for signing in)."""
        query = select(*PUBLIC, AccountRow.password_hash).where(AccountRow.username == username)
        with self.database.reading() as c:
            row = c.execute(query).first()
        return None if row is None else Account(*row)

    def all(self) -> list[Account]:
        with self.database.reading() as c:
            return [Account(*row) for row in c.execute(select(*PUBLIC).order_by(AccountRow.username))]

    def any(self) -> bool:
        with self.database.reading() as c:
            return bool(c.execute(select(exists().select_from(AccountRow))).scalar())

    def set_password_hash(self, *, person_id: int, password_hash: str) -> None:
        with self.database.engine.begin() as c:
            c.execute(update(AccountRow).where(AccountRow.person_id == person_id).values(password_hash=password_hash))

    def clients(self, *, clinician_id: int) -> list[Account]:
        query = select(*PUBLIC).where(AccountRow.clinician_id == clinician_id, AccountRow.role == "client")
        with self.database.reading() as c:
            return [Account(*row) for row in c.execute(query.order_by(AccountRow.username))]

    def client(self, *, clinician_id: int, client_id: int) -> Account | None:
        """The client, when they are this clinician's; None otherwise (whether or not they exist)."""
        query = select(*PUBLIC).where(
            AccountRow.person_id == client_id, AccountRow.clinician_id == clinician_id, AccountRow.role == "client"
        )
        with self.database.reading() as c:
            row = c.execute(query).first()
        return None if row is None else Account(*row)
