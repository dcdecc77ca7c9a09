"""Options that several commands share (`plan`, `go`, `handout`), declared once so they read and
document the same."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Conditions = Annotated[
    list[str] | None, typer.Option("--for", metavar="CONDITION", help="What bothers you (one or more condition ids).")
]
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
AckCaution = Annotated[
    bool, typer.Option("--ack-caution", help="A professional has cleared you despite a caution in your screening.")
]
PlanFile = Annotated[
    Path | None, typer.Option("--plan", metavar="FILE", help="A routine file: a plan's JSON or a routine YAML.")
]
Routine = Annotated[
    str | None, typer.Option("--routine", metavar="NAME", help="A routine saved with `supple plan --save NAME`.")
]
