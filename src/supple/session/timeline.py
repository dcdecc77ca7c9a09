"""A plan laid out in time: every step with its start, and the cues due within each step.

The steps are the planner's own (planner/expand.py), so the session lasts exactly what the plan
said. Cues are offsets inside a step; the engine turns them into clock times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from supple.catalog.models import Exercise
from supple.planner.expand import BREATH_S, WORK_KINDS, Step, lead_in
from supple.planner.plan import Plan, PlanItem

CueKind = Literal[
    "start",  # a step begins: what to do now ("left, 1 of 3: hold", "Switch sides.", "Get ready: ...")
    "halfway",
    "ten-left",
    "countdown",  # 3, 2, 1 before the step ends
    "breath-in",
    "breath-out",
    "phase",  # a part of one repetition of a paced move ("breathe out and round your back up")
    "count",  # a repetition's number, for moves without phases
    "stopped",  # "this hurts": the exercise stopped at once
    "ask-side",  # after a sided exercise: which side felt tighter?
    "finished",
    "ended",  # the session ended early (pain reported twice)
]

LEAD_IN_KINDS = frozenset({"ready", "move"})
TIMED_KINDS = frozenset({"hold", "push", "warmup", "rest", "move"})  # get halfway / 10-seconds-left cues
COUNTED_DOWN = frozenset({"hold", "push", "warmup", "rest", "move", "ready", "switch"})
MILESTONES_FROM_S = 20  # shorter steps are over before a halfway cue would help
COUNTDOWN_FROM_S = 4


@dataclass(frozen=True)
class StepCue:
    at: float  # seconds after the step starts
    kind: CueKind
    text: str


@dataclass(frozen=True)
class TimedStep:
    item: int  # index of the plan item (exercise) this step belongs to
    exercise: Exercise
    step: Step
    cues: tuple[StepCue, ...]
    rounds: int = 1  # how many work steps of this exercise on this side: "2 of 3"

    @property
    def is_work(self) -> bool:
        return self.step.kind in WORK_KINDS

    @property
    def is_lead_in(self) -> bool:
        return self.step.kind in LEAD_IN_KINDS


def _milestones(seconds: int) -> list[StepCue]:
    if seconds < MILESTONES_FROM_S:
        return []
    cues = [StepCue(seconds - 10, "ten-left", "10 seconds left.")]
    if seconds > MILESTONES_FROM_S:  # at exactly 20 s, halfway is the 10-seconds-left cue
        cues.insert(0, StepCue(seconds / 2, "halfway", "Halfway."))
    return cues


def _countdown(seconds: int) -> list[StepCue]:
    if seconds < COUNTDOWN_FROM_S:
        return []
    return [StepCue(seconds - n, "countdown", str(n)) for n in (3, 2, 1)]


def _breaths(step: Step) -> list[StepCue]:
    count = step.seconds // BREATH_S
    cues: list[StepCue] = []
    for n in range(count):
        at = n * BREATH_S
        cues.append(StepCue(at, "breath-in", f"Breath {n + 1} of {count}: breathe in."))
        cues.append(StepCue(at + BREATH_S / 2, "breath-out", "Breathe out, and ease a little further."))
    return cues


def _repetitions(exercise: Exercise, step: Step, reps: int) -> list[StepCue]:
    """Paced repetitions: each rep's phases in time, or its number when the move has none."""
    per_rep = step.seconds / reps
    cues: list[StepCue] = []
    for n in range(reps):
        start = n * per_rep
        if not exercise.phases:
            cues.append(StepCue(start, "count", str(n + 1)))
            continue
        share = per_rep / len(exercise.phases)
        for index, phase in enumerate(exercise.phases):
            text = f"{n + 1}. {phase}" if index == 0 else phase
            cues.append(StepCue(start + index * share, "phase", text))
    return cues


def step_cues(exercise: Exercise, step: Step, reps: int) -> tuple[StepCue, ...]:
    """Everything said during one step, in order. The first cue (at 0) says what the step is."""
    cues = [StepCue(0, "start", step.cue)]
    if step.kind == "breaths":
        cues += _breaths(step)[1:]  # the first breath starts with the step's own cue
    elif step.kind == "reps":
        cues += _repetitions(exercise, step, reps)
    if step.kind in TIMED_KINDS:
        cues += _milestones(step.seconds)
    if step.kind in COUNTED_DOWN:
        cues += _countdown(step.seconds)
    return tuple(sorted(cues, key=lambda cue: cue.at))


def item_steps(index: int, item: PlanItem) -> list[TimedStep]:
    """The timed steps of one item (also an easier exercise put in after a "this hurts")."""
    reps = item.dosage.reps or 1
    per_side: dict[str | None, int] = {}
    for step in item.steps:
        if step.kind in WORK_KINDS:
            per_side[step.side] = per_side.get(step.side, 0) + 1
    return [
        TimedStep(index, item.exercise, step, step_cues(item.exercise, step, reps), per_side.get(step.side, 1))
        for step in item.steps
    ]


def lay_out(plan: Plan) -> list[TimedStep]:
    return [timed for index, item in enumerate(plan.items) for timed in item_steps(index, item)]


def starts(steps: Sequence[TimedStep]) -> list[int]:
    """Each step's start, in seconds from the beginning of the session."""
    offsets, total = [], 0
    for timed in steps:
        offsets.append(total)
        total += timed.step.seconds
    return offsets


def moving_lead_in(timed: TimedStep) -> TimedStep:
    """The longer lead-in, for getting into this step's exercise from another position (after an
    easier exercise put in before it, or when picking up an interrupted session)."""
    step = lead_in(timed.exercise, moving=True)
    return replace(timed, step=step, cues=step_cues(timed.exercise, step, 1))


def _step_json(timed: TimedStep) -> dict[str, object]:
    return {
        "item": timed.item,
        "exercise": timed.exercise.id,
        "name": timed.exercise.name,
        "position": timed.exercise.position,
        "sided": timed.exercise.sided,
        "rounds": timed.rounds,
        "work": timed.is_work,
        "lead_in": timed.is_lead_in,
        **timed.step.to_json(),
        "cues": [{"at": cue.at, "kind": cue.kind, "text": cue.text} for cue in timed.cues],
    }


def timed_step_json(timed: TimedStep) -> dict[str, object]:
    """One step as the browser's player runs it: the same steps and cues as the terminal's.

    A lead-in carries its moving version, which the engine may swap in (see `moving_lead_in`):
    the browser then takes it from here rather than building its own steps and cues."""
    json = _step_json(timed)
    if timed.is_lead_in:
        json["moving"] = _step_json(moving_lead_in(timed))
    return json


def timeline_json(steps: Sequence[TimedStep]) -> list[dict[str, object]]:
    return [timed_step_json(timed) for timed in steps]
