"""Finding exercises: filters over the catalogue, and lookup by id with helpful misses."""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches

from supple.catalog.models import Catalog, Exercise
from supple.errors import BadRequest, NotFound


def _check_value(option: str, value: str | None, valid: Mapping[str, object]) -> None:
    if value is not None and value not in valid:
        raise BadRequest(f"unknown {option} {value!r}", topic="unknown-choice", choices=tuple(sorted(valid)))


def filter_exercises(
    catalog: Catalog,
    *,
    condition: str | None = None,
    position: str | None = None,
    kind: str | None = None,
    equipment: str | None = None,
) -> list[Exercise]:
    """Exercises matching every filter given, in id order. Unknown filter values are refused."""
    vocabulary = catalog.vocabulary
    _check_value("condition", condition, vocabulary.conditions)
    _check_value("position", position, vocabulary.positions)
    _check_value("kind", kind, vocabulary.kinds)
    _check_value("equipment", equipment, vocabulary.equipment)
    return [
        exercise
        for exercise in sorted(catalog, key=lambda e: e.id)
        if (condition is None or condition in exercise.helps_with)
        and (position is None or exercise.position == position)
        and (kind is None or exercise.kind == kind)
        and (equipment is None or equipment in exercise.equipment.required + exercise.equipment.optional)
    ]


def find_exercise(catalog: Catalog, exercise_id: str) -> Exercise:
    """The exercise with this id; a miss offers the closest ids as its choices (also matching names
    and aliases), for the command line to suggest and the web to link by name."""
    exercise = catalog.exercises.get(exercise_id)
    if exercise is not None:
        return exercise
    by_name = {label.lower(): e.id for e in catalog for label in (e.name, *e.aliases)}
    named = get_close_matches(exercise_id.lower().replace("-", " "), by_name, n=3, cutoff=0.6)
    candidates = dict.fromkeys(
        get_close_matches(exercise_id, catalog.exercises, n=3, cutoff=0.6) + [by_name[n] for n in named]
    )
    raise NotFound(f"no exercise {exercise_id!r}", topic="unknown-exercise", choices=tuple(candidates))
