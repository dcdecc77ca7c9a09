"""A version of single-person mode's people, kept in SUPPLE_HOME and renewed whenever they are
replaced (everything deleted, a backup restored). Each process remembers who the one person is
and still notices, by reading a few bytes instead of asking the database at every request, that
the person may have changed: the web server's workers and the command line share the data folder."""

from __future__ import annotations

import os
from pathlib import Path

from supple.errors import DataFileError
from supple.store.database.faults import FILE_ERRNOS
from supple.store.files.atomic import write_file


def people_version_path(home: Path) -> Path:
    return home / "cache" / "people.mark"


def read_people_version(*, home: Path) -> bytes:
    """The current version; empty before the people were ever replaced."""
    path = people_version_path(home)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
    except OSError as error:
        if error.errno in FILE_ERRNOS:  # no permission: a fault of the store
            raise
        raise DataFileError(path, "", f"cannot be read ({error.strerror})") from None


def renew_people_version(*, home: Path) -> None:
    """A new version, never one seen before: what any process remembered of the people is forgotten."""
    write_file(people_version_path(home), os.urandom(16).hex().encode())
