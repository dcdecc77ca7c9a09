"""The one place the web turns a plan request (PlanIn) into a plan, for the API and the pages."""

from __future__ import annotations

from supple import services
from supple.config import Settings
from supple.planner.plan import Plan
from supple.web.schemas import PlanIn


def plan_for(settings: Settings, body: PlanIn, person_id: int) -> Plan:
    return services.make_plan(
        settings=settings, person_id=person_id, conditions=body.conditions, minutes=body.minutes,
        equipment=body.equipment, avoid_positions=body.avoid_positions, no_floor=body.no_floor,
        warmed_up=body.warmed_up, ack_caution=body.ack_caution, without=body.without,
    )  # fmt: skip
