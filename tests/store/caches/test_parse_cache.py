import json
import os
from pathlib import Path

import pytest

from supple.catalog.loader import load_catalog
from supple.errors import DataFileError
from supple.store.caches.parse_cache import ParseCache


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_second_read_comes_from_the_cache_without_parsing(tmp_path, monkeypatch):
    data = write(tmp_path / "a.yaml", "name: Cat-cow\nreps: 10\n")
    first = ParseCache(tmp_path / "cache.json")
    assert first.read(data) == {"name": "Cat-cow", "reps": 10}
    first.save()

    def no_parsing(path):
        raise AssertionError(f"parsed {path} again")

    monkeypatch.setattr("supple.catalog.loader.read_yaml", no_parsing)
    assert ParseCache(tmp_path / "cache.json").read(data) == {"name": "Cat-cow", "reps": 10}


def test_an_edited_file_is_parsed_afresh(tmp_path):
    data = write(tmp_path / "a.yaml", "reps: 10\n")
    cache = ParseCache(tmp_path / "cache.json")
    cache.read(data)
    cache.save()
    write(data, "reps: 12\n")
    os.utime(data, ns=(1, 1))  # a different stamp even on a coarse-grained file system
    assert ParseCache(tmp_path / "cache.json").read(data) == {"reps": 12}


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path):
    data = write(tmp_path / "a.yaml", "reps: 3\n")
    cache_file = write(tmp_path / "cache.json", '{"version": 1, "entries": {"x": 5}')
    cache = ParseCache(cache_file)
    assert cache.read(data) == {"reps": 3}
    cache.save()
    assert json.loads(cache_file.read_text())["version"] == 1


def test_entries_of_the_wrong_shape_are_not_trusted(tmp_path):
    data = write(tmp_path / "a.yaml", "reps: 3\n")
    cache_file = tmp_path / "cache.json"
    cache_file.write_text(json.dumps({"version": 1, "entries": {str(data.resolve()): 7}}))
    assert ParseCache(cache_file).read(data) == {"reps": 3}


def test_an_unwritable_cache_is_simply_not_kept(tmp_path):
    data = write(tmp_path / "a.yaml", "reps: 3\n")
    blocker = write(tmp_path / "not-a-folder", "")
    cache = ParseCache(blocker / "cache.json")
    assert cache.read(data) == {"reps": 3}
    cache.save()  # no error
    assert blocker.is_file()


def test_data_json_cannot_carry_is_parsed_every_time(tmp_path):
    data = write(tmp_path / "a.yaml", "when: 2026-01-02\n1: one\n")
    cache = ParseCache(tmp_path / "cache.json")
    cache.read(data)
    cache.save()
    assert not (tmp_path / "cache.json").exists()


def test_broken_yaml_is_still_reported_with_its_file(tmp_path):
    data = write(tmp_path / "a.yaml", "reps: [3\n")
    with pytest.raises(DataFileError, match="a.yaml"):
        ParseCache(tmp_path / "cache.json").read(data)


def test_a_cached_catalogue_equals_a_parsed_one(fixture_catalog, tmp_path):
    cache = ParseCache(tmp_path / "cache.json")
    assert load_catalog(data=fixture_catalog, read=cache.read) == load_catalog(data=fixture_catalog)
    cache.save()
    again = ParseCache(tmp_path / "cache.json")
    assert load_catalog(data=fixture_catalog, read=again.read) == load_catalog(data=fixture_catalog)
