from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.store.backups import NOW, fill, fresh, goals_data, round_trip, sessions_data

from supple.errors import BadRequest
from supple.session.engine import SetResult
from supple.store.backup import export_data, import_data, parse_backup
from supple.store.db import make_engine, upgrade
from supple.store.tables import Person


@settings(max_examples=25, deadline=None)
@given(sessions=sessions_data, goals=goals_data)
def test_a_backup_restored_into_an_empty_store_reproduces_it_exactly(sessions, goals) -> None:
    with tempfile.TemporaryDirectory() as folder:
        round_trip(Path(folder), sessions, goals)


def test_the_round_trip_holds_on_postgresql_too(database_url, tmp_path) -> None:
    original = fresh(tmp_path, "a.db")
    fill(original, [(NOW, 5, 3, [SetResult("cat-cow", "reps", None, 1, 64.0, 64, step=1)], ["left"], "finished")],
         [("Climbing stairs", [(NOW, 4)])])  # fmt: skip
    exported = export_data(original, now=NOW)
    target = make_engine(database_url)
    upgrade(target)
    import_data(target, parse_backup(exported))
    assert export_data(target, now=NOW) == exported
    target.dispose()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: {"hello": "world"}, "not a supple backup"),
        (lambda d: {**d, "version": 99}, "backup version 99"),
        (
            lambda d: {**d, "people": [{**d["people"][0], "sessions": [{"state": "finished"}]}]},
            "damaged at people.0.sessions.0",
        ),
        (lambda d: [1, 2], "not a supple backup"),
    ],
)
def test_a_foreign_or_damaged_backup_is_refused_and_changes_nothing(tmp_path, change, problem) -> None:
    original = fresh(tmp_path, "a.db")
    fill(original, [(NOW, 5, 3, [], [], "finished")], [])
    data = change(export_data(original, now=NOW))
    target = fresh(tmp_path, "b.db")
    with pytest.raises(BadRequest, match=problem):
        import_data(target, parse_backup(data))
    with Session(target) as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_import_refuses_a_store_that_is_not_empty(tmp_path) -> None:
    db = fresh(tmp_path, "a.db")
    fill(db, [], [])
    with pytest.raises(BadRequest, match="not empty"):
        import_data(db, parse_backup(export_data(db, now=NOW)))


def test_the_commands_report_a_truncated_file_in_one_line(run_cli, tmp_path) -> None:
    assert run_cli("screen", "--none").code == 0
    target = tmp_path / "backup.json"
    assert run_cli("export", str(target)).code == 0
    target.write_text(target.read_text()[:40], encoding="utf-8")
    result = run_cli("import", str(target))
    assert result.code == 2
    assert "not valid JSON" in result.err and "Traceback" not in result.err
