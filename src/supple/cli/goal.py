"""`supple goal`: activities you find hard, rated 0-10 now and then (Patient-Specific Functional Scale)."""

from __future__ import annotations

from typing import Annotated

import typer

from supple.cli.console import console, write_json
from supple.cli.context import command_context

app = typer.Typer(
    help="Activities you find hard, rated 0 (unable) to 10 (as before) now and then: up to three.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
Score = Annotated[int, typer.Argument(min=0, max=10, metavar="SCORE", help="0 unable ... 10 as before.")]


@app.command("add")
def add_command(
    activity: Annotated[str, typer.Argument(help="e.g. 'putting on socks'")],
    score: Annotated[int | None, typer.Option("--score", min=0, max=10, help="How well you can do it now.")] = None,
) -> None:
    """Name an activity you find hard because of your back, hips or legs."""
    from supple.services.progress import add_activity

    goal = add_activity(command_context(), activity=activity, score=score)
    console().print(f"Following activity {goal.id}: {goal.activity}.")


@app.command("rate")
def rate_command(goal_id: Annotated[int, typer.Argument(metavar="ID")], score: Score) -> None:
    """Rate how well you can do an activity now."""
    from supple.services.progress import rate_activity

    rate_activity(command_context(), goal_id=goal_id, score=score)
    console().print("Noted.")


@app.command("drop")
def drop_command(goal_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Stop following an activity (its ratings are kept)."""
    from supple.services.progress import drop_activity

    drop_activity(command_context(), goal_id=goal_id)


@app.command("list")
def list_command(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The activities you follow, with their ratings."""
    from supple.services.progress import activities

    goals = activities(command_context())
    if as_json:
        write_json([
            {"id": g.id, "activity": g.activity, "ratings": [{"at": at.isoformat(), "score": s} for at, s in g.ratings]}
            for g in goals
        ])  # fmt: skip
        return
    out = console()
    if not goals:
        out.print("No activities yet: `supple goal add 'putting on socks' --score 4`.")
    for g in goals:
        scores = " -> ".join(f"{score} ({at.astimezone():%d %b %Y})" for at, score in g.ratings) or "not rated yet"
        out.print(f"{g.id}. {g.activity}: {scores}")
