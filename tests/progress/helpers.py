from __future__ import annotations

import datetime as dt

from supple.progress.records import SessionRecord, SetRecord, SideRecord

MONDAY = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)  # a Monday


def a_session(
    day: int,
    *,
    minutes: float = 10,
    pain: tuple[int | None, int | None] = (None, None),
    hurt: str | None = None,
    sides: tuple[tuple[str, str], ...] = (),
    exercise: str = "pigeon-pose",
    number: int = 0,
    done: bool = True,
) -> SessionRecord:
    """A session `day` days after MONDAY, with one set of `minutes`."""
    start = MONDAY + dt.timedelta(days=day)
    sets = [SetRecord(exercise, "hold", "left", 1, minutes * 60, 30, not done, False, None, start)]
    if hurt:
        sets.append(SetRecord(hurt, "hold", "left", 2, 5, 30, True, True, 6, start))
    answers = tuple(SideRecord(e, side, start) for e, side in sides)
    return SessionRecord(number or day + 1, start, start, "finished", 600, pain[0], pain[1], tuple(sets), answers)
