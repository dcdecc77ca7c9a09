from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.content import builtin_safety

from supple.errors import DataFileError
from supple.safety.screen import screen
from supple.store.files.screening_file import load_screening, save_screening, screening_path

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def test_nothing_stored_reads_as_none(tmp_path: Path) -> None:
    assert load_screening(home=tmp_path) is None


def test_a_saved_screening_reads_back_the_same(tmp_path: Path) -> None:
    result = screen(builtin_safety(), ["pregnancy"], now=NOW)
    save_screening(home=tmp_path / "new-home", screening=result)
    assert load_screening(home=tmp_path / "new-home") == result


def test_saving_replaces_the_previous_screening_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    save_screening(home=tmp_path, screening=screen(builtin_safety(), ["pregnancy"], now=NOW))
    save_screening(home=tmp_path, screening=screen(builtin_safety(), [], now=NOW))
    assert load_screening(home=tmp_path).verdict == "go"  # type: ignore[union-attr]
    assert [p.name for p in tmp_path.iterdir()] == ["screening.json"]


@pytest.mark.parametrize("content", ["{not json", "[]", '{"verdict": "go"}', '{"verdict": "perhaps"}'])
def test_an_unreadable_store_is_a_clear_error_asking_to_screen_again(tmp_path: Path, content: str) -> None:
    screening_path(tmp_path).write_text(content)
    with pytest.raises(DataFileError, match="the stored screening is unreadable .*answer the safety questions again"):
        load_screening(home=tmp_path)
