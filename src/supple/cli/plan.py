"""`supple plan`: a routine for what bothers you, in the time you have."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from supple.cli.options import AckCaution, AvoidPositions, Conditions, Equipment, Minutes, NoFloor, WarmedUp

if TYPE_CHECKING:
    from rich.console import RenderableType

    from supple.catalog.models import Catalog
    from supple.planner.plan import Plan


def plan_command(
    conditions: Conditions = None,
    minutes: Minutes = None,
    equipment: Equipment = None,
    avoid_positions: AvoidPositions = None,
    no_floor: NoFloor = False,
    warmed_up: WarmedUp = False,
    ack_caution: AckCaution = False,
    save: Annotated[
        str | None, typer.Option("--save", metavar="NAME", help="Save the routine under this name.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan's JSON.")] = False,
) -> None:
    """Build a routine: warm-up first, then the stretches that best cover what bothers you."""
    from supple import services
    from supple.cli.console import console, write_json
    from supple.config import Settings
    from supple.errors import BadRequest

    if not conditions or minutes is None:
        raise BadRequest("say what bothers you and how long you have: --for CONDITION ... --minutes N")
    settings = Settings.from_env()
    plan = services.make_plan(
        settings=settings,
        conditions=conditions,
        minutes=minutes,
        equipment=equipment,
        avoid_positions=avoid_positions or (),
        no_floor=no_floor,
        warmed_up=warmed_up,
        ack_caution=ack_caution,
    )
    if save:
        services.save_routine(settings=settings, name=save, plan=plan)
    if as_json:
        write_json(plan.to_json())
        return
    out = console()
    out.print(render_plan(services.catalog_for(settings=settings), plan))
    if save:
        out.print(f"Saved as {save}: `supple go --routine {save}` runs it (plain `supple go` runs the latest).")


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def render_plan(catalog: Catalog, plan: Plan) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from supple.catalog.dose import describe_dose

    vocabulary = catalog.vocabulary
    labels = {c: vocabulary.conditions[c].label.lower() for c in vocabulary.conditions}
    table = Table(box=None, padding=(0, 1), expand=True, show_header=True, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Exercise", ratio=4)
    table.add_column("Dose", ratio=3)
    table.add_column("Time", justify="right", no_wrap=True)
    table.add_column("Why", ratio=3)
    for number, item in enumerate(plan.items, 1):
        name = Text(item.exercise.name)
        name.append(f"\n{vocabulary.positions[item.exercise.position].label}", style="dim")
        for modification in item.modifications:
            name.append(f"\n{modification}", style="yellow")
        why = ", ".join(labels.get(c, c) for c in item.why) if item.why else "warm-up"
        table.add_row(
            str(number),
            name,
            Text(describe_dose(item.exercise.kind, item.dosage, with_rest=True)),
            _clock(item.seconds),
            Text(why),
        )
    covered = ", ".join(labels[c] for c in plan.conditions_covered) or "nothing"
    header = Text(f"Your routine: {_clock(plan.total_seconds)} of {plan.minutes} minutes, for {covered}", style="bold")
    parts: list[RenderableType] = [header, table]
    if plan.conditions_uncovered:
        parts.append(Text("Not covered: " + ", ".join(labels[c] for c in plan.conditions_uncovered), style="yellow"))
    for note in plan.notes:
        parts.append(Text(f"Note: {note}", style="dim"))
    parts.append(Text("Stop any stretch that hurts. A mild pull is right; pain is not.", style="italic"))
    return Group(*parts)
