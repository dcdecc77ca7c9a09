"""Clinic mode's sign-in tokens: what the database keeps of one, and who a browser's token signed in.

A token is 256 random bits in the browser's cookie; the database keeps only its SHA-256, so a
leaked copy of the database cannot be replayed as anyone's cookie.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supple.services.context import AppContext
    from supple.store.repositories.accounts import Account

LONGEST_TOKEN = 100  # ours are 43 characters; anything much longer is not one of ours


def token_hash(token: str) -> str:
    """What the database keeps of a sign-in token. A token is 256 random bits, so one fast hash is
    enough (a slow one is for passwords people choose)."""
    # Imported here: hashlib loads OpenSSL (about 3 MB and 2 ms), which single-person mode's
    # commands never need, and the modes import this module.
    import hashlib

    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def account_signed_in(context: AppContext, *, token: str) -> Account | None:
    """Whose sign-in this cookie's token is, while it lasts: one indexed query, no hashing beyond SHA-256."""
    if not token or len(token) > LONGEST_TOKEN:
        return None
    return context.store.sign_ins.who(token_hash=token_hash(token), now=context.now())
