"""PlanRequest -> Plan: warm-up, exact selection, position-flow order, timed steps, notes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from supple.catalog.dose import describe_dose
from supple.catalog.models import Catalog, Dosage, Exercise
from supple.errors import BadRequest
from supple.planner.candidates import Pool, build_pool, gentle_reason, serves
from supple.planner.expand import Step, expand, total_seconds, work_seconds
from supple.planner.order import order
from supple.planner.personal import Personal
from supple.planner.reasons import WARMUP_REASON, reasons_for
from supple.planner.request import PlanRequest
from supple.planner.select import START_POSITION, select
from supple.safety.models import Precaution

# The warm-up: the sources' 5-10 minutes of light cardio, about a sixth of the time, but never more
# than a quarter of it (a short routine is mostly stretching) and none when under 2 minutes would be.
WARMUP_MIN_S, WARMUP_MAX_S, WARMUP_SHORTEST_S = 300, 600, 120
WARMUP_SHARE = 4
GOOD_USE_OF_TIME = 0.7
# From this pain today the plan says to stop at anything that hurts and to see a doctor if it is severe.
STRONG_PAIN = 7


@dataclass(frozen=True)
class PlanItem:
    """One exercise of a routine: its dose, its steps, and why it is there."""

    exercise: Exercise
    dosage: Dosage
    why: tuple[str, ...]  # the requested conditions it serves
    steps: tuple[Step, ...]
    modifications: tuple[str, ...] = ()
    # Why it is in the routine, in plain words: which muscle it works and why that matters.
    reasons: tuple[str, ...] = ()
    # What whoever shaped the routine says about this exercise ("keep the knee soft").
    note: str = ""

    @property
    def seconds(self) -> int:
        return total_seconds(list(self.steps))

    def to_json(self) -> dict[str, object]:
        dose = self.dosage.model_dump(mode="json")
        dose["words"] = describe_dose(self.exercise.kind, self.dosage, with_rest=True)
        found: dict[str, object] = {
            "exercise": self.exercise.id,
            "name": self.exercise.name,
            "seconds": self.seconds,
            "why": list(self.why),
            "reasons": list(self.reasons),
            "dose": dose,
            "modifications": list(self.modifications),
            "steps": [step.to_json() for step in self.steps],
        }
        if self.note:  # only a routine shaped by hand has notes; planned ones keep their old JSON
            found["note"] = self.note
        return found


@dataclass(frozen=True)
class Plan:
    """A routine: its exercises in order, what it covers, and what it was made for."""

    minutes: int
    items: tuple[PlanItem, ...]
    conditions_covered: tuple[str, ...]
    conditions_uncovered: tuple[str, ...]
    notes: tuple[str, ...]
    # What the routine was made for: what it allows an easier exercise after pain to be (no floor,
    # the positions avoided, the equipment at hand, the exercises swapped out). A routine written
    # by hand has what its own exercises allow (session/routine.py).
    request: PlanRequest | None = None
    # What whoever shaped the routine says about all of it ("after your walk").
    note: str = ""
    # False when the catalogue was too large to prove this the best routine there is (planner/select.py).
    proven_best: bool = True

    @property
    def total_seconds(self) -> int:
        return sum(item.seconds for item in self.items)

    @property
    def work_seconds(self) -> int:
        """The time of the work itself, without the rests and moves: what a session's sets add up to."""
        return sum(work_seconds(list(item.steps)) for item in self.items)

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "total_seconds": self.total_seconds,
            "minutes": self.minutes,
            "conditions_covered": list(self.conditions_covered),
            "conditions_uncovered": list(self.conditions_uncovered),
            "notes": list(self.notes),
            "items": [item.to_json() for item in self.items],
            "request": self.request.to_json() if self.request is not None else None,
            "proven_best": self.proven_best,
        }
        if self.note:
            found["note"] = self.note
        return found


NOT_PROVEN_BEST = (
    "There are so many exercises to choose from that supple chose among the most promising ones: "
    "a slightly better routine may exist."
)
SWAPPED_WARMUP = (
    "No warm-up, as you swapped it out: the sources advise 5-10 minutes of light cardio before "
    "stretching, so walk briskly or march on the spot first."
)


def warmup_seconds(request: PlanRequest) -> tuple[int, str | None]:
    """How long to warm up (whole minutes, at most about a quarter of the time), and a note when it
    is shorter than the sources' 5 minutes or left out."""
    if request.warmed_up:
        return 0, "No warm-up: you said you have just been active, so your muscles are warm."
    if START_POSITION in request.avoid_positions:
        return 0, "No warm-up, since you are avoiding standing: walk about gently for a few minutes first if you can."
    sixth = min(WARMUP_MAX_S, max(WARMUP_MIN_S, round(request.minutes / 6) * 60))
    seconds = min(sixth, request.budget_s // WARMUP_SHARE // 60 * 60)
    if seconds < WARMUP_SHORTEST_S:
        return 0, (
            f"No warm-up: even 2 minutes would be more than a quarter of {request.minutes} minutes. Never "
            "stretch cold muscles: move about for a few minutes first, or stretch after being active."
        )
    if seconds < WARMUP_MIN_S:
        return seconds, (
            f"A {seconds // 60}-minute warm-up, a quarter of your time: the sources advise 5-10 minutes of "
            "light cardio, so walk about a little longer first, or stretch after some activity, when you can."
        )
    return seconds, None


def warmup_dose(catalog: Catalog, seconds: int) -> tuple[Exercise, Dosage] | None:
    """The catalogue's warm-up for `seconds`, or None (no time for one, or none in the catalogue)."""
    warmups = sorted((e for e in catalog if e.kind == "warmup"), key=lambda e: e.id)
    if not seconds or not warmups:
        return None
    exercise = warmups[0]
    return exercise, exercise.dosage.model_copy(update={"hold_s": seconds, "hold_range_s": None})


def _warmup_item(catalog: Catalog, seconds: int) -> PlanItem | None:
    dose = warmup_dose(catalog, seconds)
    if dose is None:
        return None
    exercise, dosage = dose
    return PlanItem(exercise, dosage, (), tuple(expand(exercise, dosage, moving=False)), reasons=(WARMUP_REASON,))


DEEP_ALONE = "and supple never gives a deep stretch as the only one for what bothers you"


def _nothing_fits(catalog: Catalog, request: PlanRequest, pool: Pool, available_s: int) -> BadRequest:
    conditions = ", ".join(_label(catalog, condition) for condition in request.conditions)
    if not pool.candidates:
        named = catalog.exercises
        reasons = "; ".join(f"{named[exercise].name}: {why}" for exercise, why in sorted(pool.excluded.items()))
        return BadRequest(f"no exercise for {conditions} fits your limits ({reasons or 'none in the catalogue'})")
    if all(c.deep for c in pool.candidates):
        deep = ", ".join(sorted({c.exercise.name for c in pool.candidates}))
        return BadRequest(
            f"the only exercises for {conditions} that fit your limits are deep stretches ({deep}), {DEEP_ALONE}"
        )
    shortest = min(c.seconds for c in pool.candidates)
    return BadRequest(
        f"no exercise fits in {request.minutes} minutes with the warm-up: the shortest takes about "
        f"{shortest} s and {max(available_s, 0)} s are left; allow more minutes, or leave the warm-up out "
        "if you have just worked out",
        topic="no-time",
    )


def _label(catalog: Catalog, condition: str) -> str:
    """A condition as a person reads it: "SI joint pain", "sciatica"."""
    label = catalog.vocabulary.conditions[condition].label
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _notes(
    catalog: Catalog, request: PlanRequest, pool: Pool, precautions: Iterable[Precaution], covered: set[str], total: int
) -> list[str]:
    notes = list(dict.fromkeys(p.note for p in precautions if p.note))  # two precautions may say the same
    gentle = gentle_reason(request, precautions)
    if gentle:
        notes.append(
            f"A gentle routine, because {gentle}: gentle stretches and shorter holds, and no deep ones. "
            "Build up little by little over the weeks."
        )
    if (request.pain_today or 0) >= STRONG_PAIN:
        notes.append(
            f"With pain of {request.pain_today} out of 10 today, stop any stretch that adds to it, and see a "
            "doctor if the pain is severe or getting worse."
        )
    for condition in request.conditions:
        if condition not in covered:
            left_out = [
                f"{catalog.exercises[e].name} ({why})"
                for e, why in sorted(pool.excluded.items())
                if condition in serves(catalog.exercises[e], [condition], catalog.vocabulary)[0]
            ]
            deep = sorted({c.exercise.name for c in pool.candidates if condition in c.helps and c.deep})
            if deep and all(c.deep for c in pool.candidates if condition in c.helps):
                left_out.append(f"{', '.join(deep)} ({'they are' if len(deep) > 1 else 'it is'} deep, {DEEP_ALONE})")
            detail = "; ".join(left_out) if left_out else "nothing in the catalogue helps with it within your time"
            notes.append(f"Nothing for {_label(catalog, condition)} could be included: {detail}.")
    if total < GOOD_USE_OF_TIME * request.budget_s:
        notes.append(
            f"This routine takes {total // 60} min {total % 60} s of your {request.minutes} minutes: "
            "that is all the suitable exercises for what you asked."
        )
    return notes


def build_plan(
    catalog: Catalog,
    request: PlanRequest,
    *,
    precautions: Iterable[Precaution] = (),
    personal: Personal | None = None,
) -> Plan:
    active = tuple(precautions)
    personal = personal or Personal()
    warm_s, warm_note = warmup_seconds(request)
    if warm_s and any(e.kind == "warmup" and e.id in request.without for e in catalog):
        warm_s, warm_note = 0, SWAPPED_WARMUP
    warmup = _warmup_item(catalog, warm_s)
    pool = build_pool(catalog, request, active, personal)
    available = request.budget_s - (warmup.seconds if warmup else 0)
    gentle = gentle_reason(request, active) is not None
    selection = select(pool.candidates, conditions=request.conditions, budget_s=available, gentle=gentle)
    if not selection.chosen:
        raise _nothing_fits(catalog, request, pool, available)
    items = [warmup] if warmup else []
    position = START_POSITION
    for candidate in order(selection.chosen):
        exercise = candidate.exercise
        extra = {candidate.extra_side: 1} if candidate.extra_side else None
        steps = expand(exercise, candidate.dosage, moving=exercise.position != position, extra_reps=extra)
        position = exercise.position
        why = tuple(c for c in request.conditions if c in candidate.helps)
        modified = pool.modifications.get(exercise.id, ())
        reasons = reasons_for(catalog.vocabulary, candidate, request.conditions)
        items.append(PlanItem(exercise, candidate.dosage, why, tuple(steps), modified, reasons))
    covered = {c for item in items for c in item.why}
    total = sum(item.seconds for item in items)
    notes = ([warm_note] if warm_note else []) + _notes(catalog, request, pool, active, covered, total)
    notes += personal.notes
    notes += [f"{catalog.exercises[e].name}: one more hold on the {side} side, the tighter one."
              for e, side in sorted(personal.extra_rep.items()) if any(i.exercise.id == e for i in items)]  # fmt: skip
    if not selection.proven_optimal:
        notes.append(NOT_PROVEN_BEST)
    return Plan(
        minutes=request.minutes,
        items=tuple(items),
        conditions_covered=tuple(c for c in request.conditions if c in covered),
        conditions_uncovered=tuple(c for c in request.conditions if c not in covered),
        notes=tuple(notes),
        request=request.plain(),
        proven_best=selection.proven_optimal,
    )
