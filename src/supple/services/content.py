"""The content a person's supple runs on: the catalogue (the built-in one, plus their own
exercises in SUPPLE_HOME/exercises) and the safety questions and precautions.

The application context holds one Content, which loads each part on first use and keeps it; a
cold process takes it already validated from the content cache (store/caches/content_cache.py)
when neither the files nor supple have changed since.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import supple.catalog
import supple.safety
from supple.catalog.models import Catalog
from supple.config import Settings
from supple.safety.models import SafetyData
from supple.services.recent import Recent
from supple.store.caches.content_cache import files_under, load_through
from supple.store.caches.parse_cache import ParseCache

if TYPE_CHECKING:
    from supple.catalog.loader import Reader

Fingerprint = tuple[tuple[str, int, int], ...]
Loaded = TypeVar("Loaded")


class Content:
    def __init__(self, settings: Settings) -> None:
        self.cache_dir = settings.cache_dir
        self.user_dir = settings.user_exercises_dir
        self._lock = threading.Lock()  # the web server's threads may ask for it at once
        self._builtin: tuple[Catalog, SafetyData] | None = None
        # A person's own catalogue by the names, sizes and change times of their files: asking twice
        # reuses it, and an edited file is loaded afresh.
        self._own: Recent[Fingerprint, Catalog] = Recent(8)
        self._parse_cache = ParseCache(self.cache_dir / "parsed-data.json")

    def catalog(self) -> Catalog:
        """The built-in catalogue, plus the person's own exercises in SUPPLE_HOME/exercises; a file of
        theirs that does not load is left out (listed in the catalogue's `left_out`)."""
        if not self.user_dir.is_dir():
            return self._builtin_content()[0]
        fingerprint = _folder_fingerprint(self.user_dir)
        found = self._own.get(fingerprint)
        if found is not None:
            return found
        with self._lock:
            from supple.catalog.loader import load_catalog  # what the content cache saves a cold command

            found = self._own.get(fingerprint) or self._validated(
                "own-catalog.pickle", also=files_under(self.user_dir, pattern="*.yaml"),
                load=lambda read: load_catalog(user_dir=self.user_dir, read=read, leave_out_broken=True),
            )  # fmt: skip
            self._own.put(fingerprint, found)
            return found

    def safety(self) -> SafetyData:
        """The screening questions and the precautions, checked against the built-in catalogue."""
        return self._builtin_content()[1]

    def _builtin_content(self) -> tuple[Catalog, SafetyData]:
        with self._lock:
            if self._builtin is None:
                self._builtin = self._validated("builtin-content.pickle", also=[], load=_catalog_and_safety)
            return self._builtin

    def _validated(self, name: str, *, also: list[Path], load: Callable[[Reader], Loaded]) -> Loaded:
        """`load`'s content (given a reader that parses through the parse cache), kept in `name` beside
        the fingerprint of the built-in files and `also`."""

        def parse_and_validate() -> Loaded:
            loaded = load(self._parse_cache.read)
            self._parse_cache.save()
            return loaded

        files = _builtin_files()
        if not files:
            return parse_and_validate()
        return load_through(self.cache_dir / name, files=[*files, *also], load=parse_and_validate)


def _catalog_and_safety(read: Reader) -> tuple[Catalog, SafetyData]:
    from supple.catalog.loader import builtin_catalog  # what the content cache saves a cold command
    from supple.safety.loader import load_safety

    catalog = builtin_catalog(read)
    return catalog, load_safety(catalog=catalog, read=read)


def _builtin_files() -> list[Path]:
    """The files the built-in content comes from, and the code that checks them."""
    folders = [supple.catalog.data_dir(), supple.catalog.data_dir() / "exercises", supple.safety.data_dir()]
    code = [Path(package.__file__).parent for package in (supple.catalog, supple.safety) if package.__file__]
    return [*files_under(*folders, pattern="*.yaml"), *files_under(*code, pattern="*.py")]


def _folder_fingerprint(folder: Path) -> Fingerprint:
    return tuple(_stamp(path) for path in sorted(folder.glob("*.yaml")))


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:  # a link to nothing: the loader says so
        return path.name, -1, -1
    return path.name, stat.st_size, stat.st_mtime_ns
