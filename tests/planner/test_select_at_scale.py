"""No catalogue is too large to plan from: the selection cuts a large one to its most promising
candidates and says that the routine was not proven the best (bench/selection.py times it)."""

from __future__ import annotations

import random

from bench.selection import generated_catalog
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.planner.test_select import candidates_for, near_copy, random_exercise

from supple.planner.plan import NOT_PROVEN_BEST, build_plan
from supple.planner.request import PlanRequest
from supple.planner.select import feasible, objective, select

CONDITIONS = ["hip-pain", "sciatica", "knee-pain"]


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    size=st.integers(0, 80),
    limit=st.integers(1, 200),
    budget=st.integers(0, 3600),
    gentle=st.booleans(),
)
def test_any_number_of_candidates_gives_a_routine_within_the_limits(
    seed: int, size: int, limit: int, budget: int, gentle: bool
) -> None:
    rng = random.Random(seed)
    make = near_copy if seed % 2 else random_exercise
    candidates = candidates_for([make(rng, n) for n in range(size)], set(CONDITIONS), gentle=gentle)
    selection = select(candidates, conditions=CONDITIONS, budget_s=budget, gentle=gentle, model_limit=limit)
    assert feasible(selection.chosen, budget)
    assert selection.objective == objective(selection.chosen, candidates, CONDITIONS, gentle=gentle)
    if len(candidates) <= limit and size <= 12:
        assert selection.proven_optimal


def test_a_catalogue_of_20000_exercises_plans_and_says_the_routine_is_not_proven_the_best() -> None:
    catalog = generated_catalog(20_000)
    request = PlanRequest(conditions=("sciatica", "hip-pain"), minutes=30).checked(catalog.vocabulary)
    plan = build_plan(catalog, request)
    assert plan.items and set(plan.conditions_covered) == {"sciatica", "hip-pain"}
    assert plan.total_seconds <= request.budget_s
    assert not plan.proven_best and plan.to_json()["proven_best"] is False
    assert NOT_PROVEN_BEST in plan.notes


def test_a_catalogue_of_2000_exercises_is_still_solved_to_proven_optimality() -> None:
    catalog = generated_catalog(2_000)
    request = PlanRequest(conditions=("lower-back-pain", "hip-pain", "stiffness"), minutes=60)
    plan = build_plan(catalog, request.checked(catalog.vocabulary))
    assert plan.proven_best and NOT_PROVEN_BEST not in plan.notes
