"""The content a person's supple runs on: the catalogue (the built-in one, plus their own
exercises in SUPPLE_HOME/exercises) and the safety questions and precautions.

Each is loaded once per process, and a cold process takes it already validated from the content
cache (store/content_cache.py) when neither the files nor supple have changed since.
"""

from __future__ import annotations

import functools
from pathlib import Path

import supple.catalog
import supple.safety
from supple.catalog.loader import builtin_catalog, data_dir, load_catalog
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


@functools.cache
def _parse_cache(cache_dir: Path) -> ParseCache:
    return ParseCache(cache_dir / "parsed-data.json")


def _builtin_files() -> list[Path]:
    """The files the built-in content comes from, and the code that checks them."""
    folders = [data_dir(), data_dir() / "exercises", safety_data_dir()]
    code = [Path(package.__file__).parent for package in (supple.catalog, supple.safety) if package.__file__]
    if not all(isinstance(folder, Path) for folder in folders):
        return []  # packaged in a zip, say: nothing to take a fingerprint of
    content = files_under(*(folder for folder in folders if isinstance(folder, Path)), pattern="*.yaml")
    return [*content, *files_under(*code, pattern="*.py")]


@functools.cache
def _builtin_content(cache_dir: Path) -> tuple[Catalog, SafetyData]:
    files = _builtin_files()

    def load() -> tuple[Catalog, SafetyData]:
        parse_cache = _parse_cache(cache_dir)
        content = builtin_catalog(parse_cache.read), builtin_safety(parse_cache.read)
        parse_cache.save()
        return content

    if not files:
        return load()
    return load_through(cache_dir / "builtin-content.pickle", files=files, load=load)


def _folder_fingerprint(folder: Path) -> Fingerprint:
    """Names, sizes and change times: a command asking twice reuses the loaded catalogue,
    and an edited file is loaded afresh."""
    entries = sorted(folder.glob("*.yaml"))
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in entries)


@functools.lru_cache(maxsize=8)
def _user_catalog(cache_dir: Path, user_dir: Path, fingerprint: Fingerprint) -> Catalog:
    def load() -> Catalog:
        parse_cache = _parse_cache(cache_dir)
        catalog = load_catalog(user_dir=user_dir, read=parse_cache.read)
        parse_cache.save()
        return catalog

    files = _builtin_files()
    if not files:
        return load()
    files += files_under(user_dir, pattern="*.yaml")
    return load_through(cache_dir / "own-catalog.pickle", files=files, load=load)
