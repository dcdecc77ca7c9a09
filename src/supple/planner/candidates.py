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
    """The exercises a routine may be chosen from, and those left out, with the reasons."""

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


def why_not(
    exercise: Exercise, request: PlanRequest, precautions: Iterable[Precaution], vocabulary: Vocabulary
) -> str | tuple[str, ...]:
    """A reason string when the exercise is out, in words (the plan's notes show it); otherwise its
    modifications (maybe none)."""
    if exercise.id in request.without:
        return "you swapped it out"
    if exercise.position in request.avoid_positions:
        position = vocabulary.positions[exercise.position].label.lower()
        return f"its position ({position}) is one you asked to avoid"
    missing = missing_equipment(exercise, request.at_hand, vocabulary)
    if missing:
        needed = ", ".join(vocabulary.equipment[item].label.lower() for item in missing)
        return f"it needs {needed}, which you don't have at hand"
    decision = decide(exercise, precautions, equipment=request.at_hand)
    if decision.status == "excluded":
        return " ".join(decision.reasons)
    gentle = gentle_reason(request, precautions)
    if exercise.level == "deep" and gentle:
        return f"it is a deep stretch, and supple keeps to gentler ones because {gentle}"
    return decision.modifications


def missing_equipment(exercise: Exercise, at_hand: frozenset[str], vocabulary: Vocabulary) -> list[str]:
    """What the exercise needs that is not at hand, and nothing at hand stands in for (a chair's
    seat for a raised surface)."""
    return sorted(
        item
        for item in exercise.equipment.required
        if item not in at_hand and not set(vocabulary.stand_ins(item)) & at_hand
    )


def serves(exercise: Exercise, wanted: Iterable[str], vocabulary: Vocabulary) -> tuple[frozenset[str], frozenset[str]]:
    """The requested conditions the exercise serves, and those it serves through a key muscle.

    It serves the conditions the articles list it for; a still stretch also serves those whose key
    muscles (vocab.yaml) include its main target, since stretching that muscle is the point.
    """
    key = frozenset(c for c in wanted if exercise.targets[0] in vocabulary.key_muscles(c))
    helps = frozenset(set(exercise.helps_with) & set(wanted))
    if exercise.kind == "static":
        helps |= key
    return helps, key & helps


def gentle_reason(request: PlanRequest, precautions: Iterable[Precaution]) -> str | None:
    """Why the routine keeps to gentle exercises and short holds, or None when it need not."""
    if request.new_to_stretching:
        return "you are new to stretching"
    if request.gentle:
        return f"your pain today is {request.pain_today} out of 10"
    titles = [p.title.lower() for p in precautions if p.gentle]
    if titles:
        return f"of what you told the safety questions ({titles[0]})"
    return None


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
    vocabulary = catalog.vocabulary
    gentle = gentle_reason(request, active) is not None
    for exercise in sorted(catalog, key=lambda e: e.id):
        helps, key_for = serves(exercise, request.conditions, vocabulary)
        if exercise.kind == "warmup" or not helps:
            continue
        verdict = why_not(exercise, request, active, catalog.vocabulary)
        if exercise.id in personal.avoid and any(e in catalog.exercises for e in exercise.easier):
            verdict = personal.avoid[exercise.id]
        if isinstance(verdict, str):
            pool.excluded[exercise.id] = verdict
            continue
        if verdict:
            pool.modifications[exercise.id] = verdict
        extra = personal.extra_rep.get(exercise.id) if exercise.sided else None
        options = personal_dose(exercise, personal) or dose_options(exercise)
        group = vocabulary.group_of(exercise.targets[0])
        for full, dosed in options:
            seconds = total_seconds(work_steps(dosed, dosed.dosage, extra_reps={extra: 1} if extra else None))
            # start slowly: a gentle routine prefers the shorter hold where there is one
            preferred = (not full or len(options) == 1) if gentle else full
            pool.candidates.append(
                Candidate(dosed, dosed.dosage, seconds, helps, full, extra, key_for, group, preferred)
            )
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
            verdict = why_not(exercise, request, active, catalog.vocabulary)
            if not isinstance(verdict, str):
                return exercise, verdict
    return None
