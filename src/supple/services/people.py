"""The people who use supple: who is asking (the one person, or whoever signed in), and clinic
mode's accounts: creating them, signing in and out, recognising a signed-in browser.

Signing in is limited per username and per client address, counted in the database so that every
worker process sees the same count; an unknown username is checked against a dummy hash so that it
takes as long as a wrong password. Passwords are never logged, stored or repeated: only their hashes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supple.errors import BadRequest, Conflict, NotFound, TooManyAttempts, Unauthorized
from supple.services.modes import Asker
from supple.services.passwords import check_new_password
from supple.services.sign_in_tokens import LONGEST_TOKEN, account_signed_in, token_hash

if TYPE_CHECKING:
    from supple.services.context import AppContext
    from supple.store.repositories.accounts import Account as Account  # for the adapters to name

SIGN_IN_LIFETIME = dt.timedelta(hours=12)  # a working day; then the password again
FAILURE_WINDOW = dt.timedelta(minutes=15)
USER_LIMIT = 5  # failures per username in the window, then that username waits
ADDRESS_LIMIT = 20  # failures from one address (a clinic's devices may share one)
NAMING_LIMIT = 10  # usernames a clinician is refused in the window (people.create_client)
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,63}$")
ROLES = ("clinician", "client")
TOKEN_BYTES = 32


def normalise_username(name: str) -> str:
    username = name.strip().lower()
    if not USERNAME.match(username):
        raise BadRequest(
            "a username is 2 to 64 lower-case letters, digits, '.', '_', '-', '@' or '+', "
            "starting with a letter or digit"
        )
    return username


def create_account(
    context: AppContext, *, username: str, password: str, role: str, clinician: str | None = None
) -> Account:
    """A clinician, or a client of the clinician named (command line: `supple account add`)."""
    if role not in ROLES:
        raise BadRequest(f"a role is one of {', '.join(ROLES)}, not {role!r}")
    clinician_id = None
    if role == "client":
        found = context.store.accounts.named(username=normalise_username(clinician or ""))
        if found is None or found.role != "clinician":
            raise NotFound(f"no clinician {clinician!r}: add the clinician first (--clinician)")
        clinician_id = found.person_id
    return _add(context, username, password, role, clinician_id)


def create_client(context: AppContext, *, clinician_id: int, username: str, password: str) -> Account:
    """A clinician adds a client of their own (the web). A username cannot be given twice, so
    refusing one tells that it exists: the refusal is in the same words whoever has the name (a
    client of another clinician, a clinician, one's own client), and a clinician refused
    NAMING_LIMIT names within FAILURE_WINDOW waits, so the form cannot be used to go through a
    list of names to learn who else is a client."""
    limits, now = {f"naming:{clinician_id}": NAMING_LIMIT}, context.now()
    attempt = context.store.sign_ins.begin_attempt(limits=limits, now=now, since=now - FAILURE_WINDOW)
    if attempt.refused:
        raise TooManyAttempts(_wait(attempt.recent, limits, now), what="usernames refused")
    try:
        added = _add(context, username, password, "client", clinician_id)
    except Conflict:  # the attempt stays counted
        name = normalise_username(username)
        raise Conflict(
            f"the username {name!r} cannot be given: add something of your client's own to it, such as the "
            f"initial of their family name or a number ({name}.t or {name}2)"
        ) from None
    except Exception:
        context.store.sign_ins.not_a_failure(attempt)  # refused for another reason: not a name tried
        raise
    context.store.sign_ins.not_a_failure(attempt)
    return added


def _add(context: AppContext, username: str, password: str, role: str, clinician_id: int | None) -> Account:
    name = normalise_username(username)
    check_new_password(password, username=name)
    return context.store.accounts.add(
        username=name, password_hash=context.passwords.hash(password), role=role, clinician_id=clinician_id,
        now=context.now(),
    )  # fmt: skip


def list_accounts(context: AppContext) -> list[Account]:
    return context.store.accounts.all()


def has_accounts(context: AppContext) -> bool:
    return context.store.accounts.any()


def set_password(context: AppContext, *, username: str, password: str) -> None:
    """A new password (command line, for whoever runs the server); signs the person out everywhere."""
    found = context.store.accounts.named(username=normalise_username(username))
    if found is None:
        raise NotFound(f"no account {username!r}")
    _replace_password(context, found, password)


def change_password(context: AppContext, *, asker: Asker, current: str, new: str) -> None:
    """The person changes their own password, knowing the current one; every sign-in ends. A wrong
    current password counts as a failed sign-in: whoever holds someone's open sign-in cannot try
    passwords here faster than at the sign-in page."""
    store, now = context.store, context.now()
    limits = {f"user:{asker.username}": USER_LIMIT}
    attempt = store.sign_ins.begin_attempt(limits=limits, now=now, since=now - FAILURE_WINDOW)
    if attempt.refused:
        raise TooManyAttempts(_wait(attempt.recent, limits, now))
    found = store.accounts.named(username=asker.username)
    if found is None or not context.passwords.verify(found.password_hash, current):
        raise Unauthorized("the current password is not right")  # the attempt stays a failure
    store.sign_ins.not_a_failure(attempt)
    _replace_password(context, found, new)


def _replace_password(context: AppContext, account: Account, password: str) -> None:
    check_new_password(password, username=account.username)
    store = context.store
    store.accounts.set_password_hash(person_id=account.person_id, password_hash=context.passwords.hash(password))
    store.sign_ins.end_all(person_id=account.person_id)


@dataclass(frozen=True)
class SignedIn:
    token: str  # for the cookie; the database keeps only its hash
    asker: Asker


def sign_in(context: AppContext, *, username: str, password: str, address: str) -> SignedIn:
    """A new sign-in token for the cookie; Unauthorized for a wrong username or password, the same
    for both; TooManyAttempts while the username or the address has failed too often. The attempt
    is counted as a failure before the password is checked, in one step with reading the count,
    so at most USER_LIMIT wrong passwords are checked for a username in the window, however many
    are sent at once to however many worker processes."""
    store, passwords, now = context.store, context.passwords, context.now()
    name = username.strip().lower()[:64]
    limits = {f"user:{name}": USER_LIMIT, f"address:{address[:120]}": ADDRESS_LIMIT}
    attempt = store.sign_ins.begin_attempt(limits=limits, now=now, since=now - FAILURE_WINDOW)
    if attempt.refused:
        raise TooManyAttempts(_wait(attempt.recent, limits, now))
    found = store.accounts.named(username=name) if USERNAME.match(name) else None
    matches = passwords.verify(found.password_hash if found else passwords.dummy_hash(), password)
    if found is None or not matches:
        raise Unauthorized("that username and password do not match")  # the attempt stays a failure
    store.sign_ins.not_a_failure(attempt)
    if passwords.needs_rehash(found.password_hash):
        store.accounts.set_password_hash(person_id=found.person_id, password_hash=passwords.hash(password))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    store.sign_ins.add(
        token_hash=token_hash(token), person_id=found.person_id, now=now, expires_at=now + SIGN_IN_LIFETIME
    )
    return SignedIn(token, Asker(found.person_id, found.username, found.role))


def _wait(recent: dict[str, list[dt.datetime]], limits: dict[str, int], now: dt.datetime) -> int:
    """Seconds until every key that reached its limit has a failure leave the window."""
    full = [key for key, limit in limits.items() if len(recent[key]) >= limit]
    waits = [recent[key][limits[key] - 1] + FAILURE_WINDOW - now for key in full]
    return max(1, math.ceil(max(waits).total_seconds()))


def signed_in(context: AppContext, *, token: str) -> Asker | None:
    """Who this cookie's token signed in, while it lasts; None for nobody."""
    found = account_signed_in(context, token=token)
    return None if found is None else Asker(found.person_id, found.username, found.role)


def sign_out(context: AppContext, *, token: str) -> None:
    if token and len(token) <= LONGEST_TOKEN:
        context.store.sign_ins.end(token_hash=token_hash(token))
