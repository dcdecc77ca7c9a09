"""The progress page's charts, drawn as inline SVG by the templates from the shapes made here.

Not matplotlib (the CLI's --png uses it): these two charts are a few rectangles and a line, and
inline SVG takes the page's colours and fonts, scales to a phone, and carries a text alternative
(a <title> and a table) for screen readers, which matplotlib's SVG does not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from supple.progress.adherence import WEEKLY_GOAL, WEEKLY_GOAL_HIGH, Week
from supple.progress.exercise_history import ExerciseTime
from supple.progress.outcomes import PainPoint

WIDTH, HEIGHT, PAD = 320, 140, 24
BAR_MAX = 28
TICKS = 4  # dates along the bottom: the first, the last and two between


@dataclass(frozen=True)
class Tick:
    """A date under the chart, at x; `anchor` keeps the first and last inside the chart."""

    x: float
    text: str
    anchor: str  # start | middle | end


def _ticks(xs: Sequence[float], days: Sequence[dt.date]) -> list[Tick]:
    """Up to TICKS dates spread along the bottom; a day already shown is not shown again (several
    sessions on one day)."""
    if not xs:
        return []
    last = len(xs) - 1
    chosen = sorted({round(n * last / (TICKS - 1)) for n in range(TICKS)}) if last else [0]
    ticks: list[Tick] = []
    for i in chosen:
        text = f"{days[i].day} {days[i]:%b}"
        if ticks and ticks[-1].text == text:
            continue
        anchor = "start" if i == 0 and last else "end" if i == last and last else "middle"
        ticks.append(Tick(xs[i], text, anchor))
    return ticks


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the week, for the text alternative
    value: int
    on_goal: bool


@dataclass(frozen=True)
class WeeksChart:
    bars: list[Bar]
    goal_y: float  # the band of 3-5 sessions a week
    goal_high_y: float
    top: int
    ticks: list[Tick]  # the weeks' Mondays under their bars
    width: int = WIDTH
    height: int = HEIGHT


def _y(value: float, top: float) -> float:
    return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / top, 1)


def sessions_per_week(weeks: Sequence[Week]) -> WeeksChart:
    top = max([WEEKLY_GOAL_HIGH, *(w.sessions for w in weeks)])
    slot = (WIDTH - 2 * PAD) / max(1, len(weeks))
    bars = [
        Bar(
            x=round(PAD + i * slot + slot * 0.15, 1),
            y=_y(w.sessions, top),
            width=round(slot * 0.7, 1),
            height=round(HEIGHT - PAD - _y(w.sessions, top), 1),
            label=f"week of {w.start:%d %b}",
            value=w.sessions,
            on_goal=w.on_goal,
        )  # fmt: skip
        for i, w in enumerate(weeks)
    ]
    ticks = _ticks([bar.x + bar.width / 2 for bar in bars], [w.start for w in weeks])
    return WeeksChart(bars, _y(WEEKLY_GOAL, top), _y(WEEKLY_GOAL_HIGH, top), top, ticks)


@dataclass(frozen=True)
class PainChart:
    before: str  # SVG polyline points
    after: str
    dots: list[tuple[float, float, str]]  # x, y, kind (before | after)
    rows: list[PainPoint]
    ticks: list[Tick]  # the sessions' days under their points
    width: int = WIDTH
    height: int = HEIGHT

    def y_of(self, value: int) -> float:
        return _y(value, 10)


def pain_over_time(points: Sequence[PainPoint], last: int = 20) -> PainChart:
    shown = list(points)[-last:]
    step = (WIDTH - 2 * PAD) / max(1, len(shown) - 1)
    lines: dict[str, list[str]] = {"before": [], "after": []}
    dots: list[tuple[float, float, str]] = []
    xs = [round(PAD + i * step, 1) for i in range(len(shown))]
    for x, point in zip(xs, shown, strict=True):
        for kind, value in (("before", point.before), ("after", point.after)):
            if value is not None:
                lines[kind].append(f"{x},{_y(value, 10)}")
                dots.append((x, _y(value, 10), kind))
    ticks = _ticks(xs, [point.when.date() for point in shown])
    return PainChart(" ".join(lines["before"]), " ".join(lines["after"]), dots, shown, ticks)


@dataclass(frozen=True)
class ExerciseChart:
    """One exercise over its latest sessions: the longest hold of each (for a stretch held), or
    the seconds worked (for repetitions, breaths, pushes)."""

    bars: list[Bar]
    top: int
    holds: bool  # the bars are the longest holds
    ticks: list[Tick]  # each session's day under its bar
    width: int = WIDTH
    height: int = HEIGHT


def exercise_over_time(times: Sequence[ExerciseTime], last: int = 20) -> ExerciseChart:
    shown = list(times)[-last:]
    holds = any(time.done.longest_hold is not None for time in shown)
    values = [round(t.done.longest_hold or 0) if holds else round(t.done.seconds) for t in shown]
    top = max([10, *values])
    slot = (WIDTH - 2 * PAD) / max(1, len(shown))
    width = min(slot * 0.7, BAR_MAX)  # a session or two are not walls
    bars = [
        Bar(
            x=round(PAD + i * slot + (slot - width) / 2, 1),
            y=_y(value, top),
            width=round(width, 1),
            height=round(HEIGHT - PAD - _y(value, top), 1),
            label=f"{time.when.day} {time.when:%b %Y}",
            value=value,
            on_goal=not time.done.stopped_for_pain,
        )  # fmt: skip
        for i, (time, value) in enumerate(zip(shown, values, strict=True))
    ]
    ticks = _ticks([bar.x + bar.width / 2 for bar in bars], [time.when.date() for time in shown])
    return ExerciseChart(bars, top, holds, ticks)


def calendar_weeks(days: set[dt.date], today: dt.date, weeks: int = 6) -> list[list[tuple[dt.date, bool, bool]]]:
    """Rows of Monday-to-Sunday: (day, stretched that day, in the future)."""
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    return [
        [(day, day in days, day > today) for day in (monday + dt.timedelta(days=7 * w + d) for d in range(7))]
        for w in range(weeks)
    ]
