"""A plan on a terminal: the routine's table with doses, times and why (Rich)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from supple.catalog.dose import describe_dose
from supple.catalog.models import Catalog
from supple.planner.plan import Plan


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def render_plan(catalog: Catalog, plan: Plan) -> RenderableType:
    vocabulary = catalog.vocabulary
    labels = {c: vocabulary.conditions[c].label.lower() for c in vocabulary.conditions}
    table = Table(box=None, padding=(0, 1), expand=True, show_header=True, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Exercise", ratio=4)
    table.add_column("Dose", ratio=3)
    table.add_column("Time", justify="right", no_wrap=True)
    table.add_column("Why", ratio=5)
    for number, item in enumerate(plan.items, 1):
        name = Text(item.exercise.name)
        name.append(f"\n{vocabulary.positions[item.exercise.position].label}", style="dim")
        for modification in item.modifications:
            name.append(f"\n{modification}", style="yellow")
        # which muscle it works and why that matters, in words; the conditions alone for an older plan
        why = "\n".join(item.reasons) or (", ".join(labels.get(c, c) for c in item.why) if item.why else "warm-up")
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
