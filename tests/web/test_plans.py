"""The JSON of a saved routine's plan, written once per plan."""

from __future__ import annotations

import json
from pathlib import Path

from tests.clock import FakeClock

from supple.config import Settings
from supple.planner.plan import Plan
from supple.planner.request import PlanRequest
from supple.services.context import AppContext
from supple.services.planning import make_plan
from supple.services.screening import record_screening
from supple.web.plans import RoutineBodies


def _plan(context: AppContext, minutes: int) -> Plan:
    record_screening(context, yes=[])
    return make_plan(context, request=PlanRequest(conditions=("sciatica",), minutes=minutes))


def test_a_plans_json_is_written_once_and_each_plan_and_name_has_its_own(tmp_path: Path) -> None:
    context = AppContext(Settings(home=tmp_path), clock=FakeClock())
    first, second = _plan(context, 10), _plan(context, 20)
    bodies = RoutineBodies()
    body = bodies.json("morning", first)
    assert bodies.json("morning", first) is body
    assert json.loads(body) == {"name": "morning", "plan": first.to_json()}
    assert json.loads(bodies.json("morning", second))["plan"] == second.to_json()
    assert json.loads(bodies.json("evening", first))["name"] == "evening"
    context.close()
