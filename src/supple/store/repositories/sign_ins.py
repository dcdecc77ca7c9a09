"""Clinic mode's signed-in browsers (the database keeps only each token's hash) and failed sign-ins,
counted per username and per address in the database so that every worker sees the same count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, insert, select

from supple.store.database.engine import Database
from supple.store.database.tables import AccountRow, FailedSignInRow, SignInRow
from supple.store.repositories.accounts import PUBLIC, Account


class SignIns:
    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, *, token_hash: str, person_id: int, now: dt.datetime, expires_at: dt.datetime) -> None:
        with self.database.engine.begin() as c:
            c.execute(delete(SignInRow).where(SignInRow.expires_at <= now))  # the expired go as new ones come
            c.execute(
                insert(SignInRow).values(
                    token_hash=token_hash, person_id=person_id, created_at=now, expires_at=expires_at
                )
            )

    def who(self, *, token_hash: str, now: dt.datetime) -> Account | None:
        """Who this token signed in, while it has not expired: one query on a unique index, the only
        database work authentication adds to an ordinary request."""
        query = (
            select(*PUBLIC, SignInRow.expires_at)
            .join(SignInRow, SignInRow.person_id == AccountRow.person_id)
            .where(SignInRow.token_hash == token_hash, SignInRow.expires_at > now)
        )
        with self.database.reading() as c:
            row = c.execute(query).first()
        if row is None:
            return None
        return Account(
            person_id=row.person_id, username=row.username, role=row.role, clinician_id=row.clinician_id,
            created_at=row.created_at, signed_in_until=row.expires_at,
        )  # fmt: skip

    def end(self, *, token_hash: str) -> None:
        with self.database.engine.begin() as c:
            c.execute(delete(SignInRow).where(SignInRow.token_hash == token_hash))

    def end_all(self, *, person_id: int) -> None:
        """Sign the person out everywhere (after a password change)."""
        with self.database.engine.begin() as c:
            c.execute(delete(SignInRow).where(SignInRow.person_id == person_id))

    def recent_failures(self, *, keys: Sequence[str], since: dt.datetime) -> dict[str, list[dt.datetime]]:
        """The failures of each key since then, newest first."""
        found: dict[str, list[dt.datetime]] = {key: [] for key in keys}
        query = (
            select(FailedSignInRow.key, FailedSignInRow.at)
            .where(FailedSignInRow.key.in_(list(keys)), FailedSignInRow.at > since)
            .order_by(FailedSignInRow.at.desc(), FailedSignInRow.id.desc())
        )
        with self.database.reading() as c:
            for key, at in c.execute(query):
                found[key].append(at)
        return found

    def add_failure(self, *, keys: Sequence[str], now: dt.datetime, forget_before: dt.datetime) -> None:
        with self.database.engine.begin() as c:
            c.execute(delete(FailedSignInRow).where(FailedSignInRow.at < forget_before))
            c.execute(insert(FailedSignInRow), [{"key": key, "at": now} for key in keys])

    def clear_failures(self, *, key: str) -> None:
        with self.database.engine.begin() as c:
            c.execute(delete(FailedSignInRow).where(FailedSignInRow.key == key))
