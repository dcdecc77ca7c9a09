"""Which exercises may enter a routine, at which doses, and why the others may not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from supple.catalog.models import Catalog, Exercise, Vocabulary
from supple.planner.expand import total_seconds, work_steps
from supple.planner.personal import Personal
from supple.planner.request import PlanRequest
from supple.planner.select import PER_MUSCLE_CAP_S, Candidate
from supple.safety.models import Precaution
from supple.safety.rules import decide


@dataclass
class Pool:
    candidates: list[Candidate] = field(default_factory=list)
    # exercise id -> why it was left out (only exercises that would have helped)
    excluded: dict[str, str] = field(default_factory=dict)
    # exercise id -> how it must be done differently
    modifications: dict[str, tuple[str, ...]] = field(default_factory=dict)


def dose_options(exercise: Exercise) -> list[tuple[bool, Exercise]]:
    """The full dose, and for timed stretches a shorter hold at the low end of the sources' range.

    Both keep the stretching guidance (20-30 s holds, 3 repetitions, each side): the short one
    gives about 60 s per muscle, the full one up to 90 s.
    """
    options = [(True, exercise)]
    dosage = exercise.dosage
    if exercise.kind == "static" and dosage.hold_range_s and dosage.hold_s:
        low = max(dosage.hold_range_s[0], 20)
        if low < dosage.hold_s:
            short = dosage.model_copy(update={"hold_s": low})
            options.append((False, exercise.model_copy(update={"dosage": short})))
    return options


def _why_not(
    exercise: Exercise, request: PlanRequest, precautions: Iterable[Precaution], vocabulary: Vocabulary
) -> str | tuple[str, ...]:
    """A reason string when the exercise is out, in words (the plan's notes show it); otherwise its
    modifications (maybe none)."""
    if exercise.id in request.without:
        return "you swapped it out"
    if exercise.position in request.avoid_positions:
        position = vocabulary.positions[exercise.position].label.lower()
        return f"its position ({position}) is one you asked to avoid"
    missing = sorted(set(exercise.equipment.required) - request.at_hand)
    if missing:
        needed = ", ".join(vocabulary.equipment[item].label.lower() for item in missing)
        return f"it needs {needed}, which you don't have at hand"
    decision = decide(exercise, precautions, equipment=request.at_hand)
    if decision.status == "excluded":
        return " ".join(decision.reasons)
    return decision.modifications


def personal_dose(exercise: Exercise, personal: Personal) -> list[tuple[bool, Exercise]]:
    """The person's own hold for a stretch (grown with the habit, or cut back after pain); fewer
    repetitions when the hold is long, keeping about PER_MUSCLE_CAP_S of stretching per muscle."""
    hold = personal.hold_s.get(exercise.id)
    dosage = exercise.dosage
    if hold is None or exercise.kind != "static" or dosage.hold_s is None:
        return []
    reps = min(dosage.reps or 1, max(1, PER_MUSCLE_CAP_S // hold))
    in_range = dosage.hold_range_s is not None and dosage.hold_range_s[0] <= hold <= dosage.hold_range_s[1]
    personal_dosage = dosage.model_copy(
        update={"hold_s": hold, "reps": reps, "hold_range_s": dosage.hold_range_s if in_range else None}
    )
    return [(True, exercise.model_copy(update={"dosage": personal_dosage}))]


def build_pool(
    catalog: Catalog, request: PlanRequest, precautions: Iterable[Precaution], personal: Personal | None = None
) -> Pool:
    active = tuple(precautions)
    personal = personal or Personal()
    pool = Pool()
    wanted = set(request.conditions)
    for exercise in sorted(catalog, key=lambda e: e.id):
        helps = frozenset(set(exercise.helps_with) & wanted)
        if exercise.kind == "warmup" or not helps:
            continue
        verdict = _why_not(exercise, request, active, catalog.vocabulary)
        if exercise.id in personal.avoid and any(e in catalog.exercises for e in exercise.easier):
            verdict = personal.avoid[exercise.id]
        if isinstance(verdict, str):
            pool.excluded[exercise.id] = verdict
            continue
        if verdict:
            pool.modifications[exercise.id] = verdict
        extra = personal.extra_rep.get(exercise.id) if exercise.sided else None
        for full, dosed in personal_dose(exercise, personal) or dose_options(exercise):
            seconds = total_seconds(work_steps(dosed, dosed.dosage, extra_reps={extra: 1} if extra else None))
            pool.candidates.append(Candidate(dosed, dosed.dosage, seconds, helps, full, extra))
    return pool


def easier_choice(
    catalog: Catalog,
    *,
    exercise_id: str,
    request: PlanRequest,
    precautions: Iterable[Precaution],
    in_routine: Iterable[str] = (),
) -> tuple[Exercise, tuple[str, ...]] | None:
    """The first easier alternative to the exercise that the routine allows, as a swap would: its
    position, equipment, swapped-out exercises and precautions, and not one it has already. At the
    gentle end of its dose, with the modifications it needs; None when nothing easier fits."""
    active, present = tuple(precautions), set(in_routine)
    for easier_id in catalog.exercises[exercise_id].easier:
        if easier_id in present or easier_id not in catalog.exercises:
            continue
        for _, exercise in reversed(dose_options(catalog.exercises[easier_id])):  # the shorter hold first
            verdict = _why_not(exercise, request, active, catalog.vocabulary)
            if not isinstance(verdict, str):
                return exercise, verdict
    return None
