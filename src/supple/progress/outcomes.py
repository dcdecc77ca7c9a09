"""Pain, function and sides: what changed, and whether the change means something.

- Pain is rated 0-10 before and after each session. A change of 2 points or 30 % is taken as
  meaningful (the clinically important difference for 0-10 pain ratings: Farrar et al., Pain
  2001; also IMMPACT, Dworkin et al. 2008).
- Function uses the Patient-Specific Functional Scale (Stratford et al., Physiotherapy Canada
  1995; free to use): up to three activities the person names, each rated 0 (unable) to 10 (as
  before); a change of 2 points in the average is taken as meaningful.
- Sides: "one side is often tighter" (principle one-side-tighter); the side answered tighter
  more often, over at least two answers, is the tighter one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from supple.planner.expand import Side
from supple.progress.history import GoalRecord, SessionRecord

PAIN_POINTS = 2
PAIN_SHARE = 0.3
PSFS_POINTS = 2.0
PSFS_MAX_ACTIVITIES = 3
SIDE_MIN_ANSWERS = 2


def meaningful_pain_change(before: int, after: int) -> bool:
    change = abs(after - before)
    return change >= PAIN_POINTS or (before > 0 and change / before >= PAIN_SHARE)


@dataclass(frozen=True)
class PainPoint:
    when: dt.datetime
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def meaningful(self) -> bool:
        return self.before is not None and self.after is not None and meaningful_pain_change(self.before, self.after)


def pain_points(sessions: Sequence[SessionRecord]) -> list[PainPoint]:
    return [
        PainPoint(s.started_at, s.pain_before, s.pain_after)
        for s in sessions
        if s.pain_before is not None or s.pain_after is not None
    ]


@dataclass(frozen=True)
class PainTrend:
    first: int | None  # the first "before" rating in the period
    latest: int | None
    meaningful: bool
    direction: str  # better | worse | steady | unknown


def pain_trend(sessions: Sequence[SessionRecord]) -> PainTrend:
    """From the first to the latest pain rating before a session: the day-to-day level."""
    ratings = [s.pain_before for s in sessions if s.pain_before is not None]
    if len(ratings) < 2:
        return PainTrend(ratings[0] if ratings else None, ratings[0] if ratings else None, False, "unknown")
    first, latest = ratings[0], ratings[-1]
    meaningful = meaningful_pain_change(first, latest)
    direction = "steady" if not meaningful else ("better" if latest < first else "worse")
    return PainTrend(first, latest, meaningful, direction)


@dataclass(frozen=True)
class FunctionScore:
    activities: int
    first: float | None  # the average of each activity's first rating
    latest: float | None

    @property
    def change(self) -> float | None:
        return None if self.first is None or self.latest is None else round(self.latest - self.first, 1)

    @property
    def meaningful(self) -> bool:
        return self.change is not None and abs(self.change) >= PSFS_POINTS


def function_score(goals: Sequence[GoalRecord]) -> FunctionScore:
    rated = [g for g in goals if g.ratings][:PSFS_MAX_ACTIVITIES]
    if not rated:
        return FunctionScore(len(goals), None, None)
    first = sum(g.ratings[0][1] for g in rated) / len(rated)
    latest = sum(g.ratings[-1][1] for g in rated) / len(rated)
    return FunctionScore(len(goals), round(first, 1), round(latest, 1))


def side_tally(sessions: Sequence[SessionRecord]) -> dict[str, dict[str, int]]:
    """Per stretch, how often each answer (left, right, same) was given, by stretch id."""
    counts: dict[str, dict[str, int]] = {}
    for session in sessions:
        for answer in session.sides:
            tally = counts.setdefault(answer.exercise, {"left": 0, "right": 0, "same": 0})
            tally[answer.tighter] = tally.get(answer.tighter, 0) + 1
    return {exercise: counts[exercise] for exercise in sorted(counts)}


def tighter_sides(sessions: Sequence[SessionRecord]) -> dict[str, Side]:
    """Per stretch, the side more often answered tighter ("left" or "right"); even ones are left out."""
    result: dict[str, Side] = {}
    for exercise, tally in side_tally(sessions).items():
        if sum(tally.values()) >= SIDE_MIN_ANSWERS and tally["left"] != tally["right"]:
            side: Side = "left" if tally["left"] > tally["right"] else "right"
            if tally[side] > tally["same"]:
                result[exercise] = side
    return result
