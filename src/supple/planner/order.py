"""Ordering a routine so the person changes position as little as possible.

Standing and chair work first, then down to the floor once: kneeling, all fours, sitting, lying
(back, side, front). Within a position, moving stretches come before still holds, then
strengthening and pushes; a relaxing stretch ends the routine when it sits in the last position.
"""

from __future__ import annotations

from collections.abc import Sequence

from supple.planner.select import Candidate

POSITION_ORDER = ("standing", "seated-chair", "kneeling", "all-fours", "seated-floor", "supine", "side-lying", "prone")
KIND_ORDER = ("warmup", "dynamic", "strength", "isometric", "static")
# Gentle stretches to finish on: the articles present child's pose as a resting pose and the
# knee-to-chest stretches as a calm way to end the day.
RELAXING = ("childs-pose", "double-knee-to-chest", "single-knee-to-chest")


def _position_rank(position: str) -> int:
    return POSITION_ORDER.index(position) if position in POSITION_ORDER else len(POSITION_ORDER)


def order(chosen: Sequence[Candidate]) -> list[Candidate]:
    ranked = sorted(
        chosen,
        key=lambda c: (
            _position_rank(c.exercise.position),
            c.exercise.position,
            KIND_ORDER.index(c.exercise.kind),
            c.key,
        ),
    )
    if not ranked:
        return ranked
    last_position = ranked[-1].exercise.position
    relaxing = [c for c in ranked if c.key in RELAXING and c.exercise.position == last_position]
    if relaxing:
        finisher = min(relaxing, key=lambda c: RELAXING.index(c.key))
        ranked.remove(finisher)
        ranked.append(finisher)
    return ranked
