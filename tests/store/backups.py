"""Backups for the tests and bench/properties.py: stores filled at random, the round trip, and damaged
backups made at random from a real one, with the promise for each: a clear refusal that changes
nothing, or a restore whose store exports again as strict JSON.

tests/store/test_backup.py and test_backup_faults.py run a few dozen of each in CI; bench/properties.py
runs thousands.
"""

from __future__ import annotations

import atexit
import copy
import datetime as dt
import functools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from supple.errors import BadRequest
from supple.session.results import FinishedSet, SideAnswer
from supple.store.database.engine import Database, make_engine
from supple.store.database.schema import upgrade
from supple.store.database.tables import Base
from supple.store.repositories import Store
from supple.store.repositories.backups import parse_backup, read_json

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)
# The store refuses what no database keeps in text: a NUL (PostgreSQL keeps none) and a lone
# surrogate ("\ud800", which JSON allows, is not Unicode text).
STORABLE = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))

times = st.integers(0, 10**7).map(lambda s: NOW + dt.timedelta(seconds=s, microseconds=s % 997))
pain = st.none() | st.integers(0, 10)
set_results = st.builds(
    FinishedSet,
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
    st.tuples(st.text(STORABLE, min_size=1, max_size=40), st.lists(st.tuples(times, st.integers(0, 10)), max_size=3)),
    max_size=3,
)


def fill(store: Store, sessions: Any, goals: Any) -> None:
    person = store.people.local_person(now=NOW)
    store.routines.save(person_id=person, name="morning", plan={"minutes": 10, "items": []}, now=NOW)
    shaped = {"minutes": 2, "items": [{"exercise": "cat-cow", "dose": {"reps": 8}, "note": "slowly"}], "note": "after"}
    store.routines.save(person_id=person, name="hips", plan=shaped, now=NOW, title="Hips, gently")
    store.routines.edit(person_id=person, name="hips", now=NOW, favourite=True)
    store.templates.add(clinician_id=person, title="A template", plan=shaped, now=NOW)
    for start, before, after, sets, sides, state in sessions:
        sid = store.sessions.open(person_id=person, plan={"items": [], "minutes": 5}, planned_seconds=300,
                                  pain_before=before, now=start)  # fmt: skip
        for result in sets:
            store.sessions.add_set(session_id=sid, result=result, now=start + dt.timedelta(seconds=30))
        for side in sides:
            answer = SideAnswer(exercise="pigeon-pose", tighter=side)  # type: ignore[arg-type]
            store.sessions.add_side_answer(session_id=sid, answer=answer, now=start)
        if state != "running":
            store.sessions.close(session_id=sid, state=state, pain_after=after, now=start + dt.timedelta(minutes=9))
    for activity, ratings in goals:
        gid = store.goals.add(person_id=person, activity=activity, now=NOW)
        for at, score in ratings:
            store.goals.rate(goal_id=gid, score=score, now=at)


def round_trip(tmp_path: Path, sessions: Any, goals: Any) -> None:
    """Export, import into an empty store, export again: the same document."""
    original, restored = fresh_store(tmp_path, "a.db"), fresh_store(tmp_path, "b.db")
    fill(original, sessions, goals)
    exported = read_json(json.dumps(original.backups.export(now=NOW)).encode())  # through a file's text
    assert restored.backups.restore(backup=parse_backup(exported)) == len(sessions)
    assert restored.backups.export(now=NOW) == exported
    original.close()
    restored.close()


# Values a damaged or hand-edited file may hold where something else belongs: huge and negative
# numbers (past a database's 64-bit integers), NaN and infinities (Python's json reads them),
# long and odd text, wrong shapes.
odd_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.sampled_from([2**63, -(2**63) - 1, 2**31])
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=300)
    | st.sampled_from(["", "2026-13-45", "2026-11-02T07:30:00", "9999-12-31T23:59:59+14:00", "\x00", "left"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


def a_backup() -> dict[str, Any]:
    """A real backup with a little of everything in it."""
    with tempfile.TemporaryDirectory() as folder:
        store = fresh_store(Path(folder), "source.db")
        sets = [
            FinishedSet(exercise="cat-cow", kind="reps", side=None, rep=1, seconds=64.0, planned_seconds=64, step=1)
        ]
        fill(store, [(NOW, 4, 2, sets, ["left"], "finished")], [("Climbing stairs", [(NOW, 4)])])
        data = store.backups.export(now=NOW)
        store.close()
    return data


@functools.cache
def _empty_database() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="supple-empty-store-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    engine = make_engine(f"sqlite:///{folder / 'empty.db'}")
    upgrade(engine)
    engine.dispose()
    return folder / "empty.db"


def fresh(folder: Path, name: str) -> Engine:
    """An empty, migrated SQLite database: a copy of one migrated once, as migrating costs half a
    second. Its engine, which bench/properties.py disposes of; fresh_store for its records."""
    shutil.copyfile(_empty_database(), folder / name)
    return make_engine(f"sqlite:///{folder / name}")


def fresh_store(folder: Path, name: str) -> Store:
    """The store of a fresh database (close it after)."""
    return store_of(fresh(folder, name))


def store_of(engine: Engine) -> Store:
    """The store over a database already migrated (closing it disposes of the engine)."""
    return Store(Database(engine))


@st.composite
def damaged(draw: st.DrawFn, backup: dict[str, Any]) -> dict[str, Any]:
    """The backup with one to three places changed: a value replaced, a key dropped or one added."""
    data = copy.deepcopy(backup)
    for _ in range(draw(st.integers(1, 3))):
        parent, key = draw(_place(data))
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "drop" and isinstance(parent, dict):
            parent.pop(key)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(odd_values)
        else:
            parent[key] = draw(odd_values)
    return data


@st.composite
def _place(draw: st.DrawFn, data: Any) -> tuple[Any, Any]:
    """A container in the document and one of its keys (or indexes), anywhere down the tree."""
    parent, key = data, draw(st.sampled_from(sorted(data)))
    while isinstance(parent[key], dict | list) and parent[key] and draw(st.booleans()):
        parent = parent[key]
        key = draw(st.sampled_from(sorted(parent) if isinstance(parent, dict) else range(len(parent))))
    return parent, key


def rows(db: Engine) -> int:
    with Session(db) as s:
        return sum(s.scalar(select(func.count()).select_from(table)) or 0 for table in Base.metadata.sorted_tables
                   if table.name != "alembic_version")  # fmt: skip


def restore_or_refuse(db: Engine, document: dict[str, Any]) -> str:
    """Restore a document through a file's text; 'restored' or 'refused', else AssertionError."""
    text = json.dumps(document)  # NaN and Infinity as Python writes them
    before = rows(db)
    store = store_of(db)
    try:
        store.backups.restore(backup=parse_backup(read_json(text.encode())))
    except BadRequest as refusal:
        assert str(refusal).strip() and "Traceback" not in str(refusal), "an unclear refusal"
        assert rows(db) == before, "a refused backup changed the store"
        return "refused"
    exported = store.backups.export(now=NOW)
    json.dumps(exported, allow_nan=False)  # what the web app sends must be strict JSON
    return "restored"
