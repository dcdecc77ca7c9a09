"""The planner's promises for any request, as one strategy and one check.

tests/planner/test_plan.py runs a few hundred requests in CI; bench/properties.py runs 10,000.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from tests.content import builtin_catalog, builtin_safety

from supple.errors import BadRequest
from supple.planner.candidates import missing_equipment
from supple.planner.order import POSITION_ORDER
from supple.planner.plan import Plan, build_plan
from supple.planner.request import PlanRequest
from supple.safety.rules import active_precautions, decide

CATALOG = builtin_catalog()
SAFETY = builtin_safety()
VOCAB = CATALOG.vocabulary
FLOOR = {p for p, position in VOCAB.positions.items() if position.floor}
# A stop answer never reaches the planner (the safety gate refuses first); every other answer can.
PLANNABLE_ANSWERS = sorted(a for q in SAFETY.questions if q.severity != "stop" for a in (q.id, *q.option_ids))

requests = st.fixed_dictionaries(
    {
        "conditions": st.lists(st.sampled_from(sorted(VOCAB.conditions)), min_size=1, max_size=3, unique=True),
        "minutes": st.integers(3, 90),
        "equipment": st.one_of(st.none(), st.lists(st.sampled_from(sorted(VOCAB.equipment)), unique=True)),
        "avoid_positions": st.lists(st.sampled_from(sorted(VOCAB.positions)), max_size=3, unique=True),
        "no_floor": st.booleans(),
        "warmed_up": st.booleans(),
        "without": st.lists(st.sampled_from(sorted(CATALOG.exercises)), max_size=3, unique=True),
        "new_to_stretching": st.booleans(),
        "pain_today": st.one_of(st.none(), st.integers(0, 10)),
    }
)
answers = st.sets(st.sampled_from(PLANNABLE_ANSWERS))


def plan_within_limits(options: dict[str, Any], answered_yes: set[str]) -> Plan | None:
    """Plan the request and check every promise; None when nothing fits (a BadRequest that says so).

    Raises AssertionError naming the broken promise."""
    fields = {name: tuple(value) if isinstance(value, list) else value for name, value in options.items()}
    request = PlanRequest(**fields).checked(VOCAB, exercise_ids=CATALOG.exercises)
    precautions = active_precautions(SAFETY, answers=answered_yes, conditions=request.conditions)
    try:
        result = build_plan(CATALOG, request, precautions=precautions)
    except BadRequest as refusal:
        assert str(refusal).strip(), "a refusal says which limit excluded what"
        return None
    assert result.total_seconds <= request.budget_s, "over budget"
    assert result.total_seconds == sum(sum(step.seconds for step in item.steps) for item in result.items)
    for item in result.items:
        exercise = item.exercise
        assert exercise.position not in request.avoid_positions or exercise.kind == "warmup", "avoided position"
        assert not (options["no_floor"] and exercise.position in FLOOR), "on the floor"
        assert not missing_equipment(exercise, request.at_hand, VOCAB), "missing equipment"
        assert exercise.id not in request.without, "swapped out"
        assert decide(exercise, precautions, equipment=request.at_hand).status != "excluded", "precaution"
        assert item.why or exercise.kind == "warmup", "no reason given"
        assert item.reasons and len(item.reasons) == max(len(item.why), 1), "no reason in words"
        assert not (result_is_gentle(request, precautions) and exercise.level == "deep"), (
            "a deep one in a gentle routine"
        )
    _check_no_condition_served_by_deep_exercises_alone(result)
    _check_position_flow(result)
    return result


def result_is_gentle(request: PlanRequest, precautions: object) -> bool:
    return request.gentle or any(p.gentle for p in precautions)  # type: ignore[attr-defined]


def _check_no_condition_served_by_deep_exercises_alone(result: Plan) -> None:
    for condition in result.conditions_covered:
        levels = {item.exercise.level for item in result.items if condition in item.why}
        assert levels - {"deep"}, f"only deep exercises for {condition}"


def _check_position_flow(result: Plan) -> None:
    """Each position is visited in one stretch, in the flow order, and the floor only once."""
    seen = [item.exercise.position for item in result.items if item.exercise.kind != "warmup"]
    blocks = [p for i, p in enumerate(seen) if i == 0 or seen[i - 1] != p]
    assert len(blocks) == len(set(blocks)), "a position visited twice"
    assert blocks == sorted(blocks, key=POSITION_ORDER.index), "positions out of the flow order"
    on_floor = [p in FLOOR for p in seen]
    assert on_floor == sorted(on_floor), "up from the floor and down again"
