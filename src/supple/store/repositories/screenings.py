"""Each person's screenings, kept as a history: the latest one is clinic mode's safety gate (single-
person mode keeps the latest in SUPPLE_HOME too, files/screening_file.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select

from supple.safety.screen import Screening
from supple.store.database.engine import Database
from supple.store.database.prepared import Prepared
from supple.store.database.tables import ScreeningRow


@dataclass(frozen=True)
class StoredScreening:
    """A screening as kept: when, the verdict, the questions answered yes, and why it no longer
    counts (a "this hurts" since), if it does not."""

    taken_at: dt.datetime
    verdict: str
    answered_yes: tuple[str, ...]
    invalidated: str | None


# A StoredScreening's columns, in its order.
COLUMNS = (ScreeningRow.taken_at, ScreeningRow.verdict, ScreeningRow.answered_yes, ScreeningRow.invalidated)
LATEST = Prepared(
    select(*COLUMNS).where(ScreeningRow.person_id == bindparam("person_id")).order_by(ScreeningRow.id.desc()).limit(1)
)


def stored_screening(columns: Sequence[Any] | None) -> StoredScreening | None:
    """COLUMNS read as a StoredScreening; None for no row, or for NULLs (none taken yet)."""
    if columns is None or columns[0] is None:
        return None
    taken_at, verdict, answered_yes, invalidated = columns
    return StoredScreening(taken_at, verdict, tuple(answered_yes), invalidated)


class Screenings:
    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, *, person_id: int, screening: Screening) -> int:
        with self.database.writing() as s:
            row = ScreeningRow(
                person_id=person_id, taken_at=screening.screened_at, verdict=screening.verdict,
                answered_yes=list(screening.answered_yes), invalidated=screening.invalidated,
            )  # fmt: skip
            s.add(row)
            s.flush()
            return row.id

    def invalidate_latest(self, *, person_id: int, reason: str) -> None:
        with self.database.writing() as s:
            latest = s.scalar(
                select(ScreeningRow)
                .where(ScreeningRow.person_id == person_id)
                .order_by(ScreeningRow.id.desc())
                .limit(1)
            )
            if latest is not None:
                latest.invalidated = reason

    def all(self, *, person_id: int) -> list[StoredScreening]:
        """Every screening of the person, oldest first."""
        query = (
            select(ScreeningRow.taken_at, ScreeningRow.verdict, ScreeningRow.answered_yes, ScreeningRow.invalidated)
            .where(ScreeningRow.person_id == person_id)
            .order_by(ScreeningRow.id)
        )
        with self.database.reading() as c:
            return [StoredScreening(row[0], row[1], tuple(row[2]), row[3]) for row in c.execute(query)]

    def latest(self, *, person_id: int) -> StoredScreening | None:
        """The person's latest screening; None before the first. Clinic mode's gate asks at every
        start of the player, so its statement is built once (bench/cpu_per_request.py)."""
        return stored_screening(self.database.first(LATEST, {"person_id": person_id}))
