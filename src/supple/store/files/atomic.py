"""Writing a file so that a crash mid-write leaves the old file, never half a new one."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supple.errors import BadRequest
from supple.store.database.faults import FILE_ERRNOS


def write_json_atomically(path: Path, data: object) -> Path:
    return write_bytes_atomically(path, json.dumps(data, indent=2).encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    """Write a new file beside the old one, then put it in its place; OSError when it cannot be (a
    cache, which then simply is not kept). A link is followed (the file it points to is replaced,
    the link kept), and what is not a file is written to as it is (a device such as /dev/stdout, a
    pipe), never replaced: as root, replacing /dev/stdout with a file broke it for everyone."""
    if path.exists() and not path.is_file() and not path.is_dir():  # (these follow links)
        with _named(path), path.open("wb") as handle:
            handle.write(data)
        return path
    target = Path(os.path.realpath(path))  # (a loop of links stays as it is, to be replaced)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=target.suffix)
    try:
        with _named(path), os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_json_file(path: Path, data: object) -> Path:
    return write_file(path, json.dumps(data, indent=2).encode("utf-8"))


def write_file(path: Path, data: bytes) -> Path:
    """A file the person named (a backup, a calendar, a handout) or keeps in SUPPLE_HOME (the latest
    screening), written atomically. A path that cannot be a file (a folder, a file where a folder of
    it should be, a name too long) is refused as bad input, before anything is written; a full disk
    or missing permissions stay an OSError naming the file, a fault of the store (database/faults.py)."""
    try:
        if path.is_dir():
            raise BadRequest(f"{path}: is a folder, where a file is to be written")
        return write_bytes_atomically(path, data)
    except OSError as error:
        if error.errno in FILE_ERRNOS:  # said of the file asked for, not of its temporary twin
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise BadRequest(f"{path}: cannot be written ({error.strerror})") from None


@contextmanager
def _named(path: Path) -> Iterator[None]:
    """A write that fails (a full disk) names the file it was writing."""
    try:
        yield
    except OSError as error:
        if error.filename is not None:
            raise
        raise OSError(error.errno, error.strerror, str(path)) from error
