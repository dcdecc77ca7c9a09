"""History and progress on a terminal: the sessions' table, sparklines, a calendar, the stats (Rich)."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from supple.catalog.models import Catalog
from supple.progress.adherence import WEEKLY_GOAL, WEEKLY_GOAL_HIGH
from supple.progress.counting import counts
from supple.progress.exercise_history import ExerciseInSession
from supple.progress.history import SessionRecord
from supple.progress.outcomes import meaningful_pain_change
from supple.services.history import ExerciseDetail, SessionDetail
from supple.services.progress import Stats

OUTCOMES = {
    "done": "done", "partly": "partly done", "skipped": "skipped", "stopped": "stopped: it hurt",
    "passed-over": "not done", "not-reached": "not reached",
}  # fmt: skip
TIGHTER = {"left": "left", "right": "right", "same": "same", None: ""}

SPARKS = "▁▂▃▄▅▆▇█"


def history_table(past: list[SessionRecord]) -> RenderableType:
    table = Table(box=None, header_style="bold", padding=(0, 1))
    for column in ("Id", "When", "How it ended", "Done", "Sets", "Pain", "Counts"):
        table.add_column(column)
    for s in past:
        pain = ""
        if s.pain_before is not None and s.pain_after is not None:
            mark = " *" if meaningful_pain_change(s.pain_before, s.pain_after) else ""
            pain = f"{s.pain_before} -> {s.pain_after}{mark}"
        sets = f"{sum(1 for x in s.sets if not x.skipped)} done, {sum(1 for x in s.sets if x.skipped)} skipped"
        when = s.started_at.astimezone().strftime("%a %d %b %Y %H:%M")
        done = f"{s.seconds_done / 60:.0f} of {s.planned_seconds / 60:.0f} min"
        table.add_row(str(s.id), when, s.state, done, sets, pain, "yes" if counts(s) else "no")
    table.caption = (
        "* a meaningful change in pain (2 points or 30 %). A session counts toward the goal when at least "
        "half of its planned stretching, or 10 minutes of it, was done. `supple history --session ID` shows "
        "one session in detail."
    )
    return table


def _name(catalog: Catalog, exercise: str) -> str:
    return catalog.exercises[exercise].name if exercise in catalog.exercises else exercise


def _amount(done: ExerciseInSession) -> str:
    if not done.reached:
        return ""
    amount = f"{done.sets_done} done" + (f", {done.sets_skipped} skipped" if done.sets_skipped else "")
    if done.longest_hold is not None:
        amount += f", longest hold {done.longest_hold:.0f} s"
    return amount


def session_view(detail: SessionDetail, catalog: Catalog) -> RenderableType:
    """One session: how it ended, its pain, and each exercise done, skipped or stopped."""
    s = detail.record
    when = s.started_at.astimezone().strftime("%a %d %b %Y %H:%M")
    pain = " -> ".join("-" if p is None else str(p) for p in (s.pain_before, s.pain_after))
    counted = "counts" if detail.counted.counts else "does not count"
    minutes = f"{s.seconds_done / 60:.0f} of {s.planned_seconds / 60:.0f} min"
    head = Text(f"Session {s.id}, {when}: {s.state}, {minutes}, pain {pain}, {counted} ({detail.counted.why})")
    table = Table(box=None, header_style="bold", padding=(0, 1))
    for column in ("Exercise", "What happened", "Sets", "Pain", "Tighter side"):
        table.add_column(column)
    for done in detail.exercises:
        hurt = str(done.pain) if done.pain is not None else ""
        table.add_row(_name(catalog, done.exercise), OUTCOMES[done.outcome], _amount(done), hurt, TIGHTER[done.tighter])
    return Group(head, table)


def exercise_view(detail: ExerciseDetail, catalog: Catalog) -> RenderableType:
    """One exercise in each session that had it, oldest first, with a sparkline of its holds."""
    name = _name(catalog, detail.exercise)
    if not detail.times:
        return Text(f"{name}: not done yet.")
    table = Table(box=None, header_style="bold", padding=(0, 1))
    for column in ("Session", "When", "What happened", "Sets", "Tighter side"):
        table.add_column(column)
    for time in detail.times:
        when = time.when.astimezone().strftime("%a %d %b %Y")
        done = time.done
        table.add_row(str(time.session_id), when, OUTCOMES[done.outcome], _amount(done), TIGHTER[done.tighter])
    holds = [t.done.longest_hold or 0.0 for t in detail.times]
    line = f"Longest holds: {sparkline(holds)} ({holds[0]:.0f} s to {holds[-1]:.0f} s)" if any(holds) else ""
    return Group(
        Text(f"{name}, {len(detail.times)} session{'' if len(detail.times) == 1 else 's'}", style="bold"),
        table,
        Text(line),
    )


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
    counts = [w.sessions for w in report.weeks]
    parts: list[RenderableType] = [
        Text(f"Sessions per week (goal {WEEKLY_GOAL}-{WEEKLY_GOAL_HIGH}), last {len(counts)} weeks", style="bold"),
        Text(f"  {sparkline([float(c) for c in counts], top=float(max(WEEKLY_GOAL_HIGH, *counts)))}  "
             f"this week {counts[-1]}, on goal {sum(w.on_goal for w in report.weeks)} of {len(counts)} weeks"),
        Text(f"  weeks of {report.weeks[0].start:%d %b} to {report.weeks[-1].start:%d %b %Y}", style="dim"),
        Text(f"Weeks on goal in a row: {report.current_streak} now, {report.best_streak} at best.", style="bold"),
        Text("A session counts when at least half of its planned stretching, or 10 minutes of it, was done."),
        Text(calendar(report.days, report.today)),
    ]  # fmt: skip
    if report.minutes_by_area:
        areas = ", ".join(f"{area} {minutes:g} min" for area, minutes in report.minutes_by_area.items())
        parts.append(Text(f"Last four weeks by area: {areas}"))
    if report.pain:
        before = [float(p.before) for p in report.pain if p.before is not None]
        rated = [p.when for p in report.pain if p.before is not None]
        dates = f" ({rated[0].astimezone():%d %b} to {rated[-1].astimezone():%d %b %Y})" if rated else ""
        parts.append(Text(f"Pain before sessions: {sparkline(before, top=10.0)}{dates}"))
        for words in (report.pain_trend.words, report.pain_in_sessions.words):
            if words:
                parts.append(Text(f"  {words}"))
    if report.tighter_sides:
        sides = ", ".join(f"{e}: {side}" for e, side in report.tighter_sides.items())
        parts.append(Text(f"Tighter side: {sides} (it gets one more hold)"))
    function = report.function
    if function.first is not None:
        mark = " (a meaningful change)" if function.meaningful else ""
        parts.append(Text(f"Your activities (0-10): {function.first} -> {function.latest}{mark}"))
    return Group(*parts)
