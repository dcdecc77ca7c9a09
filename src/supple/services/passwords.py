"""Password hashing for clinic mode: argon2id through argon2-cffi, never by hand.

Hashing is deliberately slow (tens of milliseconds and 64 MiB), so it happens only when someone
signs in or sets a password; an ordinary request is recognised by its sign-in token instead.
The application context holds one Passwords; tests give it a hasher with the least work argon2
allows instead of the real one.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from supple.errors import BadRequest

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 10
MAX_LENGTH = 1024  # argon2 takes any length; a cap keeps one request from costing much more than another
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt"


class Passwords:
    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher
        self._dummy: str | None = None
        self._lock = threading.Lock()

    @property
    def hasher(self) -> PasswordHasher:
        with self._lock:
            if self._hasher is None:
                from argon2 import PasswordHasher  # only clinic mode and the account commands need it

                # argon2id with RFC 9106's low-memory parameters (t=3, m=64 MiB, p=4)
                self._hasher = PasswordHasher()
            return self._hasher

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, stored: str, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return bool(self.hasher.verify(stored, password))
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        """True when the hash was made with other parameters than today's (they are raised over time)."""
        return bool(self.hasher.check_needs_rehash(stored))

    def dummy_hash(self) -> str:
        """A hash of nothing anyone knows, checked when the username is unknown, so that an unknown
        username takes as long to refuse as a wrong password (no telling which usernames exist)."""
        hasher = self.hasher
        with self._lock:
            if self._dummy is None:
                self._dummy = hasher.hash(os.urandom(16).hex())
            return self._dummy


def check_new_password(password: str, *, username: str) -> None:
    """Length is what makes a password strong, and a common one is guessed first whatever its
    length (NIST SP 800-63B: a minimum length and a list of common passwords, no rules about
    kinds of characters). The message never repeats the password."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise BadRequest(f"a password is {MIN_LENGTH} to {MAX_LENGTH} characters long: a few words make a good one")
    if not password.strip():
        raise BadRequest("a password cannot be only spaces: a few words make a good one")
    if password.strip().lower() == username.strip().lower():
        raise BadRequest("the password cannot be the username")
    if is_common(password):
        raise BadRequest(
            "that password is one of the most common, which are guessed first: choose another (a few words "
            "of your own make a good one)"
        )


def is_common(password: str) -> bool:
    """On the list of common passwords (data/common-passwords.txt), in any case, with or without
    its spaces ("Pass Word 123" is "password123")."""
    lowered = password.strip().lower()
    return lowered in common_passwords() or "".join(lowered.split()) in common_passwords()


@functools.cache
def common_passwords() -> frozenset[str]:
    """Read once, when a password is first set (never to sign in); about 16,000 of them."""
    text = COMMON_PASSWORDS.read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("# "))
