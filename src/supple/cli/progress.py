"""`supple history` and `supple stats`: your sessions, and how the weeks are going."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import RenderableType

    from supple.progress.records import SessionRecord
    from supple.services.progress import Stats

SPARKS = "▁▂▃▄▅▆▇█"
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def history_command(as_json: AsJson = False) -> None:
    """Every session: when, how it ended, sets done and skipped, pain before and after."""
    from supple.cli.console import console, write_json
    from supple.config import Settings
    from supple.services.progress import session_history

    past = session_history(settings=Settings.from_env())
    if as_json:
        write_json([s.to_json() for s in past])
        return
    out = console()
    if not past:
        out.print("No sessions yet: `supple go` runs one.")
        return
    out.print(history_table(past))


def history_table(past: list[SessionRecord]) -> RenderableType:
    from rich.table import Table

    from supple.progress.outcomes import meaningful_pain_change

    table = Table(box=None, header_style="bold", padding=(0, 1))
    for column in ("When", "How it ended", "Done", "Sets", "Pain"):
        table.add_column(column)
    for s in past:
        pain = ""
        if s.pain_before is not None and s.pain_after is not None:
            mark = " *" if meaningful_pain_change(s.pain_before, s.pain_after) else ""
            pain = f"{s.pain_before} -> {s.pain_after}{mark}"
        sets = f"{sum(1 for x in s.sets if not x.skipped)} done, {sum(1 for x in s.sets if x.skipped)} skipped"
        when = s.started_at.astimezone().strftime("%a %d %b %Y %H:%M")
        done = f"{s.seconds_done / 60:.0f} of {s.planned_seconds / 60:.0f} min"
        table.add_row(when, s.state, done, sets, pain)
    table.caption = "* a meaningful change in pain (2 points or 30 %)"
    return table


def stats_command(
    as_json: AsJson = False,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=260, help="How many weeks to show.")] = 12,
    png: Annotated[Path | None, typer.Option("--png", metavar="FILE", help="Also draw the charts into a PNG.")] = None,
) -> None:
    """Sessions per week against the goal, streaks, a calendar, pain, sides and function."""
    from supple.cli.console import console, write_json
    from supple.config import Settings
    from supple.services.progress import stats

    settings = Settings.from_env()
    report = stats(settings=settings, week_count=weeks)
    if png is not None:
        from supple.cli.charts import write_png
        from supple.services.progress import side_counts

        write_png(report, side_counts(settings=settings), png)
    if as_json:
        write_json(report.to_json())
        return
    console().print(stats_view(report))


def sparkline(values: list[float], top: float | None = None) -> str:
    high = top if top is not None else max(values, default=0)
    if high <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, round(v / high * (len(SPARKS) - 1)))] for v in values)


def calendar(days: set[dt.date], today: dt.date, weeks: int = 6) -> str:
    """A week per line, Monday first: ■ a session, · none, and nothing after today."""
    start = today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)
    lines = ["      M T W T F S S"]
    for week in range(weeks):
        monday = start + dt.timedelta(weeks=week)
        cells = []
        for offset in range(7):
            day = monday + dt.timedelta(days=offset)
            cells.append(" " if day > today else ("■" if day in days else "·"))
        lines.append(f"{monday:%d %b} {' '.join(cells)}")
    return "\n".join(lines)


def stats_view(report: Stats) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from supple.progress.adherence import WEEKLY_GOAL, WEEKLY_GOAL_HIGH

    counts = [w.sessions for w in report.weeks]
    parts: list[RenderableType] = [
        Text(f"Sessions per week (goal {WEEKLY_GOAL}-{WEEKLY_GOAL_HIGH}), last {len(counts)} weeks", style="bold"),
        Text(f"  {sparkline([float(c) for c in counts], top=float(max(WEEKLY_GOAL_HIGH, *counts)))}  "
             f"this week {counts[-1]}, on goal {sum(w.on_goal for w in report.weeks)} of {len(counts)} weeks"),
        Text(f"Streak: {report.current_streak} week(s) on goal now, best {report.best_streak}.", style="bold"),
        Text(calendar(report.days, report.today)),
    ]  # fmt: skip
    if report.minutes_by_area:
        areas = ", ".join(f"{area} {minutes:g} min" for area, minutes in report.minutes_by_area.items())
        parts.append(Text(f"Last four weeks by area: {areas}"))
    if report.pain:
        before = [float(p.before) for p in report.pain if p.before is not None]
        trend = report.pain_trend
        if trend.direction == "unknown":
            summary = "one rating so far"
        else:
            meaningful = ", a meaningful change" if trend.meaningful else ""
            summary = f"{trend.first} -> {trend.latest}, {trend.direction}{meaningful}"
        parts.append(Text(f"Pain before sessions: {sparkline(before, top=10.0)}  ({summary})"))
    if report.tighter_sides:
        sides = ", ".join(f"{e}: {side}" for e, side in report.tighter_sides.items())
        parts.append(Text(f"Tighter side: {sides} (it gets one more hold)"))
    function = report.function
    if function.first is not None:
        mark = " (a meaningful change)" if function.meaningful else ""
        parts.append(Text(f"Your activities (0-10): {function.first} -> {function.latest}{mark}"))
    return Group(*parts)
