"""What a person asks for in a plan: one value, from the form, the command line or the API to the
planner (docs/architecture.md, "One value per concept").

The field limits are what the API accepts (pydantic reads them when it validates a body); `checked`
holds the request against the vocabulary and the catalogue before any planning starts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Annotated

from supple.catalog.models import Vocabulary
from supple.errors import BadRequest
from supple.validation import Described, Limits

MIN_MINUTES, MAX_MINUTES = 3, 90
MAX_PAIN = 10
# From this pain today (0-10) the routine keeps to gentle exercises and short holds, as for someone
# new to stretching (principle start-slowly).
GENTLE_FROM_PAIN = 4
# Common household items most people have at hand; naming the equipment replaces this set.
DEFAULT_EQUIPMENT = frozenset({"pillow", "chair", "wall", "strap"})
NO_EQUIPMENT = "none"

Id = Annotated[str, Limits(min_length=1, max_length=64)]
Flag = Annotated[bool, Limits(strict=True)]  # true or false: never 0, 1 or "yes"
Pain = Annotated[int, Limits(ge=0, le=MAX_PAIN, strict=True)]


@dataclass(frozen=True, kw_only=True)
class PlanRequest:
    """What bothers the person, how long they have and what they can't do."""

    conditions: Annotated[
        tuple[Id, ...], Limits(min_length=1, max_length=19), Described("condition ids (the vocabulary)")
    ]
    minutes: Annotated[int, Limits(ge=MIN_MINUTES, le=MAX_MINUTES, strict=True)]
    equipment: Annotated[
        tuple[Id, ...] | None,
        Limits(max_length=20),
        Described('equipment at hand; null: pillow, chair, wall, strap; ["none"]: none'),
    ] = None
    avoid_positions: Annotated[tuple[Id, ...], Limits(max_length=8)] = ()
    no_floor: Flag = False
    warmed_up: Flag = False
    # Exercises the person swapped out of a plan: the planner finds the best routine without them.
    without: Annotated[tuple[Id, ...], Limits(max_length=40), Described("exercises swapped out")] = ()
    new_to_stretching: Annotated[Flag, Described("new to stretching: gentle exercises and short holds")] = False
    pain_today: Annotated[
        Pain | None,
        Described(
            f"pain today, 0 = none, 10 = the worst imaginable; {GENTLE_FROM_PAIN} or more keeps to gentle exercises"
        ),
    ] = None

    @property
    def gentle(self) -> bool:
        """New to stretching, or in pain today: gentle exercises, no deep ones, short holds."""
        return self.new_to_stretching or (self.pain_today or 0) >= GENTLE_FROM_PAIN

    @property
    def budget_s(self) -> int:
        return self.minutes * 60

    @property
    def at_hand(self) -> frozenset[str]:
        """The equipment the person has: the household default, nothing, or what they named."""
        if self.equipment is None:
            return DEFAULT_EQUIPMENT
        return frozenset(item for item in self.equipment if item != NO_EQUIPMENT)

    def plain(self) -> PlanRequest:
        """Only the request itself: what a subclass adds (the web's `ack_caution`) is not part of it."""
        return PlanRequest(**{f.name: getattr(self, f.name) for f in fields(PlanRequest)})

    def to_json(self) -> dict[str, object]:
        """As a plan's JSON keeps it, so that a saved routine knows what it was made for."""
        return {
            f.name: list(value) if isinstance(value := getattr(self, f.name), tuple) else value
            for f in fields(PlanRequest)
        }

    def checked(self, vocabulary: Vocabulary, *, exercise_ids: Iterable[str] = ()) -> PlanRequest:
        """The request with every id known and each limit kept, and "no floor" turned into the floor
        positions avoided; BadRequest says what is wrong and what is valid."""
        wanted = tuple(dict.fromkeys(self.conditions))
        if not wanted:
            raise BadRequest(
                "say what bothers you", topic="unknown-choice", choices=tuple(sorted(vocabulary.conditions))
            )
        _check("condition", wanted, vocabulary.conditions)
        if not MIN_MINUTES <= self.minutes <= MAX_MINUTES:
            raise BadRequest(f"minutes must be between {MIN_MINUTES} and {MAX_MINUTES}, not {self.minutes}")
        equipment = None
        if self.equipment is not None:
            listed = tuple(dict.fromkeys(self.equipment))
            if NO_EQUIPMENT in listed and len(listed) > 1:
                raise BadRequest("no equipment ('none') cannot be combined with other equipment")
            _check("equipment", listed, [*vocabulary.equipment, NO_EQUIPMENT])
            equipment = tuple(sorted(listed))
        avoid = set(self.avoid_positions)
        _check("position", avoid, vocabulary.positions)
        if self.no_floor:
            avoid |= {p for p, position in vocabulary.positions.items() if position.floor}
        swapped = tuple(dict.fromkeys(self.without))
        _check("exercise", swapped, exercise_ids)
        if self.pain_today is not None and not 0 <= self.pain_today <= MAX_PAIN:
            raise BadRequest(f"pain today must be between 0 and {MAX_PAIN}, not {self.pain_today}")
        return replace(
            self, conditions=wanted, equipment=equipment, avoid_positions=tuple(sorted(avoid)), without=swapped
        )


def _check(option: str, values: Iterable[str], valid: Iterable[str]) -> None:
    known = sorted(valid)
    for value in values:
        if value not in known:
            raise BadRequest(f"unknown {option} {value!r}", topic="unknown-choice", choices=tuple(known))
