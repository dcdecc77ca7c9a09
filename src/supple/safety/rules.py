"""Precautions applied to one exercise: allowed, modified (and how) or excluded (and why)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Literal

from supple.catalog.models import Exercise
from supple.safety.models import Precaution, SafetyData

Status = Literal["allowed", "modified", "excluded"]


@dataclass(frozen=True)
class Decision:
    """What the precautions make of one exercise: allowed, modified or excluded, and why."""

    exercise: str
    status: Status
    reasons: tuple[str, ...] = ()
    modifications: tuple[str, ...] = ()
    # Easier exercises to offer instead when this one is excluded (the planner re-checks them).
    alternatives: tuple[str, ...] = ()
    precautions: tuple[str, ...] = field(default=())


def active_precautions(
    safety: SafetyData, *, answers: Iterable[str], conditions: Iterable[str] = ()
) -> tuple[Precaution, ...]:
    """The precautions switched on by these screening answers or requested conditions. A yes to a
    question with a follow-up but no option counts as its `otherwise` option (a hip replaced in a
    way not known: the limits of every way)."""
    yes, wanted = set(safety.complete(answers)), set(conditions)
    return tuple(p for p in safety.precautions if yes & set(p.when_answers) or wanted & set(p.when_conditions))


def _excludes(precaution: Precaution, exercise: Exercise) -> bool:
    return exercise.id in precaution.exclude_exercises or bool(set(precaution.exclude_demands) & set(exercise.demands))


def _modifies(precaution: Precaution, exercise: Exercise) -> bool:
    return bool(set(precaution.modify_demands) & set(exercise.demands))


def decide(
    exercise: Exercise, precautions: Iterable[Precaution], *, equipment: Collection[str] | None = None
) -> Decision:
    """Apply every active precaution to one exercise. Exclusion wins over modification.

    `equipment` is what the person has at hand; None means unknown, and a modification that
    needs an item is then assumed possible (the plan states what it needs).
    """
    excluded: list[Precaution] = []
    modified: list[Precaution] = []
    for precaution in precautions:
        if _excludes(precaution, exercise):
            excluded.append(precaution)
        elif _modifies(precaution, exercise):
            item = precaution.needs_equipment
            has_item = item is None or equipment is None or item in equipment
            (modified if has_item else excluded).append(precaution)
    if excluded:
        return Decision(
            exercise=exercise.id,
            status="excluded",
            reasons=tuple(p.reason for p in excluded),
            alternatives=exercise.easier,
            precautions=tuple(p.id for p in excluded),
        )
    if modified:
        return Decision(
            exercise=exercise.id,
            status="modified",
            reasons=tuple(p.reason for p in modified),
            modifications=tuple(p.modification for p in modified if p.modification),
            precautions=tuple(p.id for p in modified),
        )
    return Decision(exercise=exercise.id, status="allowed")


def decide_all(
    exercises: Iterable[Exercise], precautions: Iterable[Precaution], *, equipment: Collection[str] | None = None
) -> dict[str, Decision]:
    active = tuple(precautions)
    return {exercise.id: decide(exercise, active, equipment=equipment) for exercise in exercises}
