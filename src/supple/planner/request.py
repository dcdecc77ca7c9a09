"""What a person asks for, validated against the vocabulary before any planning starts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from supple.catalog.models import Vocabulary
from supple.errors import BadRequest

MIN_MINUTES, MAX_MINUTES = 3, 90
# Common household items most people have at hand; `--equipment` replaces this set.
DEFAULT_EQUIPMENT = frozenset({"pillow", "chair", "wall", "strap"})


@dataclass(frozen=True)
class PlanRequest:
    conditions: tuple[str, ...]
    minutes: int
    equipment: frozenset[str] = DEFAULT_EQUIPMENT
    avoid_positions: frozenset[str] = frozenset()
    warmed_up: bool = False
    # Exercises the person swapped out of a plan: the planner finds the best routine without them.
    without: frozenset[str] = frozenset()

    @property
    def budget_s(self) -> int:
        return self.minutes * 60


def _check(option: str, values: Iterable[str], valid: Iterable[str]) -> None:
    known = sorted(valid)
    for value in values:
        if value not in known:
            raise BadRequest(f"unknown {option} {value!r}; valid: {', '.join(known)}")


def make_request(
    vocabulary: Vocabulary,
    *,
    conditions: Iterable[str],
    minutes: int,
    equipment: Iterable[str] | None = None,
    avoid_positions: Iterable[str] = (),
    no_floor: bool = False,
    warmed_up: bool = False,
    without: Iterable[str] = (),
    exercise_ids: Iterable[str] = (),
) -> PlanRequest:
    """Validate and normalise a request; bad values raise BadRequest saying what is valid.

    `equipment=None` means the household default; `["none"]` means nothing at all. `without`
    names exercises swapped out, checked against `exercise_ids` (the catalogue's).
    """
    wanted = tuple(dict.fromkeys(conditions))
    if not wanted:
        raise BadRequest(f"say what bothers you with --for; valid: {', '.join(sorted(vocabulary.conditions))}")
    _check("condition", wanted, vocabulary.conditions)
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise BadRequest(f"minutes must be between {MIN_MINUTES} and {MAX_MINUTES}, not {minutes}")
    if equipment is None:
        items = DEFAULT_EQUIPMENT
    else:
        listed = list(equipment)
        if "none" in listed and len(listed) > 1:
            raise BadRequest("--equipment none cannot be combined with other equipment")
        items = frozenset() if listed == ["none"] else frozenset(listed)
        _check("equipment", items, [*vocabulary.equipment, "none"])
    avoid = set(avoid_positions)
    _check("position", avoid, vocabulary.positions)
    if no_floor:
        avoid |= {p for p, position in vocabulary.positions.items() if position.floor}
    swapped = frozenset(without)
    _check("exercise", swapped, exercise_ids)
    return PlanRequest(
        conditions=wanted,
        minutes=minutes,
        equipment=items,
        avoid_positions=frozenset(avoid),
        warmed_up=warmed_up,
        without=swapped,
    )
