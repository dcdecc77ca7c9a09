from __future__ import annotations

import datetime as dt

from supple.progress.history import SessionRecord
from supple.session.results import FinishedSet, SideAnswer

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
    planned_work: int | None = 600,
) -> SessionRecord:
    """A session `day` days after MONDAY, with one set of `minutes`."""
    start = MONDAY + dt.timedelta(days=day)
    sets = [
        FinishedSet(
            exercise=exercise,
            kind="hold",
            side="left",
            rep=1,
            seconds=minutes * 60 if done else 0.0,
            planned_seconds=30,
            skipped=not done,
            hurt=False,
            pain=None,
        )
    ]
    if hurt:
        sets.append(
            FinishedSet(
                exercise=hurt,
                kind="hold",
                side="left",
                rep=2,
                seconds=5,
                planned_seconds=30,
                skipped=True,
                hurt=True,
                pain=6,
            )
        )
    answers = tuple(SideAnswer(exercise=e, tighter=side) for e, side in sides)
    return SessionRecord(
        number or day + 1, start, start, "finished", 600, pain[0], pain[1], tuple(sets), answers,
        planned_work_seconds=planned_work,
    )  # fmt: skip
