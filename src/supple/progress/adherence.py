"""Adherence: sessions per week against the goal, streaks, minutes per week and per body area.

The goal is the principle `how-often` (principles.yaml): at least three to five sessions a
week. A week is on goal from three sessions that count (progress/counting.py: a real part of the
routine done, not a session stopped after a minute).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from supple.progress.counting import counts
from supple.progress.history import SessionRecord

WEEKLY_GOAL = 3  # the low end of "three to five times a week" (principle how-often)
WEEKLY_GOAL_HIGH = 5


@dataclass(frozen=True)
class Week:
    start: dt.date  # the Monday
    sessions: int
    minutes: float

    @property
    def on_goal(self) -> bool:
        return self.sessions >= WEEKLY_GOAL


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _local_day(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.date:
    return moment.astimezone(zone).date()


def weeks(
    sessions: Sequence[SessionRecord], *, today: dt.date, count: int = 12, zone: dt.tzinfo | None = None
) -> list[Week]:
    """The last `count` weeks (oldest first, this week last), each with its sessions that count
    and the minutes of work done in all of them."""
    this_week = monday(today)
    starts = [this_week - dt.timedelta(weeks=n) for n in range(count - 1, -1, -1)]
    tally = {start: [0, 0.0] for start in starts}
    for session in sessions:
        start = monday(_local_day(session.started_at, zone))
        if start in tally:
            # every minute done is stretching done; only a session that counts is one toward the goal
            tally[start][0] += 1 if counts(session) else 0
            tally[start][1] += session.seconds_done / 60
    return [Week(start, int(tally[start][0]), round(tally[start][1], 1)) for start in starts]


def streaks(sessions: Sequence[SessionRecord], *, today: dt.date, zone: dt.tzinfo | None = None) -> tuple[int, int]:
    """(current, best) runs of consecutive weeks on goal. This week, still under way, adds to
    the current run once it is on goal but never breaks it."""
    if not sessions:
        return 0, 0
    first = monday(min(_local_day(s.started_at, zone) for s in sessions))
    count = (monday(today) - first).days // 7 + 1
    history = weeks(sessions, today=today, count=count, zone=zone)
    best = run = 0
    for week in history:
        run = run + 1 if week.on_goal else 0
        best = max(best, run)
    current = 0
    for index, week in enumerate(reversed(history)):
        if week.on_goal:
            current += 1
        elif index:  # a past week off goal ends the run; this week may still get there
            break
    return current, best


def session_days(sessions: Sequence[SessionRecord], *, zone: dt.tzinfo | None = None) -> set[dt.date]:
    """Days with a session that counts: for a calendar."""
    return {_local_day(s.started_at, zone) for s in sessions if counts(s)}


def minutes_by_area(seconds_by_exercise: Mapping[str, float], area_of: Mapping[str, str]) -> dict[str, float]:
    """Minutes of work per body area (an exercise's area is that of its main target muscle),
    from the seconds done per exercise (which the store sums)."""
    minutes: dict[str, float] = {}
    for exercise, seconds in seconds_by_exercise.items():
        area = area_of.get(exercise, "other")
        minutes[area] = minutes.get(area, 0.0) + seconds / 60
    return {area: round(value, 1) for area, value in sorted(minutes.items())}
