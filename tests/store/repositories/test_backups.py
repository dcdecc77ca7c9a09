from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.store.backups import (
    NOW,
    a_backup,
    fill,
    fresh,
    fresh_store,
    goals_data,
    restore_or_refuse,
    round_trip,
    rows,
    sessions_data,
)

from supple.errors import BadRequest
from supple.progress.outcomes import PSFS_MAX_ACTIVITIES
from supple.session.results import FinishedSet
from supple.store.database.tables import PersonRow
from supple.store.repositories import open_store
from supple.store.repositories.backups import parse_backup, read_json


@settings(max_examples=25, deadline=None)
@given(sessions=sessions_data, goals=goals_data)
def test_a_backup_restored_into_an_empty_store_reproduces_it_exactly(sessions, goals) -> None:
    with tempfile.TemporaryDirectory() as folder:
        round_trip(Path(folder), sessions, goals)


def test_the_round_trip_holds_on_postgresql_too(database_url, tmp_path) -> None:
    original = fresh_store(tmp_path, "a.db")
    sets = [FinishedSet(exercise="cat-cow", kind="reps", side=None, rep=1, seconds=64.0, planned_seconds=64, step=1)]
    fill(original, [(NOW, 5, 3, sets, ["left"], "finished")], [("Climbing stairs", [(NOW, 4)])])
    exported = original.backups.export(now=NOW)
    original.close()
    target = open_store(database_url)
    target.backups.restore(backup=parse_backup(exported))
    assert target.backups.export(now=NOW) == exported
    target.close()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: {"hello": "world"}, "not a supple backup"),
        (lambda d: {**d, "version": 99}, "backup version 99"),
        (lambda d: {**d, "version": True}, "damaged and cannot be restored"),  # true == 1 in Python
        (lambda d: {**d, "version": 1.0}, "damaged and cannot be restored"),
        (lambda d: {**d, "version": "1"}, "damaged and cannot be restored"),
        (
            lambda d: {**d, "people": [{**d["people"][0], "sessions": [{"state": "finished"}]}]},
            "damaged and cannot be restored",
        ),
        (lambda d: [1, 2], "not a supple backup"),
    ],
)
def test_a_foreign_or_damaged_backup_is_refused_and_changes_nothing(tmp_path, change, problem) -> None:
    original = fresh_store(tmp_path, "a.db")
    fill(original, [(NOW, 5, 3, [], [], "finished")], [])
    data = change(original.backups.export(now=NOW))
    original.close()
    target = fresh_store(tmp_path, "b.db")
    with pytest.raises(BadRequest, match=problem):
        target.backups.restore(backup=parse_backup(data))
    with Session(target.database.engine) as s:
        assert s.scalar(select(func.count()).select_from(PersonRow)) == 0
    target.close()


def test_import_refuses_a_store_that_is_not_empty(tmp_path) -> None:
    store = fresh_store(tmp_path, "a.db")
    fill(store, [], [])
    with pytest.raises(BadRequest, match="not empty"):
        store.backups.restore(backup=parse_backup(store.backups.export(now=NOW)))
    store.close()


def test_a_backup_file_with_a_lone_surrogate_is_refused_clearly_and_nothing_written(database_url) -> None:
    # JSON's "\ud800" escape reads as a lone surrogate: text that is not Unicode, which no database keeps
    text = json.dumps(a_backup()).replace('"Climbing stairs"', '"Climbing stairs\\ud800"')
    assert "\\ud800" in text
    store = open_store(database_url)
    before = rows(store.database.engine)
    try:
        with pytest.raises(BadRequest) as refused:
            store.backups.restore(backup=parse_backup(read_json(text.encode())))
        # where, and what: pydantic itself refuses text that is not Unicode ("unable to parse raw data as
        # a unicode string"), before the store's own check of what a database keeps
        message, detail = str(refused.value), refused.value.detail or ""
        assert message == "the backup is damaged and cannot be restored; nothing was changed"
        assert detail.startswith("people[0].goals[0].activity: "), detail  # the command line says where
        assert "unicode" in detail.lower() and "\ud800" not in detail
        assert rows(store.database.engine) == before
    finally:
        store.close()


def test_the_commands_report_a_truncated_file_in_one_line(run_cli, tmp_path) -> None:
    assert run_cli("screen", "--none").code == 0
    target = tmp_path / "backup.json"
    assert run_cli("export", str(target)).code == 0
    target.write_text(target.read_text()[:40], encoding="utf-8")
    result = run_cli("import", str(target))
    assert result.code == 2
    assert "not valid JSON" in result.err and "Traceback" not in result.err


def test_the_import_command_refuses_a_file_with_a_lone_surrogate_in_one_line(run_cli, tmp_path) -> None:
    target = tmp_path / "backup.json"
    target.write_text(json.dumps(a_backup()).replace('"Climbing stairs"', '"Climbing stairs\\ud800"'), encoding="utf-8")
    result = run_cli("import", str(target))
    assert result.code == 2
    assert "damaged and cannot be restored" in result.err and "Traceback" not in result.err
    assert "(people[0].goals[0].activity: " in result.err
    assert json.loads(run_cli("goal", "list", "--json").out) == []
    target.write_text(json.dumps(a_backup()), encoding="utf-8")
    assert run_cli("import", str(target)).code == 0, "the store is still empty: nothing was written"


def followed(count: int, *, dropped: int = 0) -> list[dict[str, object]]:
    """Activities as a backup holds them: `count` followed now, `dropped` followed once."""
    now, then = NOW.isoformat(), (NOW - dt.timedelta(days=30)).isoformat()
    return [
        {"activity": f"activity {n}", "created_at": then, "retired_at": now if n < dropped else None, "ratings": []}
        for n in range(count + dropped)
    ]


def test_a_backup_following_more_activities_than_anyone_can_is_refused_as_damaged(tmp_path) -> None:
    """The app lets a person follow PSFS_MAX_ACTIVITIES at once: a restore cannot get round it."""
    original = fresh_store(tmp_path, "a.db")
    fill(original, [], [])
    exported = original.backups.export(now=NOW)
    original.close()
    person = exported["people"][0]
    too_many = {**exported, "people": [{**person, "goals": followed(PSFS_MAX_ACTIVITIES + 1)}]}
    with pytest.raises(BadRequest, match="damaged and cannot be restored") as refused:
        parse_backup(too_many)
    assert f"{PSFS_MAX_ACTIVITIES + 1} activities followed at once" in (refused.value.detail or "")
    history = {**exported, "people": [{**person, "goals": followed(PSFS_MAX_ACTIVITIES, dropped=10)}]}
    target = fresh_store(tmp_path, "b.db")
    target.backups.restore(backup=parse_backup(history))
    (restored,) = target.backups.export(now=NOW)["people"]
    assert sum(goal["retired_at"] is None for goal in restored["goals"]) == PSFS_MAX_ACTIVITIES
    target.close()


def twice(name: str = "morning") -> dict[str, Any]:
    """A real backup, hand-edited to hold two routines of one name."""
    document = a_backup()
    routine = document["people"][0]["routines"][0]
    document["people"][0]["routines"] = [routine, {**routine, "name": "evening"}, {**routine, "name": name}]
    return document


def test_a_backup_with_two_routines_of_the_same_name_is_refused_naming_it(database_url) -> None:
    store = open_store(database_url)
    try:
        with pytest.raises(BadRequest) as refused:
            store.backups.restore(backup=parse_backup(twice()))
        assert str(refused.value) == (
            "the backup is damaged and cannot be restored: it holds two routines named 'morning'; nothing was changed"
        )
        assert (refused.value.detail or "").startswith("people[0].routines[2].name: ")
        assert rows(store.database.engine) == 0
    finally:
        store.close()


def test_a_clinic_client_restoring_two_routines_of_one_name_is_refused_and_keeps_nothing(database_url) -> None:
    store = open_store(database_url)
    try:
        carol = store.accounts.add(username="carol", password_hash="x", role="clinician", clinician_id=None, now=NOW)
        before = rows(store.database.engine)
        with pytest.raises(BadRequest, match="two routines named 'morning'"):
            store.backups.restore_person(person_id=carol.person_id, backup=parse_backup(twice()))
        assert rows(store.database.engine) == before
    finally:
        store.close()


def test_what_the_database_refuses_of_a_backup_past_the_checks_is_refused_as_damaged(
    database_url, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A uniqueness the checks before writing would not know of: refused in plain words all the same,
    with nothing written (the transaction rolls back), never a database error."""
    from supple.store.repositories import backups

    monkeypatch.setattr(backups, "_refuse_what_is_kept_once", lambda backup: None)
    backup = parse_backup(twice())
    store = open_store(database_url)
    try:
        with pytest.raises(BadRequest, match="damaged and cannot be restored"):
            store.backups.restore(backup=backup)
        assert rows(store.database.engine) == 0
    finally:
        store.close()


people_routines = st.lists(st.lists(st.sampled_from(["morning", "evening", "Morning", "morning "]), max_size=4),
                           min_size=1, max_size=2)  # fmt: skip


@settings(max_examples=30, deadline=None)
@given(names=people_routines)
def test_a_backup_is_restored_exactly_when_each_person_names_each_routine_once(names) -> None:
    document = a_backup()
    person, routine = document["people"][0], document["people"][0]["routines"][0]
    document["people"] = [{**person, "routines": [{**routine, "name": name} for name in theirs]} for theirs in names]
    with tempfile.TemporaryDirectory() as folder:
        db = fresh(Path(folder), "target.db")
        try:
            outcome = restore_or_refuse(db, document)
        finally:
            db.dispose()
    assert outcome == ("restored" if all(len(set(theirs)) == len(theirs) for theirs in names) else "refused")
