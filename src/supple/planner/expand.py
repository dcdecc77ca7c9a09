"""Expanding a dose into timed steps: the one expansion both the planner and the session use.

The planner's time estimate is the sum of these steps, and the guided session plays exactly these
steps, so the estimate and the session agree to the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from supple.catalog.models import Dosage, Exercise

StepKind = Literal["move", "ready", "hold", "breaths", "reps", "push", "rest", "switch", "warmup"]
Side = Literal["left", "right"]
# The steps that are the exercise itself (a set is kept for each); the rest get there or recover.
WORK_KINDS = frozenset({"hold", "breaths", "reps", "push", "warmup"})

READY_S = 5  # a few seconds to get set for the next exercise in the same position
MOVE_S = 15  # changing position (getting down to the floor, turning over) takes longer
SWITCH_S = 5  # "switch sides"
DEFAULT_REST_S = 10
BREATH_S = 8  # one slow, calm breath in and out
SET_REST_S = 30  # between sets of a strength move
SIDES: tuple[Side, Side] = ("left", "right")


@dataclass(frozen=True)
class Step:
    """One timed step of a routine as the player runs it: getting ready, a hold, the reps, a rest,
    switching sides."""

    kind: StepKind
    seconds: int
    cue: str
    side: Side | None = None
    rep: int | None = None

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "side": self.side, "rep": self.rep, "seconds": self.seconds, "cue": self.cue}


def _work_step(exercise: Exercise, dosage: Dosage, side: Side | None, rep: int) -> Step:
    """One repetition (or set) of the exercise itself."""
    reps = dosage.reps or 1
    where = f"{side.capitalize()} side, " if side else ""
    if exercise.kind == "warmup":
        return Step("warmup", dosage.hold_s or 0, "Keep moving at an easy pace.", side, rep)
    if exercise.kind == "static" and dosage.breaths is not None:
        cue = f"{where}{rep} of {reps}: breathe in, then ease a little further as you breathe out."
        return Step("breaths", dosage.breaths * BREATH_S, cue, side, rep)
    if exercise.kind == "static":
        return Step("hold", dosage.hold_s or 0, f"{where}{rep} of {reps}: hold, breathing slowly.", side, rep)
    if exercise.kind == "isometric":
        effort = f" at about {dosage.effort_pct}% effort" if dosage.effort_pct else " gently"
        return Step("push", dosage.hold_s or 0, f"{where}{rep} of {reps}: push{effort}, keep breathing.", side, rep)
    # dynamic and strength: the repetitions of one set, paced
    per_set = reps * (dosage.rep_s or 0)
    cue = f"{where}{reps} slow repetitions" if exercise.kind == "dynamic" else f"{where}{reps} repetitions"
    return Step("reps", per_set, cue, side, rep)


def _rounds(exercise: Exercise, dosage: Dosage) -> int:
    """How many work steps per side: holds for stretches and pushes, sets for paced moves."""
    if exercise.kind in ("dynamic", "strength"):
        return dosage.sets or 1
    if exercise.kind == "warmup":
        return 1
    return dosage.reps or 1


def _rest_s(exercise: Exercise, dosage: Dosage) -> int:
    if exercise.kind in ("dynamic", "strength"):
        return SET_REST_S
    return dosage.rest_s if dosage.rest_s is not None else DEFAULT_REST_S


def lead_in(exercise: Exercise, *, moving: bool) -> Step:
    """Getting ready for an exercise: a few seconds, or longer when changing position."""
    if moving:
        return Step("move", MOVE_S, f"Get into position: {exercise.name}.")
    return Step("ready", READY_S, f"Get ready: {exercise.name}.")


def work_steps(exercise: Exercise, dosage: Dosage, *, extra_reps: dict[Side, int] | None = None) -> list[Step]:
    """The exercise itself: each side, each repetition, with rests and the switch between sides.

    `extra_reps` gives one side more work ("one side is often tighter").
    """
    steps: list[Step] = []
    sides: tuple[Side | None, ...] = SIDES if exercise.sided else (None,)
    for index, side in enumerate(sides):
        if index:
            steps.append(Step("switch", SWITCH_S, "Switch sides.", side))
        rounds = _rounds(exercise, dosage) + ((extra_reps or {}).get(side, 0) if side else 0)
        for rep in range(1, rounds + 1):
            if rep > 1:
                steps.append(Step("rest", _rest_s(exercise, dosage), "Rest and breathe.", side, rep))
            steps.append(_work_step(exercise, dosage, side, rep))
    return steps


def expand(
    exercise: Exercise, dosage: Dosage, *, moving: bool, extra_reps: dict[Side, int] | None = None
) -> list[Step]:
    """All the steps of one exercise in a routine: the lead-in, then the work."""
    return [lead_in(exercise, moving=moving), *work_steps(exercise, dosage, extra_reps=extra_reps)]


def total_seconds(steps: list[Step]) -> int:
    return sum(step.seconds for step in steps)


def work_seconds(steps: list[Step]) -> int:
    """The time of the work itself: the holds, breaths, repetitions, pushes and warm-up."""
    return sum(step.seconds for step in steps if step.kind in WORK_KINDS)
