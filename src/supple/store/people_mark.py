"""A mark in SUPPLE_HOME, rewritten whenever single-person mode's people are replaced (everything
deleted, a backup restored), so that each process can remember who the one person is and still
notice, by reading a few bytes instead of asking the database at every request, that it may have
changed: the web server's workers, and the command line, share the data folder."""

from __future__ import annotations

import secrets
from pathlib import Path

from supple.store.atomic import write_bytes_atomically


def mark_path(home: Path) -> Path:
    return home / "cache" / "people.mark"


def read_mark(*, home: Path) -> bytes:
    """The current mark; empty before the people were ever replaced."""
    try:
        return mark_path(home).read_bytes()
    except FileNotFoundError:
        return b""


def renew_mark(*, home: Path) -> None:
    """A new mark, never one seen before: what any process remembered of the people is forgotten."""
    write_bytes_atomically(mark_path(home), secrets.token_hex(16).encode())
