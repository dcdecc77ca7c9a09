"""The catalogue on a terminal: a table of exercises, and one exercise's card (Rich)."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from supple.catalog.dose import describe_dose
from supple.catalog.models import Catalog, Exercise, Term


def _labels(ids: tuple[str, ...], terms: Mapping[str, Term]) -> str:
    return ", ".join(terms[i].label if i in terms else i for i in ids)


def exercise_table(catalog: Catalog, exercises: list[Exercise]) -> RenderableType:
    vocabulary = catalog.vocabulary
    table = Table(title=f"{len(exercises)} exercises", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    # Ratios keep the table readable on an 80-column terminal: the long lists get the room.
    table.add_column("Exercise", ratio=5, overflow="fold")
    table.add_column("Position", ratio=3)
    table.add_column("Kind", ratio=3)
    table.add_column("Dose", ratio=3)
    table.add_column("Helps with", ratio=6)
    for exercise in exercises:
        name = Text(exercise.name)
        name.append(f"\n{exercise.id}", style="dim")
        table.add_row(
            name,
            Text(vocabulary.positions[exercise.position].label),
            Text(vocabulary.kinds[exercise.kind].label),
            Text(describe_dose(exercise.kind, exercise.dosage)),
            Text(_labels(exercise.helps_with, vocabulary.conditions) or "-"),
        )
    return table


def _bullets(items: tuple[str, ...], *, numbered: bool = False) -> RenderableType:
    # A two-column grid keeps wrapped lines aligned under the text, not under the marker.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="dim")
    grid.add_column()
    for number, item in enumerate(items, 1):
        grid.add_row(f"{number}." if numbered else "-", Text(item))
    return grid


def _facts(exercise: Exercise, catalog: Catalog) -> RenderableType:
    vocabulary = catalog.vocabulary
    dose = describe_dose(exercise.kind, exercise.dosage, with_rest=True)
    if exercise.dosage.hold_range_s:
        low, high = exercise.dosage.hold_range_s
        dose += f" (hold {low}-{high} s)"
    rows = [
        ("Dose", dose),
        ("Position", vocabulary.positions[exercise.position].label),
        ("Kind", vocabulary.kinds[exercise.kind].label),
        ("Level", f"{vocabulary.levels[exercise.level].label}: {vocabulary.levels[exercise.level].description}"),
        ("Targets", _labels(exercise.targets, vocabulary.muscles)),
        ("Helps with", _labels(exercise.helps_with, vocabulary.conditions) or "-"),
    ]
    equipment = exercise.equipment
    if equipment.required or equipment.optional:
        needed = _labels(equipment.required, vocabulary.equipment) or "nothing"
        optional = _labels(equipment.optional, vocabulary.equipment)
        rows.append(("Equipment", needed + (f" (optional: {optional})" if optional else "")))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in rows:
        grid.add_row(label, Text(value))
    return grid


def _sections(exercise: Exercise, catalog: Catalog) -> list[tuple[str, RenderableType]]:
    sections: list[tuple[str, RenderableType]] = [("Steps", _bullets(exercise.steps, numbered=True))]
    if exercise.cues:
        sections.append(("Cues", _bullets(exercise.cues)))
    if exercise.cautions:
        sections.append(("Cautions", _bullets(exercise.cautions)))
    for variation in exercise.variations:
        sections.append((f"Variation: {variation.name}", _bullets(variation.steps)))
    for link in ("easier", "harder"):
        ids: tuple[str, ...] = getattr(exercise, link)
        names = tuple(f"{catalog.exercises[i].name} ({i})" for i in ids if i in catalog.exercises)
        if names:
            sections.append((f"{link.capitalize()} alternatives", _bullets(names)))
    for source in exercise.sources:
        sections.append((f"Source: {source.title}", _bullets(source.facts)))
    return sections


def exercise_card(catalog: Catalog, exercise: Exercise) -> RenderableType:
    parts: list[RenderableType] = [Text(exercise.summary), Text(""), _facts(exercise, catalog)]
    for heading, body in _sections(exercise, catalog):
        parts += [Text(""), Text(heading, style="bold"), Padding(body, (0, 0, 0, 2))]
    return Panel(Group(*parts), title=Text(exercise.name, style="bold"), title_align="left")
