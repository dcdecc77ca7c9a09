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


def _points(change: float) -> str:
    size = abs(change)
    shown = f"{size:g}" if size != int(size) else str(int(size))
    return f"{shown} point{'' if size == 1 else 's'}"


def _compared(change: float, meaningful: bool) -> str:
    """ "2 points lower, a change you would notice", "about the same"."""
    if not change:
        return "the same"
    said = f"{_points(change)} {'lower' if change < 0 else 'higher'}"
    return f"{said}, a change you would notice" if meaningful else f"{said}, a small change"


def _day(moment: dt.datetime) -> str:
    return f"{moment.day} {moment:%b}"


@dataclass(frozen=True)
class PainTrend:
    """Pain over time: the rating before the first session and before the latest, so that like is
    compared with like (how the day starts, not the relief just after stretching)."""

    first: int | None  # the first "before" rating
    latest: int | None  # the latest "before" rating
    meaningful: bool
    direction: str  # better | worse | steady | unknown
    first_at: dt.datetime | None = None
    latest_at: dt.datetime | None = None
    ratings: int = 0  # how many sessions were rated before

    @property
    def words(self) -> str | None:
        """In plain words, with what it compares; None without a rating before a session."""
        if self.first is None or self.first_at is None:
            return None
        if self.ratings < 2 or self.latest is None or self.latest_at is None:
            return (
                f"Before your sessions: one rating so far ({self.first} on {_day(self.first_at)}); "
                "with a second, this compares them."
            )
        change = self.latest - self.first
        return (
            f"Before your sessions: {self.first} on {_day(self.first_at)}, {self.latest} on "
            f"{_day(self.latest_at)}: {_compared(change, self.meaningful)}."
        )


def pain_trend(sessions: Sequence[SessionRecord]) -> PainTrend:
    """From the first to the latest pain rating before a session: the day-to-day level."""
    rated = [(s.started_at, s.pain_before) for s in sessions if s.pain_before is not None]
    if not rated:
        return PainTrend(None, None, False, "unknown")
    (first_at, first), (latest_at, latest) = rated[0], rated[-1]
    if len(rated) < 2:
        return PainTrend(first, first, False, "unknown", first_at, first_at, 1)
    meaningful = meaningful_pain_change(first, latest)
    direction = "steady" if not meaningful else ("better" if latest < first else "worse")
    return PainTrend(first, latest, meaningful, direction, first_at, latest_at, len(rated))


@dataclass(frozen=True)
class PainInSessions:
    """Pain before and after the sessions rated both times: what a session changes."""

    sessions: int  # rated before and after
    average_change: float | None  # after minus before, on average (negative: lower after)
    latest: PainPoint | None  # the latest session rated both times

    @property
    def words(self) -> str | None:
        """In plain words, with what it compares; None without a session rated both times."""
        latest = self.latest
        if latest is None or latest.before is None or latest.after is None:
            return None
        said = (
            f"In your latest rated session ({_day(latest.when)}): {latest.before} before, {latest.after} after: "
            f"{_compared(latest.after - latest.before, latest.meaningful)}."
        )
        if self.sessions >= 2 and self.average_change is not None:
            change = self.average_change
            how = "the same" if not change else f"{_points(change)} {'lower' if change < 0 else 'higher'}"
            said += f" Over {self.sessions} sessions, pain after was {how} than before, on average."
        return said


def pain_in_sessions(sessions: Sequence[SessionRecord]) -> PainInSessions:
    both = [p for p in pain_points(sessions) if p.change is not None]
    if not both:
        return PainInSessions(0, None, None)
    average = round(sum(p.change or 0 for p in both) / len(both), 1)
    return PainInSessions(len(both), average, both[-1])


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
