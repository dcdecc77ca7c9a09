"""Validated content kept pickled, so a cold command does not validate the catalogue again.

Validating the catalogue imports pydantic and builds a validator for each of its records, which
cost a cold `supple plan` more than all of its planning (bench/README.md). The outcome depends
only on the content files and on the code that checks them, so, like Python's .pyc files, it is
kept beside a fingerprint of both (the size and modification time of each content file, of
supple's checking code and of pydantic's own files, and the versions of Python and supple) and
reused while the fingerprint is the same. An edited content file, a person's exercise added or
changed, an upgrade: any of them validates afresh.

The cache is only ever an optimisation: a missing, damaged or stale file is loaded afresh, and
one that cannot be written is simply not kept. It lives in SUPPLE_HOME/cache, as private as the
person's own data: whoever could write a pickle there could as well edit their exercise files.
"""

from __future__ import annotations

import contextlib
import importlib.util
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from supple import __version__
from supple.store.files.atomic import write_bytes_atomically

CACHE_VERSION = 1
Value = TypeVar("Value")
Fingerprint = tuple[Any, ...]


def fingerprint(files: Iterable[Path]) -> Fingerprint | None:
    """What the kept value depends on; None when a file cannot be looked at (then nothing is kept)."""
    stamps = []
    try:
        for file in sorted([*files, *_validator_files()]):
            stat = file.stat()
            stamps.append((str(file), stat.st_size, stat.st_mtime_ns))
    except OSError:
        return None
    return (CACHE_VERSION, sys.version_info[:2], __version__, tuple(stamps))


def _validator_files() -> list[Path]:
    """pydantic's own files: it validated the content, so a new version of it validates afresh.
    Found without importing it, which is what the cache saves a cold command."""
    found = []
    for name in ("pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin is not None:
            found.append(Path(spec.origin))
    return found


def load_through(cache_file: Path, *, files: Iterable[Path], load: Callable[[], Value]) -> Value:
    """`load()`'s value, from `cache_file` when it was kept there from the same `files`."""
    key = fingerprint(files)
    if key is None:
        return load()
    kept = _read(cache_file)
    if kept is not None and kept[0] == key:
        value: Value = kept[1]
        return value
    value = load()
    with contextlib.suppress(OSError):  # not kept, then: the next command validates again
        write_bytes_atomically(cache_file, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _read(cache_file: Path) -> tuple[Fingerprint, Any] | None:
    try:
        data = cache_file.read_bytes()
    except OSError:
        return None
    try:
        kept = pickle.loads(data)
    except Exception:  # a damaged or foreign pickle can fail in any way: load afresh
        return None
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], tuple):
        return kept[0], kept[1]
    return None


def files_under(*folders: Path, pattern: str) -> list[Path]:
    """Every file matching `pattern` in the folders that exist (a missing one adds nothing)."""
    return [file for folder in folders if folder.is_dir() for file in folder.glob(pattern)]
