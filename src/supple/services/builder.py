"""Shaping a routine by hand, for a person or for a clinician writing a client's routine
(docs/routines.md, "Shaping a routine"): each edit reads the routine, changes it with
session/builder.py under the safety rules of the person's own answers, and keeps it.

Whose routine: the person's own (`person_id`, None in single-person mode), or with `clinician_id`
one of that clinician's clients, checked first (anyone else's client is answered like nobody).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supple.catalog.dose import dose_ranges
from supple.catalog.models import Catalog, Exercise
from supple.errors import BadRequest, NotFound, UnsafeToStart
from supple.planner.plan import PlanItem
from supple.safety.models import Precaution
from supple.safety.rules import decide
from supple.services.clinic import client
from supple.services.routines import routine_name
from supple.services.screening import latest_screening, precautions_for
from supple.session import builder
from supple.session.builder import Routine, SwapChoice
from supple.session.routine import items_as_written

if TYPE_CHECKING:
    from supple.services.context import AppContext
    from supple.store.repositories.routines import SavedRoutine

MAX_TITLE = 200


@dataclass(frozen=True)
class EditedItem:
    """One exercise of a routine being shaped: as it is laid out, what it may change and within
    what range, and whether today's answers leave it out when the routine plays."""

    index: int
    item: PlanItem
    ranges: dict[str, tuple[int, int]]
    left_out: str  # why today's answers leave it out, or ""

    def value(self, field: str) -> int | None:
        found = getattr(self.item.dosage, field)
        return found if isinstance(found, int) else None


@dataclass(frozen=True)
class Editing:
    """A routine as its builder shows it."""

    name: str
    title: str
    favourite: bool
    draft: bool
    note: str
    items: tuple[EditedItem, ...]
    given_by: int | None

    @property
    def total_seconds(self) -> int:
        return sum(edited.item.seconds for edited in self.items)


@dataclass(frozen=True)
class Choice:
    """An exercise of the catalogue as the builder offers it: whether it may be added, and if not why."""

    exercise: Exercise
    refused: str  # why it may not be in this routine, or ""
    modifications: tuple[str, ...]


def whose(context: AppContext, *, person_id: int | None = None, clinician_id: int | None = None) -> int:
    """The person whose routine it is: the client, once checked to be the clinician's."""
    if clinician_id is not None:
        if person_id is None:
            raise NotFound("that is not one of your clients")
        return client(context, clinician_id=clinician_id, client_id=person_id).person_id
    return context.mode.person(person_id)


def precautions_of(context: AppContext, person: int) -> tuple[Precaution, ...]:
    """The precautions of the person's own latest answers; none at all while they report a warning sign."""
    screening = latest_screening(context, person_id=person)
    if screening is not None and screening.verdict == "stop":
        raise UnsafeToStart(
            "Nothing can be added while the safety check reports a warning sign: "
            f"{'; '.join(screening.reasons)}. {screening.advice}",
            topic=f"stop-{screening.urgency or 'emergency'}",
        )
    return tuple(precautions_for(context, screening=screening))


def routine_record(context: AppContext, person: int, name: str) -> SavedRoutine:
    found = context.store.routines.record(person_id=person, name=name)
    if found is None:
        raise NotFound("that routine is not among the saved ones (deleted, perhaps)")
    return found


def _editing(context: AppContext, found: SavedRoutine, plan: Routine, person: int) -> Editing:
    catalog = context.content.catalog()
    laid_out = items_as_written(plan, source=f"routine {found.title}", catalog=catalog)
    precautions = tuple(precautions_for(context, screening=latest_screening(context, person_id=person)))
    items = []
    for index, item in enumerate(laid_out):
        decision = decide(item.exercise, precautions)
        left_out = "; ".join(decision.reasons) if decision.status == "excluded" else ""
        ranges = dose_ranges(item.exercise.kind, item.exercise.dosage)
        items.append(EditedItem(index, item, ranges, left_out))
    note = str(plan.get("note") or "")
    return Editing(found.name, found.title, found.favourite, found.draft, note, tuple(items), found.given_by)


def routine_to_edit(
    context: AppContext, *, name: str, person_id: int | None = None, clinician_id: int | None = None
) -> Editing:
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    found = routine_record(context, person, name)
    return _editing(context, found, found.plan, person)


def _change(
    context: AppContext,
    name: str,
    person_id: int | None,
    clinician_id: int | None,
    change: Callable[[Routine, Catalog, tuple[Precaution, ...]], Routine],
    *,
    safety: bool = False,
) -> Editing:
    """Read the routine, change it, keep it with its time worked out again; `safety` when the change
    brings an exercise in, which the person's answers must allow."""
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    found = routine_record(context, person, name)
    catalog = context.content.catalog()
    changed = change(found.plan, catalog, precautions_of(context, person) if safety else ())
    laid_out = items_as_written(changed, source=f"routine {found.title}", catalog=catalog)
    changed["minutes"] = max(1, math.ceil(sum(item.seconds for item in laid_out) / 60))
    context.store.routines.edit(person_id=person, name=name, now=context.now(), plan=changed)
    context.plans_played.clear()
    return _editing(context, found, changed, person)


def add_exercise(
    context: AppContext,
    *,
    name: str,
    exercise_id: str,
    at: int | None = None,
    dose: dict[str, Any] | None = None,
    note: str = "",
    person_id: int | None = None,
    clinician_id: int | None = None,
) -> Editing:
    """Add an exercise (at the end, or at `at`: an undo puts a removed one back with its dose and note)."""

    def change(plan: Routine, catalog: Catalog, precautions: tuple[Precaution, ...]) -> Routine:
        return builder.add(
            plan, exercise_id, catalog=catalog, precautions=precautions, at=at, dose=dose, note=note
        )  # fmt: skip

    return _change(context, name, person_id, clinician_id, change, safety=True)


def remove_exercise(
    context: AppContext, *, name: str, index: int, person_id: int | None = None, clinician_id: int | None = None
) -> tuple[Editing, dict[str, Any]]:
    """Remove the exercise at `index`; gives back the exercise as it was, for an undo."""
    removed: list[dict[str, Any]] = []

    def change(plan: Routine, catalog: Catalog, precautions: tuple[Precaution, ...]) -> Routine:
        changed, item = builder.remove(plan, index)
        removed.append(item)
        return changed

    return _change(context, name, person_id, clinician_id, change), removed[0]


def move_exercise(
    context: AppContext,
    *,
    name: str,
    index: int,
    to: int,
    person_id: int | None = None,
    clinician_id: int | None = None,
) -> Editing:
    return _change(context, name, person_id, clinician_id, lambda plan, *_: builder.move(plan, index, to))


def set_exercise_dose(
    context: AppContext,
    *,
    name: str,
    index: int,
    changes: dict[str, int],
    person_id: int | None = None,
    clinician_id: int | None = None,
) -> Editing:
    """Change an exercise's sets, repetitions, hold, breaths or rest, each within its safe range
    (all or none: one out of range refuses them all, saying the range)."""

    def change(plan: Routine, catalog: Catalog, precautions: tuple[Precaution, ...]) -> Routine:
        for field, value in changes.items():
            plan = builder.set_dose(plan, index, field, value, catalog=catalog)
        return plan

    return _change(context, name, person_id, clinician_id, change)


def set_exercise_note(
    context: AppContext,
    *,
    name: str,
    index: int,
    text: str,
    person_id: int | None = None,
    clinician_id: int | None = None,
) -> Editing:
    return _change(context, name, person_id, clinician_id, lambda plan, *_: builder.set_note(plan, index, text))


def set_routine_note(
    context: AppContext, *, name: str, text: str, person_id: int | None = None, clinician_id: int | None = None
) -> Editing:
    return _change(context, name, person_id, clinician_id, lambda plan, *_: builder.set_routine_note(plan, text))


def swap_exercise(
    context: AppContext,
    *,
    name: str,
    index: int,
    exercise_id: str,
    person_id: int | None = None,
    clinician_id: int | None = None,
) -> Editing:
    def change(plan: Routine, catalog: Catalog, precautions: tuple[Precaution, ...]) -> Routine:
        return builder.swap(plan, index, exercise_id, catalog=catalog, precautions=precautions)

    return _change(context, name, person_id, clinician_id, change, safety=True)


def swap_choices(
    context: AppContext, *, name: str, index: int, person_id: int | None = None, clinician_id: int | None = None
) -> list[SwapChoice]:
    """A short list of what could take the place of the exercise at `index`, each with its reasons."""
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    found = routine_record(context, person, name)
    catalog, precautions = context.content.catalog(), precautions_of(context, person)
    return builder.swap_choices(found.plan, index, catalog=catalog, precautions=precautions)


def exercise_choices(
    context: AppContext,
    *,
    name: str,
    search: str = "",
    area: str | None = None,
    position: str | None = None,
    kind: str | None = None,
    equipment: str | None = None,
    person_id: int | None = None,
    clinician_id: int | None = None,
) -> list[Choice]:
    """The catalogue's exercises matching a search (name or alias) and filters, each saying whether
    it may go into this routine for this person, and if not why."""
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    found = routine_record(context, person, name)
    catalog = context.content.catalog()
    precautions = precautions_of(context, person)
    words = search.casefold().split()
    choices = []
    for exercise in sorted(catalog, key=lambda e: e.name.casefold()):
        labels = " ".join((exercise.name, *exercise.aliases)).casefold()
        areas = {catalog.vocabulary.muscles[m].area for m in exercise.targets if m in catalog.vocabulary.muscles}
        if (
            any(word not in labels for word in words)
            or (area and area not in areas)
            or (position and exercise.position != position)
            or (kind and exercise.kind != kind)
            or (equipment and equipment not in (*exercise.equipment.required, *exercise.equipment.optional))
        ):
            continue
        try:
            modifications = builder.check_allowed(
                exercise, routine=found.plan, catalog=catalog, precautions=precautions
            )
        except UnsafeToStart as refused:
            choices.append(Choice(exercise, str(refused).split(": ", 1)[-1].rstrip("."), ()))
            continue
        choices.append(Choice(exercise, "", modifications))
    return choices


def _title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise BadRequest("give the routine a title, with at least one letter or digit")
    if len(title) > MAX_TITLE:
        raise BadRequest(f"a routine's title is at most {MAX_TITLE} characters")
    return title


def _free_name(context: AppContext, person: int, title: str) -> str:
    """A key for links made from the title, not yet taken among the person's routines."""
    base = routine_name(title)[:56].strip("-_") or "routine"
    taken = {r.name for r in context.store.routines.listed(person_id=person, drafts=True)}
    return next(n for n in (base, *(f"{base}-{i}" for i in range(2, 10_000))) if n not in taken)


def new_routine(
    context: AppContext,
    *,
    title: str,
    plan: Routine | None = None,
    person_id: int | None = None,
    clinician_id: int | None = None,
) -> str:
    """Start a routine (empty, or with a plan's JSON) under a title; gives its name for links. A
    clinician's routine for a client is a draft until given (give_routine)."""
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    clean = _title(title)
    name = _free_name(context, person, clean)
    context.store.routines.save(
        person_id=person, name=name, plan=plan or builder.empty_routine(), now=context.now(), title=clean,
        given_by=clinician_id, draft=clinician_id is not None,
    )  # fmt: skip
    return name


def rename_routine(
    context: AppContext, *, name: str, title: str, person_id: int | None = None, clinician_id: int | None = None
) -> None:
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    if not context.store.routines.edit(person_id=person, name=name, now=context.now(), title=_title(title)):
        raise NotFound("that routine is not among the saved ones (deleted, perhaps)")


def duplicate_routine(
    context: AppContext, *, name: str, person_id: int | None = None, clinician_id: int | None = None
) -> str:
    """A copy of the routine under "Copy of <title>"; gives the copy's name."""
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    found = routine_record(context, person, name)
    title = f"Copy of {found.title}"[:MAX_TITLE]
    return new_routine(context, title=title, plan=found.plan, person_id=person_id, clinician_id=clinician_id)


def delete_routine(
    context: AppContext, *, name: str, person_id: int | None = None, clinician_id: int | None = None
) -> None:
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    if not context.store.routines.delete(person_id=person, name=name):
        raise NotFound("that routine is not among the saved ones (deleted already, perhaps)")
    context.plans_played.clear()


def mark_favourite(
    context: AppContext, *, name: str, favourite: bool, person_id: int | None = None, clinician_id: int | None = None
) -> None:
    person = whose(context, person_id=person_id, clinician_id=clinician_id)
    if not context.store.routines.edit(person_id=person, name=name, now=context.now(), favourite=favourite):
        raise NotFound("that routine is not among the saved ones (deleted, perhaps)")
