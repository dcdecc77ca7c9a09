"""The one place the web turns a plan request (PlanIn) into a plan, for the API and the pages, and a
saved routine's plan into the JSON the player asks for at every start."""

from __future__ import annotations

import json

from supple import services
from supple.config import Settings
from supple.planner.plan import Plan
from supple.services.recent import Recent
from supple.web.schemas import PlanIn


def plan_for(settings: Settings, body: PlanIn, person_id: int) -> Plan:
    return services.make_plan(
        settings=settings, person_id=person_id, conditions=body.conditions, minutes=body.minutes,
        equipment=body.equipment, avoid_positions=body.avoid_positions, no_floor=body.no_floor,
        warmed_up=body.warmed_up, ack_caution=body.ack_caution, without=body.without,
    )  # fmt: skip


# The JSON of the last few routines served, by the plan's identity: a Plan never changes, and the
# services hand out the same one for a saved routine until it, today's precautions or the catalogue
# change, so its JSON is written once instead of at every start (a third of the request's own work).
# The plan is kept with its JSON, so its id cannot be another's.
_routine_bodies: Recent[int, tuple[Plan, str, bytes]] = Recent(256)


def routine_json(name: str, plan: Plan) -> bytes:
    """`{"name": ..., "plan": ...}`, the shape of RoutineOut."""
    found = _routine_bodies.get(id(plan))
    if found is not None and found[0] is plan and found[1] == name:
        return found[2]
    body = json.dumps({"name": name, "plan": plan.to_json()}).encode()
    _routine_bodies.put(id(plan), (plan, name, body))
    return body
