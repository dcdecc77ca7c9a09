"""`supple goal`: activities you find hard, rated 0-10 now and then (Patient-Specific Functional Scale)."""

from __future__ import annotations

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.parsing import Parser, flag, whole

SCORE = whole(0, 10)


def define(name: str, parser: Parser) -> None:
    add = parser.add_function("add", add_command)
    add.add_argument("activity", help="e.g. 'putting on socks'")
    add.add_argument("--score", type=SCORE, help="How well you can do it now.")
    rate = parser.add_function("rate", rate_command)
    rate.add_argument("goal_id", type=whole(), metavar="ID")
    rate.add_argument("score", type=SCORE, metavar="SCORE", help="0 unable ... 10 as before.")
    parser.add_function("drop", drop_command).add_argument("goal_id", type=whole(), metavar="ID")
    flag(parser.add_function("list", list_command), "--json", "as_json", "Print JSON.")


def add_command(*, activity: str, score: int | None) -> None:
    """Name an activity you find hard because of your back, hips or legs."""
    from supple.services.progress import add_activity

    goal = add_activity(command_context(), activity=activity, score=score)
    console().print(f"Following activity {goal.id}: {goal.activity}.")


def rate_command(*, goal_id: int, score: int) -> None:
    """Rate how well you can do an activity now."""
    from supple.services.progress import rate_activity

    rate_activity(command_context(), goal_id=goal_id, score=score)
    console().print("Noted.")


def drop_command(*, goal_id: int) -> None:
    """Stop following an activity (its ratings are kept)."""
    from supple.services.progress import drop_activity

    drop_activity(command_context(), goal_id=goal_id)


def list_command(*, as_json: bool) -> None:
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
