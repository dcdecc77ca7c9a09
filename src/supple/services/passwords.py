"""Password hashing for clinic mode: argon2id through argon2-cffi, never by hand.

Hashing is deliberately slow (tens of milliseconds and 64 MiB), so it happens only when someone
signs in or sets a password; an ordinary request is recognised by its sign-in token instead.
"""

from __future__ import annotations

import functools
import secrets
from typing import TYPE_CHECKING

from supple.errors import BadRequest

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 10
MAX_LENGTH = 1024  # argon2 takes any length; a cap keeps one request from costing much more than another


def _hasher() -> PasswordHasher:
    return _default_hasher()


@functools.cache
def _default_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with RFC 9106's low-memory parameters (t=3, m=64 MiB, p=4)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when the hash was made with other parameters than today's (they are raised over time)."""
    return bool(_hasher().check_needs_rehash(stored))


@functools.cache
def _dummy(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def dummy_hash() -> str:
    """A hash of nothing anyone knows, checked when the username is unknown, so that an unknown
    username takes as long to refuse as a wrong password (no telling which usernames exist)."""
    return _dummy(_hasher())


def check_new_password(password: str, *, username: str) -> None:
    """Length is what makes a password strong (NIST SP 800-63B); the message never repeats it."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise BadRequest(f"a password is {MIN_LENGTH} to {MAX_LENGTH} characters long: a few words make a good one")
    if password.strip().lower() == username.strip().lower():
        raise BadRequest("the password cannot be the username")
