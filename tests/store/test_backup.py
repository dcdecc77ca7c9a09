from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from supple.errors import BadRequest
from supple.session.engine import SetResult, SideAnswer
from supple.store import records
from supple.store.backup import export_data, import_data, parse_backup
from supple.store.db import make_engine, upgrade
from supple.store.tables import Person

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)
times = st.integers(0, 10**7).map(lambda s: NOW + dt.timedelta(seconds=s, microseconds=s % 997))
pain = st.none() | st.integers(0, 10)
set_results = st.builds(
    SetResult,
    exercise=st.sampled_from(["cat-cow", "pigeon-pose", "soleus-stretch"]),
    kind=st.sampled_from(["hold", "reps", "push", "breaths"]),
    side=st.none() | st.sampled_from(["left", "right"]),
    rep=st.none() | st.integers(1, 5),
    seconds=st.floats(0, 600, allow_nan=False).map(lambda x: round(x, 1)),
    planned_seconds=st.integers(0, 600),
    skipped=st.booleans(), hurt=st.booleans(), pain=pain, step=st.integers(0, 80),
)  # fmt: skip
sessions_data = st.lists(
    st.tuples(times, pain, pain, st.lists(set_results, max_size=6),
              st.lists(st.sampled_from(["left", "right", "same"]), max_size=2),
              st.sampled_from(["finished", "quit", "ended", "interrupted", "running"])),
    max_size=5,
)  # fmt: skip
goals_data = st.lists(
    st.tuples(st.text(min_size=1, max_size=40), st.lists(st.tuples(times, st.integers(0, 10)), max_size=3)), max_size=3
)


def fill(db, sessions, goals) -> None:
    person = records.local_person(db, now=NOW)
    records.save_routine(db, person_id=person, name="morning", plan={"minutes": 10, "items": []}, now=NOW)
    for start, before, after, sets, sides, state in sessions:
        sid = records.open_session(db, person_id=person, plan={"items": [], "minutes": 5}, planned_seconds=300,
                                   pain_before=before, now=start)  # fmt: skip
        for result in sets:
            records.add_set(db, session_id=sid, result=result, now=start + dt.timedelta(seconds=30))
        for side in sides:
            records.add_side_answer(db, session_id=sid, answer=SideAnswer("pigeon-pose", side), now=start)  # type: ignore[arg-type]
        if state != "running":
            records.close_session(
                db, session_id=sid, state=state, pain_after=after, now=start + dt.timedelta(minutes=9)
            )
    for activity, ratings in goals:
        gid = records.add_goal(db, person_id=person, activity=activity, now=NOW)
        for at, score in ratings:
            records.rate_goal(db, goal_id=gid, score=score, now=at)


def fresh(tmp_path, name: str):
    engine = make_engine(f"sqlite:///{tmp_path / name}")
    upgrade(engine)
    return engine


@settings(max_examples=25, deadline=None)
@given(sessions=sessions_data, goals=goals_data)
def test_a_backup_restored_into_an_empty_store_reproduces_it_exactly(sessions, goals) -> None:
    with tempfile.TemporaryDirectory() as folder:
        round_trip(Path(folder), sessions, goals)


def round_trip(tmp_path: Path, sessions, goals) -> None:
    original, copy = fresh(tmp_path, "a.db"), fresh(tmp_path, "b.db")
    fill(original, sessions, goals)
    exported = json.loads(json.dumps(export_data(original, now=NOW)))  # through a file's text
    assert import_data(copy, parse_backup(exported)) == len(sessions)
    assert export_data(copy, now=NOW) == exported
    original.dispose()
    copy.dispose()


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
