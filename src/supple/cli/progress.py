"""`supple history` and `supple stats`: your sessions, and how the weeks are going."""

from __future__ import annotations

from pathlib import Path

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.parsing import Parser, flag, whole


def define(name: str, parser: Parser) -> None:
    flag(parser, "--json", "as_json", "Print JSON.")
    if name == "stats":
        parser.runs(stats_command)
        parser.add_argument("--weeks", type=whole(1, 260), default=12, help="How many weeks to show.")
        parser.add_argument("--png", type=Path, metavar="FILE", help="Also draw the charts into a PNG.")
        return
    parser.runs(history_command)
    parser.add_argument(
        "--session", type=whole(1), metavar="ID", help="One session in detail: each exercise done, skipped or stopped."
    )
    parser.add_argument("--exercise", metavar="ID", help="One exercise over every session: its holds over time.")


def history_command(*, as_json: bool, session: int | None, exercise: str | None) -> None:
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


def stats_command(*, as_json: bool, weeks: int, png: Path | None) -> None:
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
