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


def read_people_version(*, home: Path, path: str | None = None) -> bytes:
    """The current version; empty before the people were ever replaced. The web app asks at every
    request, with the file's path worked out once (`path`), and reads it with the system's calls
    themselves: pathlib's took longer than the rest of telling who is asking."""
    path = path or str(people_version_path(home))
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            return os.read(descriptor, 4096)  # a version is 32 characters
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        return b""
    except OSError as error:
        if error.errno in FILE_ERRNOS:  # no permission: a fault of the store
            raise
        raise DataFileError(Path(path), "", f"cannot be read ({error.strerror})") from None


def renew_people_version(*, home: Path) -> None:
    """A new version, never one seen before: what any process remembered of the people is forgotten."""
    write_file(people_version_path(home), os.urandom(16).hex().encode())
