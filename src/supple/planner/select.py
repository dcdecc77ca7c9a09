"""Exact selection: which exercises (and at which dose) best cover what bothers the person.

A mixed-integer program solved with HiGHS. For each requested condition, covering it at all is
worth COVER_WEIGHT; then each of its key muscles (vocab.yaml) worked as an exercise's main target
adds KEY_WEIGHT, and each other main-target group the articles merely list an exercise for adds
TAGGED_WEIGHT, unless a key muscle of that group is worked already (the two calf muscles are one
group: a second calf stretch for lower back pain adds nothing). Each counts once per condition,
so a second exercise on muscles already worked earns only EXTRA_WEIGHT, like any exercise: it
comes in when time is left and nothing else fits ("no two exercises with the same main target
unless time forces it"). What only tells one good routine from another costs a little
instead of adding: the other dose than the preferred one (the standard hold; the short one for a
gentle routine), a deep exercise, and in a gentle routine one that is not gentle. A deep
exercise is never a condition's only one.

Time is the exact duration the routine will take: the work itself, getting ready before each
exercise, and the longer move into each new position (the order visits each position once).

A large catalogue has many exercises much alike. One that another does at least as well, in no
more time, is left out when the two cannot share their muscle's stretching cap, and otherwise may
come in only beside it: neither changes the optimum (tests/planner/test_select.py checks against
brute force), and both spare the solver from routines that differ only by such a swap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from supple.catalog.models import Dosage, Exercise
from supple.planner.expand import BREATH_S, MOVE_S, READY_S, Side
from supple.planner.milp import Model, solve

COVER_WEIGHT = 10.0
KEY_WEIGHT = 3.0
TAGGED_WEIGHT = 1.0
EXTRA_WEIGHT = 0.1
DOSE_COST = 0.5
DEEP_COST = 0.6
NOT_GENTLE_COST = 0.4  # in a gentle routine
TIE_BREAK = 1e-3  # a tiny, id-ordered preference so that equal routines are always broken the same way
# A deterministic cap on branch-and-bound nodes. The bundled catalogue is solved and proven optimal
# in a few nodes; on very large catalogues proving the last tie-break can take minutes, so the
# search stops here with its best routine and says that optimality was not proven.
MAX_NODES = 100
# The most candidates handed to the solver. A generated catalogue of 2,000 exercises leaves at most
# about 900 after the exact pruning below, solved and proven optimal in well under 500 ms; one of
# 20,000 leaves up to 4,000, which HiGHS cannot prove within seconds. Beyond this many, each
# position's exercises on one main target are cut to the same number of the most promising, and the
# selection says that optimality was not proven (bench/selection.py has the figures).
MODEL_LIMIT = 1000
START_POSITION = "standing"  # everyone starts on their feet, so standing work needs no move
# About 60 s of stretching per muscle per session (ACSM; the articles' 3 x 20-30 s): no more than
# one full stretch's worth (3 x 30 s per side) on any muscle, counted by each stretch's main target.
PER_MUSCLE_CAP_S = 90


@dataclass(frozen=True)
class Candidate:
    """An exercise the selection may choose, at the dose it would be done at."""

    exercise: Exercise
    dosage: Dosage
    seconds: int  # the exercise's own steps, without getting ready or moving
    helps: frozenset[str]  # which of the requested conditions it serves
    full_dose: bool
    extra_side: Side | None = None  # the tighter side, which gets one more repetition
    # The requested conditions whose key muscles include its main target's group (the rest of
    # `helps` are the conditions the articles list it for).
    key_for: frozenset[str] = frozenset()
    group: str = ""  # the main target's group (vocab.yaml); empty: the main target itself
    preferred_dose: bool | None = None  # the dose to prefer; None: the full one

    @property
    def key(self) -> str:
        return self.exercise.id

    @property
    def main_target(self) -> str:
        return self.exercise.targets[0]

    @property
    def main_group(self) -> str:
        return self.group or self.main_target

    @property
    def preferred(self) -> bool:
        return self.full_dose if self.preferred_dose is None else self.preferred_dose

    @property
    def deep(self) -> bool:
        return self.exercise.level == "deep"

    @cached_property  # read about a million times when a catalogue of 20,000 is pruned
    def stretch_s(self) -> int:
        """Seconds of still stretching per side; 0 for moves, pushes and strengthening."""
        dosage = self.dosage
        if self.exercise.kind != "static":
            return 0
        per_rep = dosage.hold_s if dosage.hold_s is not None else (dosage.breaths or 0) * BREATH_S
        # The tighter side's extra repetition is on purpose above the usual dose: not counted here.
        return (dosage.reps or 1) * per_rep

    def unit_for(self, condition: str) -> tuple[str, str]:
        """What the exercise counts as for a condition: a key muscle, or a group the articles list."""
        return ("key", self.main_target) if condition in self.key_for else ("listed", self.main_group)


@dataclass(frozen=True)
class Selection:
    """The exercises chosen for a routine, and the value of the choice."""

    chosen: tuple[Candidate, ...]
    objective: float
    # False when the search stopped at its node limit, or the candidates were cut to MODEL_LIMIT:
    # the routine is the best found, and may not be the best there is.
    proven_optimal: bool = True


def move_cost(position: str) -> int:
    return 0 if position == START_POSITION else MOVE_S - READY_S


def routine_seconds(chosen: Sequence[Candidate]) -> int:
    """Time of the chosen exercises in a position-grouped order (the warm-up is separate)."""
    positions = {c.exercise.position for c in chosen}
    return sum(c.seconds + READY_S for c in chosen) + sum(move_cost(p) for p in positions)


def feasible(chosen: Sequence[Candidate], budget_s: int) -> bool:
    """Within the time budget, one dose per exercise, within the per-muscle stretching cap, and no
    condition served by deep exercises alone."""
    if len({c.key for c in chosen}) < len(chosen) or routine_seconds(chosen) > budget_s:
        return False
    per_muscle: dict[str, int] = {}
    for candidate in chosen:
        per_muscle[candidate.main_target] = per_muscle.get(candidate.main_target, 0) + candidate.stretch_s
    if any(total > PER_MUSCLE_CAP_S for total in per_muscle.values()):
        return False
    deep_only = {d for c in chosen if c.deep for d in c.helps}
    return all(any(d in c.helps and not c.deep for c in chosen) for d in deep_only)


def _tie_breaks(candidates: Sequence[Candidate]) -> dict[tuple[str, bool], float]:
    keys = sorted({(c.key, c.full_dose) for c in candidates})
    return {key: TIE_BREAK * (len(keys) - index) / len(keys) for index, key in enumerate(keys)}


def _own_value(candidate: Candidate, gentle: bool) -> float:
    """What an exercise is worth whatever else is chosen: a little for itself, less the costs of
    its dose and its level."""
    value = EXTRA_WEIGHT - DOSE_COST * (not candidate.preferred) - DEEP_COST * candidate.deep
    return value - (NOT_GENTLE_COST if gentle and candidate.exercise.level != "gentle" else 0.0)


def objective(
    chosen: Sequence[Candidate], candidates: Sequence[Candidate], conditions: Sequence[str], *, gentle: bool = False
) -> float:
    """The value the solver maximises, computed directly (tests check the solver against it)."""
    value = 0.0
    for condition in conditions:
        helping = [c for c in chosen if condition in c.helps]
        value += COVER_WEIGHT if helping else 0.0
        units = {c.unit_for(condition) for c in helping}
        key_groups = {c.main_group for c in helping if condition in c.key_for}
        value += KEY_WEIGHT * sum(1 for kind, _ in units if kind == "key")
        value += TAGGED_WEIGHT * sum(1 for kind, group in units if kind == "listed" and group not in key_groups)
    ties = _tie_breaks(candidates)
    return value + sum(_own_value(c, gentle) + ties[(c.key, c.full_dose)] for c in chosen)


def select(
    candidates: Sequence[Candidate],
    *,
    conditions: Sequence[str],
    budget_s: int,
    gentle: bool = False,
    model_limit: int = MODEL_LIMIT,
) -> Selection:
    """The optimal set of candidates within the time budget (at most one dose per exercise); for
    more than model_limit candidates left after the exact pruning, the best among the most
    promising, said so by proven_optimal."""
    if not candidates:
        return Selection(chosen=(), objective=0.0)
    ties = _tie_breaks(candidates)
    everything = candidates
    candidates = _without_the_dominated(_within_limits(candidates, budget_s), gentle, ties)
    candidates, cut = _most_promising(candidates, gentle, ties, model_limit)
    if not candidates:
        return Selection(chosen=(), objective=0.0, proven_optimal=not cut)
    model = Model()
    x = [model.binary(_own_value(c, gentle) + ties[(c.key, c.full_dose)]) for c in candidates]
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
        _add_coverage(model, x, candidates, condition)
    _add_time(model, x, candidates, budget_s)
    _add_dominance(model, x, candidates, by_exercise, lambda a, b: _dominates(a, b, gentle, ties))
    solution = solve(model, max_nodes=MAX_NODES)
    chosen = tuple(c for i, c in enumerate(candidates) if solution.values[x[i]] > 0.5)
    value = objective(chosen, everything, conditions, gentle=gentle)
    return Selection(chosen, value, solution.proven_optimal and not cut)


def _within_limits(candidates: Sequence[Candidate], budget_s: int) -> list[Candidate]:
    """The candidates that fit on their own: in the time budget (getting ready and moving into
    their position included) and within their muscle's stretching cap."""
    return [
        c
        for c in candidates
        if c.seconds + READY_S + move_cost(c.exercise.position) <= budget_s and c.stretch_s <= PER_MUSCLE_CAP_S
    ]


def _most_promising(
    candidates: Sequence[Candidate], gentle: bool, ties: dict[tuple[str, bool], float], limit: int
) -> tuple[Sequence[Candidate], bool]:
    """At most `limit` candidates, and whether any were cut: in each position, for each main
    target, the same number of those first by the conditions they serve through a key muscle, then
    by the conditions they serve, then by their own value, then the shortest. The same number for
    all, the largest that keeps within the limit, so that no condition or muscle is left out."""
    if len(candidates) <= limit:
        return candidates, False
    buckets: dict[tuple[str, str], list[Candidate]] = {}
    for candidate in candidates:
        buckets.setdefault((candidate.exercise.position, candidate.main_target), []).append(candidate)
    sizes = sorted(len(members) for members in buckets.values())
    each = 1
    while each < sizes[-1] and sum(min(size, each + 1) for size in sizes) <= limit:
        each += 1
    kept: set[int] = set()
    for members in buckets.values():
        ranked = sorted(
            members,
            key=lambda c: (
                -len(c.key_for),
                -len(c.helps),
                -(_own_value(c, gentle) + ties[(c.key, c.full_dose)]),
                c.seconds,
            ),
        )
        kept.update(id(c) for c in ranked[:each])
    return [c for c in candidates if id(c) in kept], True


def _add_time(model: Model, x: Sequence[str], candidates: Sequence[Candidate], budget_s: int) -> None:
    time = {x[i]: float(c.seconds + READY_S) for i, c in enumerate(candidates)}
    for position in sorted({c.exercise.position for c in candidates}):
        if move_cost(position):
            used = model.binary()
            for i, candidate in enumerate(candidates):
                if candidate.exercise.position == position:
                    model.at_most({x[i]: 1.0, used: -1.0}, 0.0)
            time[used] = float(move_cost(position))
    model.at_most(time, budget_s)


def _add_coverage(model: Model, x: Sequence[str], candidates: Sequence[Candidate], condition: str) -> None:
    """Covered at all (y), each key muscle once (k) and each listed group once (g), a group not
    counting beside a key muscle of its own: y <= 1 and y <= (helping exercises chosen); each k, g
    <= 1 and <= the exercises chosen that count as it; g + k <= 1 for a key muscle in the group.
    A deep exercise needs a gentler one for the same condition beside it (through one variable, so
    the rows stay as short as the exercises are many).
    """
    helping = [i for i, c in enumerate(candidates) if condition in c.helps]
    if not helping:
        return
    covered = model.variable(low=0.0, high=1.0, objective=COVER_WEIGHT)
    model.at_most({covered: 1.0, **{x[i]: -1.0 for i in helping}}, 0.0)
    counted: dict[tuple[str, str], str] = {}
    for unit in sorted({candidates[i].unit_for(condition) for i in helping}):
        weight = KEY_WEIGHT if unit[0] == "key" else TAGGED_WEIGHT
        counted[unit] = model.variable(low=0.0, high=1.0, objective=weight)
        members = [i for i in helping if candidates[i].unit_for(condition) == unit]
        model.at_most({counted[unit]: 1.0, **{x[i]: -1.0 for i in members}}, 0.0)
    beside = {
        (counted[("listed", c.main_group)], counted[("key", c.main_target)])
        for c in (candidates[i] for i in helping)
        if condition in c.key_for and ("listed", c.main_group) in counted
    }
    for listed, key in sorted(beside):
        model.at_most({listed: 1.0, key: 1.0}, 1.0)
    deep = [i for i in helping if candidates[i].deep]
    if deep:  # each deep one chosen needs a gentler one: d <= (gentler chosen), x_deep <= d
        gentler = model.variable(low=0.0, high=1.0)
        model.at_most({gentler: 1.0, **{x[j]: -1.0 for j in helping if not candidates[j].deep}}, 0.0)
        for i in deep:
            model.at_most({x[i]: 1.0, gentler: -1.0}, 0.0)


def _dominates(a: Candidate, b: Candidate, gentle: bool, ties: dict[tuple[str, bool], float]) -> bool:
    """Whether a routine with b in place of a is never better: a is another exercise, in the same
    position on the same main target, that serves at least b's conditions as well, in no more time
    and no more stretching, is not deep, and is worth more for itself."""
    return (
        a.key != b.key
        and not a.deep
        and a.seconds <= b.seconds
        and a.stretch_s <= b.stretch_s
        and a.helps >= b.helps
        and a.key_for >= b.key_for
        and _own_value(a, gentle) + ties[(a.key, a.full_dose)] > _own_value(b, gentle) + ties[(b.key, b.full_dose)]
    )


def _without_the_dominated(
    candidates: Sequence[Candidate], gentle: bool, ties: dict[tuple[str, bool], float]
) -> list[Candidate]:
    """The candidates less the stretches no optimal routine has: one that another dominates (see
    _dominates) and cannot share its main target's stretching cap with, at either of that one's doses.
    Beside it the cap is broken, and without it the swap would do better."""
    least: dict[str, int] = {}  # each exercise's least stretching over its doses
    for candidate in candidates:
        least[candidate.key] = min(least.get(candidate.key, candidate.stretch_s), candidate.stretch_s)
    buckets: dict[tuple[str, str], list[Candidate]] = {}
    for candidate in candidates:
        buckets.setdefault((candidate.exercise.position, candidate.main_target), []).append(candidate)
    dropped: set[int] = set()
    for members in buckets.values():
        # _dominates, unrolled over each bucket's members sorted by worth: a catalogue of 20,000
        # compares about a million pairs here (bench/selection.py).
        ranked = sorted(
            ((_own_value(c, gentle) + ties[(c.key, c.full_dose)], c) for c in members),
            key=lambda pair: -pair[0],
        )
        for j, (worth, b) in enumerate(ranked):
            if b.stretch_s and any(
                better > worth
                and least[a.key] + b.stretch_s > PER_MUSCLE_CAP_S
                and a.seconds <= b.seconds
                and a.stretch_s <= b.stretch_s
                and a.key != b.key
                and not a.deep
                and a.helps >= b.helps
                and a.key_for >= b.key_for
                for better, a in ranked[:j]
            ):
                dropped.add(id(b))
    return [candidate for candidate in candidates if id(candidate) not in dropped]


def _add_dominance(
    model: Model,
    x: Sequence[str],
    candidates: Sequence[Candidate],
    by_exercise: dict[str, list[int]],
    dominates: Callable[[Candidate, Candidate], bool],
) -> None:
    """x_b <= (a chosen, at either dose) when a dominates b: swapping b for a keeps a routine within
    every limit and raises its value, so an optimal routine never has b without a. The rows change
    no optimum; they spare the solver from trying routines that only differ by such a swap, which
    a large catalogue of near-copies has many of."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, candidate in enumerate(candidates):
        buckets.setdefault((candidate.exercise.position, candidate.main_target), []).append(i)
    for members in buckets.values():
        for j in members:
            better = next((i for i in members if dominates(candidates[i], candidates[j])), None)
            if better is not None:
                doses = by_exercise[candidates[better].key]
                model.at_most({x[j]: 1.0, **{x[i]: -1.0 for i in doses}}, 0.0)
