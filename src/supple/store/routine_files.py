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


def saved_routine_names(home: Path) -> list[str]:
    folder = home / "routines"
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def latest_routine_file(home: Path) -> Path | None:
    """The routine saved most recently, or None."""
    folder = home / "routines"
    files = list(folder.glob("*.json")) if folder.is_dir() else []
    return max(files, key=lambda p: (p.stat().st_mtime_ns, p.name)) if files else None


def save_routine_file(*, home: Path, name: str, data: dict[str, object]) -> Path:
    return write_json_atomically(routine_path(home, name), data)
