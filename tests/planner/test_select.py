"""The solver's choice is exactly optimal: brute force agrees on many small random instances, with
key muscles, groups, levels (deep ones never alone) and gentle routines among them."""

from __future__ import annotations

import itertools
import random

import pytest

from supple.catalog.models import Exercise
from supple.planner.candidates import dose_options
from supple.planner.expand import total_seconds, work_steps
from supple.planner.select import Candidate, feasible, objective, routine_seconds, select

POSITIONS = ["standing", "seated-chair", "kneeling", "supine"]
MUSCLES = ["glutes", "hamstrings", "quadriceps", "hip-flexors", "soleus", "calves-gastrocnemius"]
GROUPS = {"soleus": "calves", "calves-gastrocnemius": "calves"}
CONDITIONS = ["hip-pain", "sciatica", "knee-pain"]
KEY_MUSCLES = {
    "hip-pain": ["glutes", "hip-flexors"], "sciatica": ["glutes", "hamstrings"],
    "knee-pain": ["quadriceps", "calves-gastrocnemius"],
}  # fmt: skip


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
            "level": rng.choice(["gentle", "standard", "standard", "deep"]),
            "position": rng.choice(POSITIONS),
            "sided": sided,
            "targets": rng.sample(MUSCLES, rng.randint(1, 2)),
            "helps_with": rng.sample(CONDITIONS, rng.randint(1, 2)),
            "dosage": dosage,
            "steps": ["Do it."],
            "sources": [{"title": "t", "facts": ["f"]}],
        }
    )


def candidates_for(exercises: list[Exercise], wanted: set[str], *, gentle: bool = False) -> list[Candidate]:
    """As the planner's pool builds them: listed or key-muscle conditions, the main target's group,
    and the dose a gentle routine prefers (the short one)."""
    found = []
    for exercise in exercises:
        main = exercise.targets[0]
        key = frozenset(c for c in wanted if main in KEY_MUSCLES[c])
        helps = frozenset(set(exercise.helps_with) & wanted) | (key if exercise.kind == "static" else frozenset())
        if helps:
            options = dose_options(exercise)
            for full, dosed in options:
                seconds = total_seconds(work_steps(dosed, dosed.dosage))
                preferred = (not full or len(options) == 1) if gentle else full
                found.append(
                    Candidate(
                        dosed, dosed.dosage, seconds, helps, full, None, key & helps, GROUPS.get(main, ""), preferred
                    )
                )
    return found


def brute_force(candidates: list[Candidate], conditions: list[str], budget: int, *, gentle: bool = False) -> float:
    best = 0.0
    for size in range(len(candidates) + 1):
        for chosen in itertools.combinations(candidates, size):
            if feasible(chosen, budget):
                best = max(best, objective(chosen, candidates, conditions, gentle=gentle))
    return best


@pytest.mark.parametrize("seed", range(60))
def test_the_solver_matches_brute_force_on_small_random_instances(seed: int) -> None:
    rng = random.Random(seed)
    exercises = [random_exercise(rng, n) for n in range(rng.randint(3, 7))]
    conditions = rng.sample(CONDITIONS, rng.randint(1, 3))
    gentle = seed % 3 == 0
    candidates = candidates_for(exercises, set(conditions), gentle=gentle)
    budget = rng.randint(60, 900)
    selection = select(candidates, conditions=conditions, budget_s=budget, gentle=gentle)
    assert feasible(selection.chosen, budget)
    assert routine_seconds(selection.chosen) <= budget
    assert selection.objective == pytest.approx(brute_force(candidates, conditions, budget, gentle=gentle), abs=1e-9)


def test_no_candidates_select_nothing() -> None:
    assert select([], conditions=["hip-pain"], budget_s=600).chosen == ()


def test_the_same_input_gives_the_same_choice() -> None:
    rng = random.Random(7)
    exercises = [random_exercise(rng, n) for n in range(7)]
    candidates = candidates_for(exercises, set(CONDITIONS))
    first = select(candidates, conditions=CONDITIONS, budget_s=500)
    again = select(list(candidates), conditions=CONDITIONS, budget_s=500)
    assert [c.key for c in first.chosen] == [c.key for c in again.chosen]


@pytest.mark.parametrize("seed", range(10))
def test_small_instances_are_proven_optimal(seed: int) -> None:
    rng = random.Random(seed)
    exercises = [random_exercise(rng, n) for n in range(6)]
    candidates = candidates_for(exercises, set(CONDITIONS))
    assert select(candidates, conditions=CONDITIONS, budget_s=600).proven_optimal


def stretch(number: int, target: str, *, level: str = "standard", helps: tuple[str, ...] = ("knee-pain",)) -> Exercise:
    return Exercise.model_validate(
        {
            "id": f"stretch-{number}", "name": f"Stretch {number}", "summary": "A test stretch.", "kind": "static",
            "level": level, "position": "standing", "sided": False, "targets": [target], "helps_with": list(helps),
            "dosage": {"hold_s": 30, "hold_range_s": [30, 30], "reps": 1}, "steps": ["Do it."],
            "sources": [{"title": "t", "facts": ["f"]}],
        }
    )  # fmt: skip


def test_a_deep_exercise_is_never_the_only_one_for_a_condition() -> None:
    deep = candidates_for([stretch(1, "quadriceps", level="deep")], {"knee-pain"})
    assert select(deep, conditions=["knee-pain"], budget_s=900).chosen == ()
    with_gentler = candidates_for([stretch(1, "quadriceps", level="deep"), stretch(2, "hamstrings")], {"knee-pain"})
    chosen = {c.key for c in select(with_gentler, conditions=["knee-pain"], budget_s=900).chosen}
    assert chosen == {"stretch-1", "stretch-2"}
    assert not feasible([c for c in with_gentler if c.key == "stretch-1"], 900)


def test_two_exercises_on_the_same_main_target_only_when_time_is_left_over() -> None:
    exercises = [stretch(1, "calves-gastrocnemius"), stretch(2, "soleus"), stretch(3, "quadriceps")]
    candidates = candidates_for(exercises, {"knee-pain"})
    two = {c.key for c in select(candidates, conditions=["knee-pain"], budget_s=100).chosen}
    assert two == {"stretch-1", "stretch-3"}  # one calf stretch, the key one, and the quads
    assert len(select(candidates, conditions=["knee-pain"], budget_s=900).chosen) == 3  # time to spare


def test_a_key_muscle_is_preferred_to_an_exercise_the_articles_merely_list() -> None:
    exercises = [stretch(1, "hip-flexors"), stretch(2, "quadriceps")]  # both listed for knee pain
    candidates = candidates_for(exercises, {"knee-pain"})
    assert [c.key for c in select(candidates, conditions=["knee-pain"], budget_s=50).chosen] == ["stretch-2"]


def test_a_gentle_routine_prefers_the_gentle_exercise() -> None:
    exercises = [stretch(1, "quadriceps"), stretch(2, "quadriceps", level="gentle")]
    for gentle, expected in ((False, "stretch-1"), (True, "stretch-2")):
        candidates = candidates_for(exercises, {"knee-pain"}, gentle=gentle)
        chosen = select(candidates, conditions=["knee-pain"], budget_s=50, gentle=gentle).chosen
        assert [c.key for c in chosen] == [expected]


def near_copy(rng: random.Random, number: int) -> Exercise:
    """Exercises much alike (one position, two muscles, the same doses): many dominate others, the
    case the solver's pruning and its swap rows are for."""
    kind = rng.choice(["static", "static", "strength"])
    dosage: dict[str, object] = {"per_side": False}
    if kind == "static":
        dosage |= {"hold_s": 30, "hold_range_s": [20, 30], "reps": rng.choice([1, 3])}
    else:
        dosage |= {"rep_s": 3, "reps": rng.choice([5, 10])}
    return Exercise.model_validate(
        {
            "id": f"copy-{number}", "name": f"Copy {number}", "summary": "A near copy.", "kind": kind,
            "level": rng.choice(["gentle", "standard", "deep"]), "position": "standing", "sided": False,
            "targets": [rng.choice(["quadriceps", "hamstrings"])],
            "helps_with": rng.sample(CONDITIONS, rng.randint(1, 2)), "dosage": dosage, "steps": ["Do it."],
            "sources": [{"title": "t", "facts": ["f"]}],
        }
    )  # fmt: skip


@pytest.mark.parametrize("seed", range(30))
def test_the_solver_matches_brute_force_on_near_copies(seed: int) -> None:
    rng = random.Random(1000 + seed)
    exercises = [near_copy(rng, n) for n in range(6)]
    conditions = rng.sample(CONDITIONS, rng.randint(1, 2))
    gentle = seed % 2 == 1
    candidates = candidates_for(exercises, set(conditions), gentle=gentle)
    budget = rng.randint(60, 600)
    selection = select(candidates, conditions=conditions, budget_s=budget, gentle=gentle)
    assert feasible(selection.chosen, budget)
    assert selection.objective == pytest.approx(brute_force(candidates, conditions, budget, gentle=gentle), abs=1e-9)
