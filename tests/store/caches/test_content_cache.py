"""Validated content is kept while the files it came from are unchanged, and only then."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supple.store.caches import content_cache
from supple.store.caches.content_cache import files_under, load_through


class Loader:
    """Counts its loads, so a test can tell a kept value from a fresh one."""

    def __init__(self) -> None:
        self.loads = 0

    def __call__(self) -> dict[str, int]:
        self.loads += 1
        return {"load": self.loads}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "content" / "one.yaml"
    path.parent.mkdir()
    path.write_text("a: 1\n")
    return path


def test_a_value_is_kept_and_reused_while_its_files_are_unchanged(tmp_path: Path, source: Path) -> None:
    load, cache = Loader(), tmp_path / "cache" / "content.pickle"
    assert load_through(cache, files=[source], load=load) == {"load": 1}
    assert load_through(cache, files=[source], load=load) == {"load": 1}
    assert load.loads == 1


def test_an_edited_file_loads_afresh(tmp_path: Path, source: Path) -> None:
    load, cache = Loader(), tmp_path / "content.pickle"
    load_through(cache, files=[source], load=load)
    stat = source.stat()
    source.write_text("a: 2\n")  # the same size: the modification time tells
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert load_through(cache, files=[source], load=load) == {"load": 2}


def test_a_file_added_or_removed_loads_afresh(tmp_path: Path, source: Path) -> None:
    load, cache = Loader(), tmp_path / "content.pickle"
    load_through(cache, files=files_under(source.parent, pattern="*.yaml"), load=load)
    (source.parent / "two.yaml").write_text("b: 1\n")
    assert load_through(cache, files=files_under(source.parent, pattern="*.yaml"), load=load) == {"load": 2}
    (source.parent / "two.yaml").unlink()
    assert load_through(cache, files=files_under(source.parent, pattern="*.yaml"), load=load) == {"load": 3}


def test_another_version_of_supple_loads_afresh(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load, cache = Loader(), tmp_path / "content.pickle"
    load_through(cache, files=[source], load=load)
    monkeypatch.setattr(content_cache, "__version__", "99.0.0")
    assert load_through(cache, files=[source], load=load) == {"load": 2}


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage", b"\x80\x05K\x01."])
def test_a_damaged_cache_loads_afresh_and_is_replaced(tmp_path: Path, source: Path, damage: bytes) -> None:
    load, cache = Loader(), tmp_path / "content.pickle"
    cache.write_bytes(damage)
    assert load_through(cache, files=[source], load=load) == {"load": 1}
    assert load_through(cache, files=[source], load=load) == {"load": 1}


def test_a_cache_that_cannot_be_written_still_gives_the_value(tmp_path: Path, source: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    load = Loader()
    assert load_through(blocker / "content.pickle", files=[source], load=load) == {"load": 1}
    assert load_through(blocker / "content.pickle", files=[source], load=load) == {"load": 2}


def test_a_file_that_cannot_be_looked_at_keeps_nothing(tmp_path: Path) -> None:
    load, cache = Loader(), tmp_path / "content.pickle"
    missing = tmp_path / "missing.yaml"
    assert load_through(cache, files=[missing], load=load) == {"load": 1}
    assert load_through(cache, files=[missing], load=load) == {"load": 2}
    assert not cache.exists()


def test_files_under_skips_folders_that_do_not_exist(tmp_path: Path, source: Path) -> None:
    assert files_under(source.parent, tmp_path / "nowhere", pattern="*.yaml") == [source]
