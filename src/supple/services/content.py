"""The content a person's supple runs on: the catalogue (the built-in one, plus their own
exercises in SUPPLE_HOME/exercises) and the safety questions and precautions.

Each is loaded once per process, and a cold process takes it already validated from the content
cache (store/content_cache.py) when neither the files nor supple have changed since.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import supple.catalog
import supple.safety
from supple.catalog.loader import Reader, builtin_catalog, data_dir, load_catalog
from supple.catalog.models import Catalog
from supple.config import Settings
from supple.safety.loader import SafetyData, builtin_safety, safety_data_dir
from supple.store.content_cache import files_under, load_through
from supple.store.parse_cache import ParseCache

Fingerprint = tuple[tuple[str, int, int], ...]


def catalog_for(*, settings: Settings) -> Catalog:
    """The built-in catalogue, plus the person's own exercises in SUPPLE_HOME/exercises."""
    user_dir = settings.user_exercises_dir
    if user_dir.is_dir():
        return _user_catalog(settings.cache_dir, user_dir, _folder_fingerprint(user_dir))
    return _builtin_content(settings.cache_dir)[0]


def safety_for(*, settings: Settings) -> SafetyData:
    """The screening questions and the precautions, checked against the built-in catalogue."""
    return _builtin_content(settings.cache_dir)[1]


def _builtin_files() -> list[Path]:
    """The files the built-in content comes from, and the code that checks them; none when the
    content is not in plain folders (packaged in a zip, say: nothing to take a fingerprint of)."""
    folders = [data_dir(), data_dir() / "exercises", safety_data_dir()]
    paths = [folder for folder in folders if isinstance(folder, Path)]
    if len(paths) < len(folders):
        return []
    code = [Path(package.__file__).parent for package in (supple.catalog, supple.safety) if package.__file__]
    return [*files_under(*paths, pattern="*.yaml"), *files_under(*code, pattern="*.py")]


Content = TypeVar("Content")


def _validated(cache_dir: Path, name: str, *, also: list[Path], load: Callable[[Reader], Content]) -> Content:
    """`load`'s content (given a reader that parses through the parse cache), kept in `name` beside
    the fingerprint of the built-in files and `also`."""

    def parse_and_validate() -> Content:
        parse_cache = _parse_cache(cache_dir)
        content = load(parse_cache.read)
        parse_cache.save()
        return content

    files = _builtin_files()
    if not files:
        return parse_and_validate()
    return load_through(cache_dir / name, files=[*files, *also], load=parse_and_validate)


@functools.cache
def _parse_cache(cache_dir: Path) -> ParseCache:
    return ParseCache(cache_dir / "parsed-data.json")


@functools.cache
def _builtin_content(cache_dir: Path) -> tuple[Catalog, SafetyData]:
    return _validated(
        cache_dir, "builtin-content.pickle", also=[], load=lambda read: (builtin_catalog(read), builtin_safety(read))
    )


def _folder_fingerprint(folder: Path) -> Fingerprint:
    """Names, sizes and change times: a command asking twice reuses the loaded catalogue,
    and an edited file is loaded afresh."""
    entries = sorted(folder.glob("*.yaml"))
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in entries)


@functools.lru_cache(maxsize=8)
def _user_catalog(cache_dir: Path, user_dir: Path, fingerprint: Fingerprint) -> Catalog:
    return _validated(
        cache_dir, "own-catalog.pickle", also=files_under(user_dir, pattern="*.yaml"),
        load=lambda read: load_catalog(user_dir=user_dir, read=read),
    )  # fmt: skip
