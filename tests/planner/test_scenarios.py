"""The scenario table (scenarios.yaml): what a physiotherapist would expect of a routine for each
request, checked against what the planner gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.content import builtin_catalog, builtin_safety

from supple.errors import BadRequest
from supple.planner.plan import Plan, build_plan
from supple.planner.request import PlanRequest
from supple.safety.rules import active_precautions

CATALOG = builtin_catalog()
SAFETY = builtin_safety()
SCENARIOS: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "scenarios.yaml").read_text())["scenarios"]
FIELDS = {"name", "expect", "request", "answers", "include", "leave_out", "leave_out_demands", "leave_out_levels",
          "leave_out_positions", "distinct", "note", "why", "uncovered", "refused"}  # fmt: skip


def planned(scenario: dict[str, Any]) -> tuple[PlanRequest, Plan]:
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in scenario["request"].items()}
    request = PlanRequest(**fields).checked(CATALOG.vocabulary, exercise_ids=CATALOG.exercises)
    precautions = active_precautions(SAFETY, answers=scenario.get("answers", ()), conditions=request.conditions)
    return request, build_plan(CATALOG, request, precautions=precautions)


def test_the_table_has_forty_scenarios_or_more_covering_every_condition_and_precaution() -> None:
    assert len(SCENARIOS) >= 40
    assert all(set(scenario) <= FIELDS and {"name", "expect", "request"} <= set(scenario) for scenario in SCENARIOS)
    asked = {c for s in SCENARIOS for c in s["request"]["conditions"]}
    assert asked == set(CATALOG.vocabulary.conditions)
    switched_on = {
        p.id
        for s in SCENARIOS
        for p in active_precautions(SAFETY, answers=s.get("answers", ()), conditions=s["request"]["conditions"])
    }
    assert switched_on == {p.id for p in SAFETY.precautions}
    requests = [s["request"] for s in SCENARIOS]
    assert any(r.get("no_floor") for r in requests) and any(r.get("equipment") for r in requests)
    assert any(r.get("new_to_stretching") for r in requests)
    assert {r.get("pain_today") for r in requests} >= {2, 6, 8}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_a_physiotherapist_would_accept_the_routine(scenario: dict[str, Any]) -> None:
    if "refused" in scenario:
        with pytest.raises(BadRequest, match=scenario["refused"].replace("(", r"\(").replace(")", r"\)")):
            planned(scenario)
        return
    request, plan = planned(scenario)
    ids = [item.exercise.id for item in plan.items]
    exercises = [item.exercise for item in plan.items]
    for wanted in scenario.get("include", ()):
        options = [wanted] if isinstance(wanted, str) else wanted
        assert set(options) & set(ids), f"none of {options} in {ids}"
    assert not set(scenario.get("leave_out", ())) & set(ids), ids
    for demand in scenario.get("leave_out_demands", ()):
        assert not [e.id for e in exercises if demand in e.demands], demand
    assert not [e.id for e in exercises if e.level in scenario.get("leave_out_levels", ())]
    assert not [e.id for e in exercises if e.position in scenario.get("leave_out_positions", ())]
    if scenario.get("distinct"):
        groups = [CATALOG.vocabulary.group_of(e.targets[0]) for e in exercises if e.kind != "warmup"]
        assert len(groups) == len(set(groups)), ids
    notes = " ".join(plan.notes)
    for words in scenario.get("note", ()):
        assert words in notes, plan.notes
    reasons = " ".join(reason for item in plan.items for reason in item.reasons)
    for words in scenario.get("why", ()):
        assert words in reasons, reasons
    assert list(plan.conditions_uncovered) == scenario.get("uncovered", [])
    every_routines_checks(request, plan)


def every_routines_checks(request: PlanRequest, plan: Plan) -> None:
    assert plan.total_seconds <= request.budget_s
    warmups = [item for item in plan.items if item.exercise.kind == "warmup"]
    assert all(item.dosage.hold_s and item.dosage.hold_s <= request.budget_s / 4 for item in warmups)
    assert all(item.reasons for item in plan.items)
    for condition in plan.conditions_covered:
        assert {item.exercise.level for item in plan.items if condition in item.why} - {"deep"}, condition
    if any("A gentle routine" in note for note in plan.notes):
        assert not [item.exercise.id for item in plan.items if item.exercise.level == "deep"]
