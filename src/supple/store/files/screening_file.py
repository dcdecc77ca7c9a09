"""The latest screening, kept as JSON in SUPPLE_HOME and replaced atomically (a crash mid-write
leaves the previous screening in place, never half a file that would lock the person out)."""

from __future__ import annotations

import json
from pathlib import Path

from supple.errors import DataFileError
from supple.safety.screen import Screening
from supple.store.database.faults import FILE_ERRNOS
from supple.store.files.atomic import write_json_file

FILE_NAME = "screening.json"


def screening_path(home: Path) -> Path:
    return home / FILE_NAME


def save_screening(*, home: Path, screening: Screening) -> Path:
    return write_json_file(screening_path(home), screening.to_json())


def load_screening(*, home: Path) -> Screening | None:
    path = screening_path(home)
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno in FILE_ERRNOS:  # no permission: a fault of the store
            raise
        raise DataFileError(path, "", f"cannot be read ({error.strerror})") from None
    try:
        data = json.loads(text.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("expected an object")
        return Screening.from_json(data)
    except (ValueError, KeyError, TypeError) as error:
        raise DataFileError(
            path, "", f"the stored screening is unreadable ({error}); answer the safety questions again"
        ) from None
