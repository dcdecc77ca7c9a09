"""Shaping a routine by hand: each edit takes a routine's saved JSON (session/routine.py's SavedPlan)
and gives a new one, never changing what it was given.

Every edit keeps the safety rules: an exercise the precautions of the person's answers exclude, or
that the routine's own limits leave out (no floor, positions avoided, equipment at hand), is refused
with the reason; one they modify carries its modification; a dose stays within the exercise's safe
range (catalog/dose.py), and outside it the refusal says the range. See docs/routines.md.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from supple.catalog.dose import DOSE_LABELS, dose_range, range_words
from supple.catalog.models import Catalog, Exercise
from supple.errors import BadRequest, NotFound, UnsafeToStart
from supple.planner.candidates import serves, why_not
from supple.planner.reasons import reasons_for
from supple.planner.request import PlanRequest
from supple.planner.select import Candidate
from supple.safety.models import Precaution
from supple.session.routine import MAX_NOTE, saved_request

MAX_ITEMS = 40  # far past any routine a person plays at one go
SWAP_CHOICES = 5
Routine = dict[str, Any]  # a routine's saved JSON


def empty_routine() -> Routine:
    return {"minutes": 1, "notes": [], "conditions_covered": [], "conditions_uncovered": [], "items": [], "note": ""}


def items(routine: Routine) -> list[dict[str, Any]]:
    found = routine.get("items")
    return list(found) if isinstance(found, list) else []


def _with_items(routine: Routine, new_items: list[dict[str, Any]]) -> Routine:
    changed = copy.deepcopy(routine)
    changed["items"] = new_items
    return changed


def _item_at(routine: Routine, index: int) -> dict[str, Any]:
    found = items(routine)
    if not 0 <= index < len(found):
        raise NotFound("that exercise is no longer in the routine: the page may be out of date")
    return dict(found[index])


def limits(routine: Routine, catalog: Catalog) -> PlanRequest:
    """What the routine allows: the request it was planned for (no floor, positions avoided,
    equipment at hand), or for a routine made by hand any position and any equipment. An exercise
    the person swapped out of a plan may be added back by hand."""
    request = saved_request(routine)
    if request is None:
        return PlanRequest(conditions=(), minutes=1, equipment=tuple(catalog.vocabulary.equipment))
    if request.no_floor:  # a request kept before it was checked: the floor positions are avoided too
        floor = {p for p, position in catalog.vocabulary.positions.items() if position.floor}
        request = replace(request, avoid_positions=tuple(sorted(set(request.avoid_positions) | floor)))
    return replace(request, without=())


def check_allowed(
    exercise: Exercise, *, routine: Routine, catalog: Catalog, precautions: Sequence[Precaution]
) -> tuple[str, ...]:
    """The modifications the exercise needs in this routine; UnsafeToStart says why it may not be in it."""
    verdict = why_not(exercise, limits(routine, catalog), precautions, catalog.vocabulary)
    if isinstance(verdict, str):
        raise UnsafeToStart(f"{exercise.name} cannot be added: {verdict.rstrip('.')}.", topic="excluded")
    return verdict


def _new_item(exercise: Exercise, routine: Routine, catalog: Catalog, modifications: tuple[str, ...]) -> dict[str, Any]:
    request = saved_request(routine)
    wanted = request.conditions if request is not None else tuple(exercise.helps_with)
    helps, key_for = serves(exercise, wanted, catalog.vocabulary)
    candidate = Candidate(exercise, exercise.dosage, 0, helps, True, None, key_for, "", True)
    return {
        "exercise": exercise.id,
        "dose": exercise.dosage.model_dump(mode="json"),
        "why": sorted(helps),
        "modifications": list(modifications),
        "reasons": list(reasons_for(catalog.vocabulary, candidate, wanted)),
        "note": "",
    }


def add(
    routine: Routine,
    exercise_id: str,
    *,
    catalog: Catalog,
    precautions: Sequence[Precaution],
    at: int | None = None,
    dose: dict[str, Any] | None = None,
    note: str = "",
) -> Routine:
    """The routine with the exercise added (at the end, or at `at`), after the safety rules; `dose`
    and `note` bring back what a removed exercise had (undo), each checked again."""
    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        raise NotFound("that exercise is not in the catalogue")
    found = items(routine)
    if len(found) >= MAX_ITEMS:
        raise BadRequest(f"a routine has at most {MAX_ITEMS} exercises")
    modifications = check_allowed(exercise, routine=routine, catalog=catalog, precautions=precautions)
    item = _new_item(exercise, routine, catalog, modifications)
    where = len(found) if at is None else max(0, min(at, len(found)))
    changed = _with_items(routine, [*found[:where], item, *found[where:]])
    for field, value in (dose or {}).items():
        if field in DOSE_LABELS and value != item["dose"].get(field):
            changed = set_dose(changed, where, field, value, catalog=catalog)
    return set_note(changed, where, note) if note else changed


def remove(routine: Routine, index: int) -> tuple[Routine, dict[str, Any]]:
    """The routine without the exercise at `index`, and the exercise as it was (to put back)."""
    removed = _item_at(routine, index)
    found = items(routine)
    return _with_items(routine, found[:index] + found[index + 1 :]), removed


def move(routine: Routine, index: int, to: int) -> Routine:
    """The exercise at `index` moved to `to` (clamped to the routine's ends)."""
    moved = _item_at(routine, index)
    rest = items(routine)
    del rest[index]
    where = max(0, min(to, len(rest)))
    return _with_items(routine, [*rest[:where], moved, *rest[where:]])


def set_dose(routine: Routine, index: int, field: str, value: int, *, catalog: Catalog) -> Routine:
    """One dose field of one exercise changed, within the exercise's safe range."""
    item = _item_at(routine, index)
    exercise = catalog.exercises.get(item["exercise"])
    if exercise is None:
        raise NotFound("that exercise is not in the catalogue")
    if value == (item.get("dose") or {}).get(field):
        return routine  # unchanged: a form sends every field, and a planned dose may lie outside the range
    label = DOSE_LABELS.get(field, field)
    allowed = dose_range(exercise.kind, exercise.dosage, field)
    if allowed is None:
        raise BadRequest(f"{exercise.name} has no {label} to change", topic="dose-range")
    if not isinstance(value, int) or isinstance(value, bool) or not allowed[0] <= value <= allowed[1]:
        raise BadRequest(
            f"the {label} of {exercise.name} can be {range_words(field, allowed)}, not {value}", topic="dose-range"
        )
    dose = dict(item.get("dose") or exercise.dosage.model_dump(mode="json"))
    dose[field] = value
    if field == "hold_s":  # a prescribed hold replaces the sources' range, unless it falls within it
        hold_range = dose.get("hold_range_s")
        if hold_range and not hold_range[0] <= value <= hold_range[1]:
            dose["hold_range_s"] = None
    dose.pop("words", None)
    item["dose"] = dose
    found = items(routine)
    found[index] = item
    return _with_items(routine, found)


def _note(text: str) -> str:
    clean = " ".join(text.split())
    if len(clean) > MAX_NOTE:
        raise BadRequest(f"a note is at most {MAX_NOTE} characters")
    return clean


def set_note(routine: Routine, index: int, text: str) -> Routine:
    item = _item_at(routine, index)
    item["note"] = _note(text)
    found = items(routine)
    found[index] = item
    return _with_items(routine, found)


def set_routine_note(routine: Routine, text: str) -> Routine:
    changed = copy.deepcopy(routine)
    changed["note"] = _note(text)
    return changed


@dataclass(frozen=True)
class SwapChoice:
    """An exercise that could take another's place, and why in words."""

    exercise: Exercise
    reasons: tuple[str, ...]


def swap_choices(
    routine: Routine, index: int, *, catalog: Catalog, precautions: Sequence[Precaution]
) -> list[SwapChoice]:
    """A short list of exercises that could take the place of the one at `index`: its easier
    versions first, then those working the same muscles or helping with the same things; each one
    the safety rules and the routine's limits allow, and not in the routine already."""
    current = catalog.exercises.get(_item_at(routine, index)["exercise"])
    if current is None:
        return []
    present = {item.get("exercise") for item in items(routine)}
    vocabulary = catalog.vocabulary
    group = vocabulary.group_of(current.targets[0])
    choices: list[SwapChoice] = []
    ranked = sorted(
        (e for e in catalog if e.id not in present and e.kind == current.kind or e.id in current.easier),
        key=lambda e: (e.id not in current.easier, vocabulary.group_of(e.targets[0]) != group, e.id),
    )
    for exercise in ranked:
        if exercise.id in present or len(choices) == SWAP_CHOICES:
            continue
        verdict = why_not(exercise, limits(routine, catalog), precautions, vocabulary)
        if isinstance(verdict, str):
            continue
        reasons = _swap_reasons(exercise, current, catalog)
        if reasons:
            choices.append(SwapChoice(exercise, reasons))
    return choices


def _swap_reasons(exercise: Exercise, current: Exercise, catalog: Catalog) -> tuple[str, ...]:
    vocabulary = catalog.vocabulary
    reasons = []
    if exercise.id in current.easier:
        reasons.append(f"An easier way to do what {current.name} does.")
    if vocabulary.group_of(exercise.targets[0]) == vocabulary.group_of(current.targets[0]):
        muscle = vocabulary.muscles[exercise.targets[0]].label.lower()
        reasons.append(f"Works the {muscle}, like {current.name}.")
    shared = [vocabulary.conditions[c].label for c in exercise.helps_with if c in current.helps_with]
    if shared:
        reasons.append(f"Also helps with {', '.join(shared[:2]).lower()}.")
    position = vocabulary.positions[exercise.position].label.lower()
    if reasons and exercise.position != current.position:
        reasons.append(f"Done {position} instead.")
    return tuple(reasons)


def swap(
    routine: Routine, index: int, exercise_id: str, *, catalog: Catalog, precautions: Sequence[Precaution]
) -> Routine:
    """The exercise at `index` replaced by another, which passes the safety rules as an added one
    does; the note stays with the place in the routine."""
    without, removed = remove(routine, index)
    return add(
        without, exercise_id, catalog=catalog, precautions=precautions, at=index, note=str(removed.get("note") or "")
    )


def recheck(routine: Routine, *, catalog: Catalog, precautions: Sequence[Precaution]) -> Routine:
    """The routine checked again against the precautions (a client's own answers, when a template is
    given to them): each exercise carries the modifications it now needs; UnsafeToStart names the
    first one excluded."""
    found = items(routine)
    for index, item in enumerate(found):
        exercise = catalog.exercises.get(item.get("exercise", ""))
        if exercise is None:
            raise NotFound("an exercise of this routine is no longer in the catalogue")
        modifications = check_allowed(exercise, routine=routine, catalog=catalog, precautions=precautions)
        found[index] = {**item, "modifications": list(modifications)}
    return _with_items(routine, found)
