"""Options that several commands share (`plan`, `go`, `handout`), declared once so they read and
document the same."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from supple.planner.request import PlanRequest

Conditions = Annotated[
    list[str] | None, typer.Option("--for", metavar="CONDITION", help="What bothers you (one or more condition ids).")
]
# The limits are the planner's own (planner/request.py); the help says them in words.
Minutes = Annotated[int | None, typer.Option("--minutes", min=1, help="How long you have, 3 to 90 minutes.")]
Equipment = Annotated[
    list[str] | None,
    typer.Option(
        "--equipment", metavar="E", help="What you have at hand, or `none` (default: pillow chair wall strap)."
    ),
]
AvoidPositions = Annotated[
    list[str] | None, typer.Option("--avoid-position", metavar="P", help="A position you can't or won't take.")
]
NoFloor = Annotated[bool, typer.Option("--no-floor", help="Nothing that gets down to the floor.")]
WarmedUp = Annotated[bool, typer.Option("--warmed-up", help="Skip the warm-up: you have just been active.")]
NewToStretching = Annotated[
    bool, typer.Option("--new", help="New to stretching: gentle exercises and shorter holds, nothing deep.")
]
PainToday = Annotated[
    int | None,
    typer.Option(
        "--pain", min=0, max=10, metavar="0-10", help="Your pain today, 0 none to 10 the worst; 4 or more: gentle."
    ),
]
AckCaution = Annotated[
    bool, typer.Option("--ack-caution", help="A professional has cleared you despite a caution in your screening.")
]
PlanFile = Annotated[
    Path | None, typer.Option("--plan", metavar="FILE", help="A routine file: a plan's JSON or a routine YAML.")
]
Routine = Annotated[
    str | None, typer.Option("--routine", metavar="NAME", help="A routine saved with `supple plan --save NAME`.")
]


def plan_request(
    conditions: list[str] | None,
    minutes: int | None,
    equipment: list[str] | None,
    avoid_positions: list[str] | None,
    no_floor: bool,
    warmed_up: bool,
    new_to_stretching: bool = False,
    pain_today: int | None = None,
) -> PlanRequest:
    """The plan request these options make; BadRequest when what bothers you or the time is missing."""
    from supple.errors import BadRequest
    from supple.planner.request import PlanRequest

    if not conditions or minutes is None:
        raise BadRequest("say what bothers you and how long you have: --for CONDITION ... --minutes N")
    return PlanRequest(
        conditions=tuple(conditions), minutes=minutes, equipment=tuple(equipment) if equipment is not None else None,
        avoid_positions=tuple(avoid_positions or ()), no_floor=no_floor, warmed_up=warmed_up,
        new_to_stretching=new_to_stretching, pain_today=pain_today,
    )  # fmt: skip
