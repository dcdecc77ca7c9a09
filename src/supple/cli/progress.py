"""`supple history` and `supple stats`: your sessions, and how the weeks are going."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supple.cli.console import console, write_json
from supple.cli.context import command_context

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


SessionOption = Annotated[
    int | None,
    typer.Option(
        "--session", metavar="ID", min=1, help="One session in detail: each exercise done, skipped or stopped."
    ),
]
ExerciseOption = Annotated[
    str | None, typer.Option("--exercise", metavar="ID", help="One exercise over every session: its holds over time.")
]


def history_command(as_json: AsJson = False, session: SessionOption = None, exercise: ExerciseOption = None) -> None:
    """Every session: its id, when, how it ended, sets done and skipped, pain before and after."""
    if session is not None and exercise is not None:
        from supple.errors import BadRequest

        raise BadRequest("ask for one session or one exercise, not both")
    if session is not None:
        _one_session(session, as_json)
    elif exercise is not None:
        _one_exercise(exercise, as_json)
    else:
        _every_session(as_json)


def _every_session(as_json: bool) -> None:
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


def _one_session(session_id: int, as_json: bool) -> None:
    from supple.services.history import session_detail

    context = command_context()
    detail = session_detail(context, session_id=session_id)
    if as_json:
        write_json(detail.to_json())
        return
    from supple.cli.progress_view import session_view

    console().print(session_view(detail, context.content.catalog()))


def _one_exercise(exercise_id: str, as_json: bool) -> None:
    from supple.services.history import exercise_detail

    context = command_context()
    detail = exercise_detail(context, exercise_id=exercise_id)
    if as_json:
        write_json(detail.to_json())
        return
    from supple.cli.progress_view import exercise_view

    console().print(exercise_view(detail, context.content.catalog()))


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
