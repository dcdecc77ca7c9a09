"""Clinic mode's records: accounts, signed-in browsers and failed sign-ins. Keyword-only; each
write is its own committed transaction. Hashing is the services' business: these keep hashes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from supple.errors import Conflict
from supple.store.db import reading
from supple.store.tables import Account, FailedSignIn, Person, SignIn


@dataclass(frozen=True)
class AccountRecord:
    person_id: int
    username: str
    role: str  # clinician | client
    clinician_id: int | None
    created_at: dt.datetime
    password_hash: str = ""  # loaded only where a password is checked


def add_account(
    db: Engine, *, username: str, password_hash: str, role: str, clinician_id: int | None, now: dt.datetime
) -> int:
    """A new person with an account; Conflict when the username is taken. Returns the person's id."""
    try:
        with db.begin() as c:
            person = c.execute(insert(Person).values(name=username, created_at=now).returning(Person.id)).scalar_one()
            c.execute(
                insert(Account).values(
                    person_id=person, username=username, password_hash=password_hash, role=role,
                    clinician_id=clinician_id, created_at=now,
                )
            )  # fmt: skip
            return int(person)
    except IntegrityError:
        raise Conflict(f"the username {username!r} is taken: choose another") from None


_PUBLIC = (Account.person_id, Account.username, Account.role, Account.clinician_id, Account.created_at)


def account(db: Engine, *, username: str) -> AccountRecord | None:
    """The account with this username, with its password hash (for signing in)."""
    with db.connect() as c:
        row = c.execute(select(*_PUBLIC, Account.password_hash).where(Account.username == username)).first()
        return None if row is None else AccountRecord(*row)


def accounts(db: Engine) -> list[AccountRecord]:
    with db.connect() as c:
        return [AccountRecord(*row) for row in c.execute(select(*_PUBLIC).order_by(Account.username))]


def has_accounts(db: Engine) -> bool:
    with db.connect() as c:
        return bool(c.execute(select(exists().select_from(Account))).scalar())


def set_password_hash(db: Engine, *, person_id: int, password_hash: str) -> None:
    with db.begin() as c:
        c.execute(update(Account).where(Account.person_id == person_id).values(password_hash=password_hash))


def clients(db: Engine, *, clinician_id: int) -> list[AccountRecord]:
    with db.connect() as c:
        query = select(*_PUBLIC).where(Account.clinician_id == clinician_id, Account.role == "client")
        return [AccountRecord(*row) for row in c.execute(query.order_by(Account.username))]


def client(db: Engine, *, clinician_id: int, client_id: int) -> AccountRecord | None:
    """The client, when they are this clinician's; None otherwise (whether or not they exist)."""
    query = select(*_PUBLIC).where(
        Account.person_id == client_id, Account.clinician_id == clinician_id, Account.role == "client"
    )
    with db.connect() as c:
        row = c.execute(query).first()
        return None if row is None else AccountRecord(*row)


# --- signed-in browsers --------------------------------------------------------------------------


def add_sign_in(db: Engine, *, token_hash: str, person_id: int, now: dt.datetime, expires_at: dt.datetime) -> None:
    with db.begin() as c:
        c.execute(delete(SignIn).where(SignIn.expires_at <= now))  # the expired go as new ones come
        c.execute(
            insert(SignIn).values(token_hash=token_hash, person_id=person_id, created_at=now, expires_at=expires_at)
        )


def signed_in(db: Engine, *, token_hash: str, now: dt.datetime) -> AccountRecord | None:
    """Who this token signed in, while it has not expired: one query on a unique index, the only
    database work authentication adds to an ordinary request."""
    query = (
        select(*_PUBLIC)
        .join(SignIn, SignIn.person_id == Account.person_id)
        .where(SignIn.token_hash == token_hash, SignIn.expires_at > now)
    )
    with reading(db) as c:
        row = c.execute(query).first()
        return None if row is None else AccountRecord(*row)


def end_sign_in(db: Engine, *, token_hash: str) -> None:
    with db.begin() as c:
        c.execute(delete(SignIn).where(SignIn.token_hash == token_hash))


def end_sign_ins(db: Engine, *, person_id: int) -> None:
    """Sign the person out everywhere (after a password change)."""
    with db.begin() as c:
        c.execute(delete(SignIn).where(SignIn.person_id == person_id))


# --- failed sign-ins -----------------------------------------------------------------------------


def recent_failures(db: Engine, *, keys: Sequence[str], since: dt.datetime) -> dict[str, list[dt.datetime]]:
    """The failures of each key since then, newest first."""
    found: dict[str, list[dt.datetime]] = {key: [] for key in keys}
    query = (
        select(FailedSignIn.key, FailedSignIn.at)
        .where(FailedSignIn.key.in_(list(keys)), FailedSignIn.at > since)
        .order_by(FailedSignIn.at.desc(), FailedSignIn.id.desc())
    )
    with db.connect() as c:
        for key, at in c.execute(query):
            found[key].append(at)
    return found


def add_failure(db: Engine, *, keys: Sequence[str], now: dt.datetime, forget_before: dt.datetime) -> None:
    with db.begin() as c:
        c.execute(delete(FailedSignIn).where(FailedSignIn.at < forget_before))
        c.execute(insert(FailedSignIn), [{"key": key, "at": now} for key in keys])


def clear_failures(db: Engine, *, key: str) -> None:
    with db.begin() as c:
        c.execute(delete(FailedSignIn).where(FailedSignIn.key == key))
