"""What a person has done, as progress reads it: past sessions with their sets and side answers,
pain ratings, and the activities they follow. Plain, immutable values that the store hands over."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Literal, NamedTuple

from supple.session.results import FinishedSet, SideAnswer


@dataclass(frozen=True)
class SessionRecord:
    id: int
    started_at: dt.datetime
    ended_at: dt.datetime | None
    state: str  # running | finished | quit | ended | interrupted
    planned_seconds: int
    pain_before: int | None
    pain_after: int | None
    sets: tuple[FinishedSet, ...] = ()
    sides: tuple[SideAnswer, ...] = ()
    # Totals worked out by the database, when the sets themselves are not loaded (stats over years)
    totals: tuple[float, bool] | None = None
    # The work the routine planned (holds, breaths, repetitions, warm-up; no rests or moves); None
    # when not known (progress/counting.py then takes the routine's whole time)
    planned_work_seconds: int | None = None

    @property
    def seconds_done(self) -> float:
        return self.totals[0] if self.totals is not None else sum(s.seconds for s in self.sets)

    def to_json(self, *, with_sets: bool = False) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "state": self.state,
            "planned_seconds": self.planned_seconds,
            "seconds_done": round(self.seconds_done, 1),
            "sets_done": sum(1 for s in self.sets if not s.skipped),
            "sets_skipped": sum(1 for s in self.sets if s.skipped),
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "hurt": sorted({s.exercise for s in self.sets if s.hurt}),
        }
        if with_sets:
            data["sets"] = [asdict(s) for s in self.sets]
            data["sides"] = [asdict(a) for a in self.sides]
        return data


class PainScore(NamedTuple):
    """A 0-10 pain rating the person gave: before or after a session, or at a "this hurts"."""

    at: dt.datetime
    score: int
    moment: Literal["before", "after", "hurt"]
    session_id: int
    exercise: str | None = None  # the exercise that hurt


class PainReport(NamedTuple):
    """A pain rating or a "this hurts" of one person, for a clinician's alerts (progress/alerts.py);
    unlike PainScore, a "this hurts" not rated is one too."""

    person_id: int
    at: dt.datetime
    score: int | None  # None: a "this hurts" without a rating
    moment: Literal["before", "after", "hurt"]
    exercise: str | None = None  # the exercise that hurt


@dataclass(frozen=True)
class GoalRecord:
    """A Patient-Specific Functional Scale activity, with its 0-10 ratings over time."""

    id: int
    activity: str
    created_at: dt.datetime
    ratings: tuple[tuple[dt.datetime, int], ...] = ()
