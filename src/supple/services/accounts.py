"""Clinic mode's accounts: creating them, signing in and out, recognising a signed-in browser.

Signing in is limited per username and per client address, counted in the database so that every
worker process sees the same count; an unknown username is checked against a dummy hash so that it
takes as long as a wrong password. Passwords are never logged, stored or repeated: only their hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import secrets
from dataclasses import dataclass

from supple.config import Settings
from supple.errors import BadRequest, NotFound, TooManyAttempts, Unauthorized
from supple.services import passwords
from supple.services.sessions import Clock, database, utc_now
from supple.store import accounts as store

SIGN_IN_LIFETIME = dt.timedelta(hours=12)  # a working day; then the password again
FAILURE_WINDOW = dt.timedelta(minutes=15)
USER_LIMIT = 5  # failures per username in the window, then that username waits
ADDRESS_LIMIT = 20  # failures from one address (a clinic's devices may share one)
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,63}$")
ROLES = ("clinician", "client")
TOKEN_BYTES = 32


@dataclass(frozen=True)
class Asker:
    """Who is asking: the person whose records a request may touch, and what they may do."""

    person_id: int
    username: str
    role: str  # self (single-person mode), clinician or client

    @property
    def is_clinician(self) -> bool:
        return self.role == "clinician"


def normalise_username(name: str) -> str:
    username = name.strip().lower()
    if not USERNAME.match(username):
        raise BadRequest(
            "a username is 2 to 64 lower-case letters, digits, '.', '_', '-', '@' or '+', "
            "starting with a letter or digit"
        )
    return username


def create_account(
    *,
    settings: Settings,
    username: str,
    password: str,
    role: str,
    clinician: str | None = None,
    clock: Clock = utc_now,
) -> store.AccountRecord:
    """A clinician, or a client of the clinician named (command line: `supple account add`)."""
    if role not in ROLES:
        raise BadRequest(f"a role is one of {', '.join(ROLES)}, not {role!r}")
    clinician_id = None
    if role == "client":
        found = store.account(database(settings), username=normalise_username(clinician or ""))
        if found is None or found.role != "clinician":
            raise NotFound(f"no clinician {clinician!r}: add the clinician first (--clinician)")
        clinician_id = found.person_id
    return _add(settings, username, password, role, clinician_id, clock())


def create_client(
    *, settings: Settings, clinician_id: int, username: str, password: str, clock: Clock = utc_now
) -> store.AccountRecord:
    """A clinician adds a client of their own (the web)."""
    return _add(settings, username, password, "client", clinician_id, clock())


def _add(
    settings: Settings, username: str, password: str, role: str, clinician_id: int | None, now: dt.datetime
) -> store.AccountRecord:
    name = normalise_username(username)
    passwords.check_new_password(password, username=name)
    person = store.add_account(
        database(settings), username=name, password_hash=passwords.hash_password(password), role=role,
        clinician_id=clinician_id, now=now,
    )  # fmt: skip
    return store.AccountRecord(person, name, role, clinician_id, now)


def list_accounts(*, settings: Settings) -> list[store.AccountRecord]:
    return store.accounts(database(settings))


def has_accounts(*, settings: Settings) -> bool:
    return store.has_accounts(database(settings))


def set_password(*, settings: Settings, username: str, password: str) -> None:
    """A new password (command line, for whoever runs the server); signs the person out everywhere."""
    db = database(settings)
    found = store.account(db, username=normalise_username(username))
    if found is None:
        raise NotFound(f"no account {username!r}")
    passwords.check_new_password(password, username=found.username)
    store.set_password_hash(db, person_id=found.person_id, password_hash=passwords.hash_password(password))
    store.end_sign_ins(db, person_id=found.person_id)


def change_password(*, settings: Settings, asker: Asker, current: str, new: str) -> None:
    """The person changes their own password, knowing the current one; every sign-in ends."""
    db = database(settings)
    found = store.account(db, username=asker.username)
    if found is None or not passwords.verify_password(found.password_hash, current):
        raise Unauthorized("the current password is not right")
    passwords.check_new_password(new, username=found.username)
    store.set_password_hash(db, person_id=found.person_id, password_hash=passwords.hash_password(new))
    store.end_sign_ins(db, person_id=found.person_id)


def token_hash(token: str) -> str:
    """What the database keeps of a sign-in token. A token is 256 random bits, so one fast hash is
    enough (a slow one is for passwords people choose)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    token: str  # for the cookie; the database keeps only its hash
    asker: Asker


def sign_in(*, settings: Settings, username: str, password: str, address: str, clock: Clock = utc_now) -> SignedIn:
    """A new sign-in token for the cookie; Unauthorized for a wrong username or password, the same
    for both; TooManyAttempts while the username or the address has failed too often."""
    db, now = database(settings), clock()
    name = username.strip().lower()[:64]
    keys = (f"user:{name}", f"address:{address[:120]}")
    _refuse_while_locked(settings, keys, now)
    found = store.account(db, username=name) if USERNAME.match(name) else None
    matches = passwords.verify_password(found.password_hash if found else passwords.dummy_hash(), password)
    if found is None or not matches:
        store.add_failure(db, keys=keys, now=now, forget_before=now - FAILURE_WINDOW)
        raise Unauthorized("that username and password do not match")
    store.clear_failures(db, key=keys[0])
    if passwords.needs_rehash(found.password_hash):
        store.set_password_hash(db, person_id=found.person_id, password_hash=passwords.hash_password(password))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    store.add_sign_in(
        db, token_hash=token_hash(token), person_id=found.person_id, now=now, expires_at=now + SIGN_IN_LIFETIME
    )
    return SignedIn(token, Asker(found.person_id, found.username, found.role))


def _refuse_while_locked(settings: Settings, keys: tuple[str, str], now: dt.datetime) -> None:
    recent = store.recent_failures(database(settings), keys=keys, since=now - FAILURE_WINDOW)
    waits = [
        recent[key][limit - 1] + FAILURE_WINDOW - now
        for key, limit in zip(keys, (USER_LIMIT, ADDRESS_LIMIT), strict=True)
        if len(recent[key]) >= limit
    ]
    if waits:
        raise TooManyAttempts(max(1, math.ceil(max(waits).total_seconds())))


def signed_in(*, settings: Settings, token: str, clock: Clock = utc_now) -> Asker | None:
    """Who this cookie's token signed in, while it lasts: one indexed query, no hashing beyond SHA-256."""
    if not token or len(token) > 100:
        return None
    found = store.signed_in(database(settings), token_hash=token_hash(token), now=clock())
    return None if found is None else Asker(found.person_id, found.username, found.role)


def sign_out(*, settings: Settings, token: str) -> None:
    if token and len(token) <= 100:
        store.end_sign_in(database(settings), token_hash=token_hash(token))
