"""Saved routines: `SUPPLE_HOME/routines/<name>.json`, one plan's JSON each."""

from __future__ import annotations

import re
from pathlib import Path

from supple.errors import BadRequest
from supple.store.atomic import write_json_atomically

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def routine_path(home: Path, name: str) -> Path:
    if not NAME.match(name):
        raise BadRequest(
            f"routine name {name!r}: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit"
        )
    return home / "routines" / f"{name}.json"


def save_routine_file(*, home: Path, name: str, data: dict[str, object]) -> Path:
    return write_json_atomically(routine_path(home, name), data)
