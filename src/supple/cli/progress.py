"""`supple history` and `supple stats`: your sessions, and how the weeks are going."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supple.cli.console import console, write_json
from supple.cli.context import command_context

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def history_command(as_json: AsJson = False) -> None:
    """Every session: when, how it ended, sets done and skipped, pain before and after."""
    from supple.services.progress import session_history

    past = session_history(command_context())
    if as_json:
        write_json([s.to_json() for s in past])
        return
    from supple.cli.progress_view import history_table  # Rich: only for the terminal

    out = console()
    if not past:
        out.print("No sessions yet: `supple go` runs one.")
        return
    out.print(history_table(past))


def stats_command(
    as_json: AsJson = False,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=260, help="How many weeks to show.")] = 12,
    png: Annotated[Path | None, typer.Option("--png", metavar="FILE", help="Also draw the charts into a PNG.")] = None,
) -> None:
    """Sessions per week against the goal, streaks, a calendar, pain, sides and function."""
    from supple.services.progress import side_counts, stats

    context = command_context()
    report = stats(context, week_count=weeks)
    if png is not None:
        from supple.cli.charts import write_png  # matplotlib: only for --png

        write_png(report, side_counts(context), png)
    if as_json:
        write_json(report.to_json())
        return
    from supple.cli.progress_view import stats_view  # Rich: only for the terminal

    console().print(stats_view(report))
