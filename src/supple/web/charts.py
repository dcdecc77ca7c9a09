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
from supple.progress.outcomes import PainPoint

WIDTH, HEIGHT, PAD = 320, 140, 24


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
    return WeeksChart(bars, _y(WEEKLY_GOAL, top), _y(WEEKLY_GOAL_HIGH, top), top)


@dataclass(frozen=True)
class PainChart:
    before: str  # SVG polyline points
    after: str
    dots: list[tuple[float, float, str]]  # x, y, kind (before | after)
    rows: list[PainPoint]
    width: int = WIDTH
    height: int = HEIGHT

    def y_of(self, value: int) -> float:
        return _y(value, 10)


def pain_over_time(points: Sequence[PainPoint], last: int = 20) -> PainChart:
    shown = list(points)[-last:]
    step = (WIDTH - 2 * PAD) / max(1, len(shown) - 1)
    lines: dict[str, list[str]] = {"before": [], "after": []}
    dots: list[tuple[float, float, str]] = []
    for i, point in enumerate(shown):
        x = round(PAD + i * step, 1)
        for kind, value in (("before", point.before), ("after", point.after)):
            if value is not None:
                lines[kind].append(f"{x},{_y(value, 10)}")
                dots.append((x, _y(value, 10), kind))
    return PainChart(" ".join(lines["before"]), " ".join(lines["after"]), dots, shown)


def calendar_weeks(days: set[dt.date], today: dt.date, weeks: int = 6) -> list[list[tuple[dt.date, bool, bool]]]:
    """Rows of Monday-to-Sunday: (day, stretched that day, in the future)."""
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    return [
        [(day, day in days, day > today) for day in (monday + dt.timedelta(days=7 * w + d) for d in range(7))]
        for w in range(weeks)
    ]
