"""Exact selection: which exercises (and at which dose) best cover what bothers the person.

A mixed-integer program solved with HiGHS. For each requested condition the k-th exercise that
helps with it is worth COVER_WEIGHT / 2**(k-1) (the first covers it, more help less and less), and
working all the muscles that matter for it (vocab.yaml) adds MUSCLE_WEIGHT, shared among them; the standard
(longer) dose of a stretch is preferred to the short one when time allows. Time is the exact
duration the routine will take: the work itself, getting ready before each exercise, and the
longer move into each new position (the order visits each position once).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from supple.catalog.models import Dosage, Exercise
from supple.planner.expand import BREATH_S, MOVE_S, READY_S, Side
from supple.planner.milp import Model, solve

COVER_WEIGHT = 10.0
MUSCLE_WEIGHT = 4.0
FULL_DOSE_BONUS = 0.5
TIE_BREAK = 1e-3  # a tiny, id-ordered preference so that equal routines are always broken the same way
# A deterministic cap on branch-and-bound nodes. The bundled catalogue is solved and proven optimal
# in a few nodes; on very large catalogues proving the last tie-break can take minutes, so the
# search stops here with its best routine and says that optimality was not proven.
MAX_NODES = 100
START_POSITION = "standing"  # everyone starts on their feet, so standing work needs no move
# About 60 s of stretching per muscle per session (ACSM; the articles' 3 x 20-30 s): no more than
# one full stretch's worth (3 x 30 s per side) on any muscle, counted by each stretch's main target.
PER_MUSCLE_CAP_S = 90


@dataclass(frozen=True)
class Candidate:
    exercise: Exercise
    dosage: Dosage
    seconds: int  # the exercise's own steps, without getting ready or moving
    helps: frozenset[str]  # which of the requested conditions it serves
    full_dose: bool
    extra_side: Side | None = None  # the tighter side, which gets one more repetition

    @property
    def key(self) -> str:
        return self.exercise.id

    @property
    def main_target(self) -> str:
        return self.exercise.targets[0]

    @property
    def stretch_s(self) -> int:
        """Seconds of still stretching per side; 0 for moves, pushes and strengthening."""
        dosage = self.dosage
        if self.exercise.kind != "static":
            return 0
        per_rep = dosage.hold_s if dosage.hold_s is not None else (dosage.breaths or 0) * BREATH_S
        # The tighter side's extra repetition is on purpose above the usual dose: not counted here.
        return (dosage.reps or 1) * per_rep


@dataclass(frozen=True)
class Selection:
    chosen: tuple[Candidate, ...]
    objective: float
    proven_optimal: bool = True


def move_cost(position: str) -> int:
    return 0 if position == START_POSITION else MOVE_S - READY_S


def routine_seconds(chosen: Sequence[Candidate]) -> int:
    """Time of the chosen exercises in a position-grouped order (the warm-up is separate)."""
    positions = {c.exercise.position for c in chosen}
    return sum(c.seconds + READY_S for c in chosen) + sum(move_cost(p) for p in positions)


def feasible(chosen: Sequence[Candidate], budget_s: int) -> bool:
    """Within the time budget, one dose per exercise, and within the per-muscle stretching cap."""
    if len({c.key for c in chosen}) < len(chosen) or routine_seconds(chosen) > budget_s:
        return False
    per_muscle: dict[str, int] = {}
    for candidate in chosen:
        per_muscle[candidate.main_target] = per_muscle.get(candidate.main_target, 0) + candidate.stretch_s
    return all(total <= PER_MUSCLE_CAP_S for total in per_muscle.values())


def _works(candidate: Candidate, condition: str, muscle: str) -> bool:
    return condition in candidate.helps and muscle in candidate.exercise.targets


def _tie_breaks(candidates: Sequence[Candidate]) -> dict[tuple[str, bool], float]:
    keys = sorted({(c.key, c.full_dose) for c in candidates})
    return {key: TIE_BREAK * (len(keys) - index) / len(keys) for index, key in enumerate(keys)}


def objective(
    chosen: Sequence[Candidate],
    candidates: Sequence[Candidate],
    conditions: Sequence[str],
    key_muscles: Mapping[str, Sequence[str]],
) -> float:
    """The value the solver maximises, computed directly (tests check the solver against it)."""
    value = 0.0
    for condition in conditions:
        hits = sum(1 for c in chosen if condition in c.helps)
        value += sum(COVER_WEIGHT / 2**k for k in range(hits))
        muscles = key_muscles.get(condition, ())
        worked = [m for m in muscles if any(_works(c, condition, m) for c in chosen)]
        value += MUSCLE_WEIGHT * len(worked) / max(len(muscles), 1)
    ties = _tie_breaks(candidates)
    value += sum(FULL_DOSE_BONUS * c.full_dose + ties[(c.key, c.full_dose)] for c in chosen)
    return value


def select(
    candidates: Sequence[Candidate],
    *,
    conditions: Sequence[str],
    budget_s: int,
    key_muscles: Mapping[str, Sequence[str]],
) -> Selection:
    """The optimal set of candidates within the time budget (at most one dose per exercise)."""
    if not candidates:
        return Selection(chosen=(), objective=0.0)
    model = Model()
    ties = _tie_breaks(candidates)
    x = [model.binary(FULL_DOSE_BONUS * c.full_dose + ties[(c.key, c.full_dose)]) for c in candidates]
    by_exercise: dict[str, list[int]] = {}
    for i, candidate in enumerate(candidates):
        by_exercise.setdefault(candidate.key, []).append(i)
    for indices in by_exercise.values():
        if len(indices) > 1:
            model.at_most({x[i]: 1.0 for i in indices}, 1.0)
    for muscle in sorted({c.main_target for c in candidates if c.stretch_s}):
        stretching = {
            x[i]: float(c.stretch_s) for i, c in enumerate(candidates) if c.stretch_s and c.main_target == muscle
        }
        if sum(stretching.values()) > PER_MUSCLE_CAP_S:
            model.at_most(stretching, PER_MUSCLE_CAP_S)
    for condition in conditions:
        _add_coverage(model, x, candidates, condition, key_muscles.get(condition, ()))
    time = {x[i]: float(c.seconds + READY_S) for i, c in enumerate(candidates)}
    for position in sorted({c.exercise.position for c in candidates}):
        if move_cost(position):
            used = model.binary()
            for i, candidate in enumerate(candidates):
                if candidate.exercise.position == position:
                    model.at_most({x[i]: 1.0, used: -1.0}, 0.0)
            time[used] = float(move_cost(position))
    model.at_most(time, budget_s)
    solution = solve(model, max_nodes=MAX_NODES)
    chosen = tuple(c for i, c in enumerate(candidates) if solution.values[x[i]] > 0.5)
    return Selection(chosen, objective(chosen, candidates, conditions, key_muscles), solution.proven_optimal)


def _add_coverage(
    model: Model, x: Sequence[str], candidates: Sequence[Candidate], condition: str, muscles: Sequence[str]
) -> None:
    """The k-th helping exercise is worth COVER_WEIGHT / 2**k; the key muscles share MUSCLE_WEIGHT.

    z_k <= 1 with sum(z) <= (exercises chosen that help): since the weights fall with k, the
    solver fills z_0, z_1, ... in order, so the objective counts exactly the diminishing value.
    """
    helping = [i for i, c in enumerate(candidates) if condition in c.helps]
    distinct = len({candidates[i].key for i in helping})
    if not distinct:
        return
    z = [model.variable(low=0.0, high=1.0, objective=COVER_WEIGHT / 2**k) for k in range(distinct)]
    model.at_most({**dict.fromkeys(z, 1.0), **{x[i]: -1.0 for i in helping}}, 0.0)
    for muscle in muscles:
        working = [i for i in helping if _works(candidates[i], condition, muscle)]
        if working:
            u = model.variable(low=0.0, high=1.0, objective=MUSCLE_WEIGHT / len(muscles))
            model.at_most({u: 1.0, **{x[i]: -1.0 for i in working}}, 0.0)
