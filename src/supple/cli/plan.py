"""`supple plan`: a routine for what bothers you, in the time you have."""

from __future__ import annotations

from typing import Annotated

import typer

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.options import (
    AckCaution,
    AvoidPositions,
    Conditions,
    Equipment,
    Minutes,
    NewToStretching,
    NoFloor,
    PainToday,
    WarmedUp,
    plan_request,
)  # fmt: skip


def plan_command(
    conditions: Conditions = None,
    minutes: Minutes = None,
    equipment: Equipment = None,
    avoid_positions: AvoidPositions = None,
    no_floor: NoFloor = False,
    warmed_up: WarmedUp = False,
    new_to_stretching: NewToStretching = False,
    pain_today: PainToday = None,
    ack_caution: AckCaution = False,
    save: Annotated[
        str | None, typer.Option("--save", metavar="NAME", help="Save the routine under this name.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan's JSON.")] = False,
) -> None:
    """Build a routine: warm-up first, then the stretches that best cover what bothers you."""
    from supple.services.planning import make_plan

    request = plan_request(
        conditions, minutes, equipment, avoid_positions, no_floor, warmed_up, new_to_stretching, pain_today
    )
    context = command_context()
    plan = make_plan(context, request=request, ack_caution=ack_caution)
    if save:
        from supple.services.routines import save_routine  # saving opens the database; planning does not

        save_routine(context, name=save, plan=plan)
    if as_json:
        write_json(plan.to_json())
        return
    from supple.cli.plan_view import render_plan  # Rich: only for the terminal, not for --json

    out = console()
    out.print(render_plan(context.content.catalog(), plan))
    if save:
        out.print(f"Saved as {save}: `supple go --routine {save}` runs it (plain `supple go` runs the latest).")
