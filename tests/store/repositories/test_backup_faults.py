"""Random damage to a real backup: refused clearly with the store untouched, or restored cleanly."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.store.backups import a_backup, damaged, fresh, restore_or_refuse, rows

from supple.errors import BadRequest

BACKUP = a_backup()  # one real backup, damaged many ways


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(document=damaged(BACKUP))
def test_a_damaged_backup_is_refused_clearly_or_restored_cleanly(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = fresh(Path(folder), "target.db")
        try:
            assert restore_or_refuse(db, document) in ("restored", "refused")
        finally:
            db.dispose()


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("sessions", 0, "sets", 0, "step"), 2**63),
        (("sessions", 0, "sets", 0, "rep"), -(2**63) - 1),
        (("sessions", 0, "planned_seconds"), 10**30),
        (("goals", 0, "ratings", 0, 1), 2**64),
        (("sessions", 0, "sets", 0, "seconds"), float("inf")),
        (("sessions", 0, "sets", 0, "seconds"), float("nan")),
        (("sessions", 0, "plan"), {"minutes": float("nan")}),
        (("sessions", 0, "started_at"), "9999-12-31T23:59:59-14:00"),
        (("goals", 0, "activity"), "stairs\x00"),
        (("goals", 0, "activity"), "stairs\ud800"),
        (("sessions", 0, "plan"), {"minutes": 10, "notes": ["after your walk\x00"]}),
        (("sessions", 0, "plan"), {"minutes": 10, "items": [{"exercise\ud800": "cat-cow"}]}),
    ],
    ids=["step past 64 bits", "rep below 64 bits", "planned seconds huge", "rating score huge",
         "infinite seconds", "NaN seconds", "NaN inside a plan", "a time with no UTC", "a NUL in text",
         "a lone surrogate in text", "a NUL deep in a plan", "a lone surrogate in a plan's key"],
)  # fmt: skip
def test_numbers_no_database_or_json_can_hold_are_refused(tmp_path: Path, where: tuple[Any, ...], value: Any) -> None:
    document = copy.deepcopy(BACKUP)
    parent = document["people"][0]
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = value
    db = fresh(tmp_path, "target.db")
    assert restore_or_refuse(db, document) == "refused"
    db.dispose()


@pytest.mark.parametrize(
    "value", [2**31, "stairs\x00", "stairs\ud800"], ids=["past a 32-bit column", "a NUL in text", "a lone surrogate"]
)
def test_what_postgresql_cannot_keep_is_refused_before_it_is_written(database_url: str, value: Any) -> None:
    from supple.store.repositories import open_store
    from supple.store.repositories.backups import parse_backup

    document = copy.deepcopy(BACKUP)
    document["people"][0]["goals"][0]["ratings"][0][1] = value if isinstance(value, int) else 4
    document["people"][0]["goals"][0]["activity"] = value if isinstance(value, str) else "stairs"
    store = open_store(database_url)
    with pytest.raises(BadRequest, match="damaged and cannot be restored") as refused:
        store.backups.restore(backup=parse_backup(document))
    assert (refused.value.detail or "").startswith("people[0].goals[0].")
    assert rows(store.database.engine) == 0
    store.close()
