"""The solver's choice is exactly optimal: brute force agrees on many small random instances."""

from __future__ import annotations

import itertools
import random

import pytest

from supple.catalog.models import Exercise
from supple.planner.candidates import dose_options
from supple.planner.expand import total_seconds, work_steps
from supple.planner.select import Candidate, feasible, objective, routine_seconds, select

POSITIONS = ["standing", "seated-chair", "kneeling", "supine"]
MUSCLES = ["glutes", "hamstrings", "quadriceps", "hip-flexors"]
CONDITIONS = ["hip-pain", "sciatica", "knee-pain"]
KEY_MUSCLES = {"hip-pain": ["glutes", "hip-flexors"], "sciatica": ["glutes", "hamstrings"], "knee-pain": ["quadriceps"]}


def random_exercise(rng: random.Random, number: int) -> Exercise:
    kind = rng.choice(["static", "static", "strength"])
    sided = rng.random() < 0.5
    dosage: dict[str, object] = {"reps": rng.randint(1, 3), "per_side": sided}
    if kind == "static":
        dosage |= {"hold_s": 30, "hold_range_s": [rng.choice([20, 30]), 30]}
    else:
        dosage |= {"rep_s": 3, "reps": 10}
    return Exercise.model_validate(
        {
            "id": f"exercise-{number}",
            "name": f"Exercise {number}",
            "summary": "A test exercise.",
            "kind": kind,
            "position": rng.choice(POSITIONS),
            "sided": sided,
            "targets": rng.sample(MUSCLES, rng.randint(1, 2)),
            "helps_with": rng.sample(CONDITIONS, rng.randint(1, 2)),
            "dosage": dosage,
            "steps": ["Do it."],
            "sources": [{"title": "t", "facts": ["f"]}],
        }
    )


def candidates_for(exercises: list[Exercise], wanted: set[str]) -> list[Candidate]:
    found = []
    for exercise in exercises:
        helps = frozenset(set(exercise.helps_with) & wanted)
        if helps:
            for full, dosed in dose_options(exercise):
                seconds = total_seconds(work_steps(dosed, dosed.dosage))
                found.append(Candidate(dosed, dosed.dosage, seconds, helps, full))
    return found


def brute_force(candidates: list[Candidate], conditions: list[str], budget: int) -> float:
    best = 0.0
    for size in range(len(candidates) + 1):
        for chosen in itertools.combinations(candidates, size):
            if feasible(chosen, budget):
                best = max(best, objective(chosen, candidates, conditions, KEY_MUSCLES))
    return best


@pytest.mark.parametrize("seed", range(60))
def test_the_solver_matches_brute_force_on_small_random_instances(seed: int) -> None:
    rng = random.Random(seed)
    exercises = [random_exercise(rng, n) for n in range(rng.randint(3, 7))]
    conditions = rng.sample(CONDITIONS, rng.randint(1, 3))
    candidates = candidates_for(exercises, set(conditions))
    budget = rng.randint(60, 900)
    selection = select(candidates, conditions=conditions, budget_s=budget, key_muscles=KEY_MUSCLES)
    assert feasible(selection.chosen, budget)
    assert routine_seconds(selection.chosen) <= budget
    assert selection.objective == pytest.approx(brute_force(candidates, conditions, budget), abs=1e-9)


def test_no_candidates_select_nothing() -> None:
    assert select([], conditions=["hip-pain"], budget_s=600, key_muscles=KEY_MUSCLES).chosen == ()


def test_the_same_input_gives_the_same_choice() -> None:
    rng = random.Random(7)
    exercises = [random_exercise(rng, n) for n in range(7)]
    candidates = candidates_for(exercises, set(CONDITIONS))
    first = select(candidates, conditions=CONDITIONS, budget_s=500, key_muscles=KEY_MUSCLES)
    again = select(list(candidates), conditions=CONDITIONS, budget_s=500, key_muscles=KEY_MUSCLES)
    assert [c.key for c in first.chosen] == [c.key for c in again.chosen]


@pytest.mark.parametrize("seed", range(10))
def test_small_instances_are_proven_optimal(seed: int) -> None:
    rng = random.Random(seed)
    exercises = [random_exercise(rng, n) for n in range(6)]
    candidates = candidates_for(exercises, set(CONDITIONS))
    assert select(candidates, conditions=CONDITIONS, budget_s=600, key_muscles=KEY_MUSCLES).proven_optimal
