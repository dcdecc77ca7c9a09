"""The JSON of a saved routine's plan, written once per plan."""

from __future__ import annotations

import json
from pathlib import Path

from supple import services
from supple.config import Settings
from supple.planner.plan import Plan
from supple.web.plans import routine_json


def _plan(settings: Settings, minutes: int) -> Plan:
    services.record_screening(settings=settings, yes=[])
    return services.make_plan(settings=settings, conditions=["sciatica"], minutes=minutes)


def test_a_plans_json_is_written_once_and_each_plan_and_name_has_its_own(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    first, second = _plan(settings, 10), _plan(settings, 20)
    body = routine_json("morning", first)
    assert routine_json("morning", first) is body
    assert json.loads(body) == {"name": "morning", "plan": first.to_json()}
    assert json.loads(routine_json("morning", second))["plan"] == second.to_json()
    assert json.loads(routine_json("evening", first))["name"] == "evening"
