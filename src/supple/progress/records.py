"""What the store hands to the progress functions: plain, immutable records of past sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, NamedTuple


class SetRecord(NamedTuple):  # a tuple: tens of thousands load fast (bench/README.md)
    exercise: str
    kind: str
    side: str | None
    rep: int | None
    seconds: float
    planned_seconds: int
    skipped: bool
    hurt: bool
    pain: int | None
    ended_at: dt.datetime | None = None  # not loaded for progress
    step: int = 0


class SideRecord(NamedTuple):
    exercise: str
    tighter: str  # left | right | same
    answered_at: dt.datetime


@dataclass(frozen=True)
class SessionRecord:
    id: int
    started_at: dt.datetime
    ended_at: dt.datetime | None
    state: str  # running | finished | quit | ended | interrupted
    planned_seconds: int
    pain_before: int | None
    pain_after: int | None
    sets: tuple[SetRecord, ...] = ()
    sides: tuple[SideRecord, ...] = ()
    # Totals worked out by the database, when the sets themselves are not loaded (stats over years)
    totals: tuple[float, bool] | None = None

    @property
    def seconds_done(self) -> float:
        return self.totals[0] if self.totals is not None else sum(s.seconds for s in self.sets)

    @property
    def counts(self) -> bool:
        """A session counts toward the habit when at least one set was done."""
        return self.totals[1] if self.totals is not None else any(not s.skipped for s in self.sets)

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
            data["sets"] = [
                {"step": s.step, "exercise": s.exercise, "kind": s.kind, "side": s.side, "rep": s.rep,
                 "seconds": s.seconds, "planned_seconds": s.planned_seconds, "skipped": s.skipped, "hurt": s.hurt,
                 "pain": s.pain}
                for s in self.sets
            ]  # fmt: skip
            data["sides"] = [{"exercise": a.exercise, "tighter": a.tighter} for a in self.sides]
        return data


class PainScore(NamedTuple):
    """A 0-10 pain rating the person gave: before or after a session, or at a "this hurts"."""

    at: dt.datetime
    score: int
    moment: Literal["before", "after", "hurt"]
    session_id: int
    exercise: str | None = None  # the exercise that hurt


@dataclass(frozen=True)
class GoalRecord:
    """A Patient-Specific Functional Scale activity, with its 0-10 ratings over time."""

    id: int
    activity: str
    created_at: dt.datetime
    ratings: tuple[tuple[dt.datetime, int], ...] = ()
