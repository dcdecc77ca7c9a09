"""Clinic mode's signed-in browsers (the database keeps only each token's hash) and failed sign-ins,
counted per username and per address in the database so that every worker sees the same count. An
attempt counts as a failure from before its password is checked until it proves right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, insert, select

from supple.store.database.engine import Database
from supple.store.database.prepared import Prepared
from supple.store.database.tables import AccountRow, FailedSignInRow, SignInRow
from supple.store.repositories.accounts import PUBLIC, Account

# Who a token signed in: built once, with its values bound at each request. Building the statement
# afresh cost more than running it, and clinic mode asks at every request (bench/cpu_per_request.py).
WHO = Prepared(
    select(*PUBLIC, SignInRow.expires_at)
    .join(SignInRow, SignInRow.person_id == AccountRow.person_id)
    .where(SignInRow.token_hash == bindparam("token_hash"), SignInRow.expires_at > bindparam("now"))
)


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
        row = self.database.first(WHO, {"token_hash": token_hash, "now": now})
        if row is None:
            return None
        person_id, username, role, clinician_id, created_at, expires_at = row
        return Account(person_id, username, role, clinician_id, created_at, signed_in_until=expires_at)

    def end(self, *, token_hash: str) -> None:
        with self.database.engine.begin() as c:
            c.execute(delete(SignInRow).where(SignInRow.token_hash == token_hash))

    def end_all(self, *, person_id: int) -> None:
        """Sign the person out everywhere (after a password change)."""
        with self.database.engine.begin() as c:
            c.execute(delete(SignInRow).where(SignInRow.person_id == person_id))

    def begin_attempt(self, *, limits: Mapping[str, int], now: dt.datetime, since: dt.datetime) -> Attempt:
        """Count a sign-in as a failure before its password is checked, unless one of its keys has
        reached its limit of failures since then: the count is read and written in one exclusive
        step, so however many attempts come at once, in however many processes, no more passwords
        are checked than the limits allow. The password is checked after it, holding no lock."""
        with self.database.exclusive(limits) as c:
            c.execute(delete(FailedSignInRow).where(FailedSignInRow.at < since))  # the old go as new ones come
            recent = _recent(c, keys=list(limits), since=since)
            if any(len(recent[key]) >= limit for key, limit in limits.items()):
                return Attempt((), recent)
            counted = [c.execute(insert(FailedSignInRow).values(key=key, at=now).returning(FailedSignInRow.id))
                       .scalar_one() for key in limits]  # fmt: skip
        return Attempt(tuple(counted), recent)

    def not_a_failure(self, attempt: Attempt) -> None:
        """The password was right: the attempt no longer counts. The failures before it still do,
        until they leave the window, so that a right password among many wrong ones sent at once
        lets no more wrong ones be checked."""
        with self.database.one_statement() as c:
            c.execute(delete(FailedSignInRow).where(FailedSignInRow.id.in_(attempt.counted)))


@dataclass(frozen=True)
class Attempt:
    """A sign-in being tried: `counted` are its rows among the failures while its password is
    checked (none when it was refused), `recent` each key's failures in the window before it,
    newest first."""

    counted: tuple[int, ...]
    recent: dict[str, list[dt.datetime]]

    @property
    def refused(self) -> bool:
        return not self.counted


def _recent(c: Connection, *, keys: Sequence[str], since: dt.datetime) -> dict[str, list[dt.datetime]]:
    found: dict[str, list[dt.datetime]] = {key: [] for key in keys}
    query = (
        select(FailedSignInRow.key, FailedSignInRow.at)
        .where(FailedSignInRow.key.in_(list(keys)), FailedSignInRow.at > since)
        .order_by(FailedSignInRow.at.desc(), FailedSignInRow.id.desc())
    )
    for key, at in c.execute(query):
        found[key].append(at)
    return found
