"""The one place the web turns a plan request (PlanIn) into a plan, for the API and the pages, and a
saved routine's plan into the JSON the player asks for at every start."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict

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


class _RoutineBodies:
    """The JSON of the last few routines served, by the plan's identity: a Plan never changes, and
    the services hand out the same one for a saved routine until it, today's precautions or the
    catalogue change, so its JSON is written once instead of at every start (a third of the
    request's own work). The plan is kept with its JSON, so its id cannot be another's."""

    def __init__(self, size: int) -> None:
        self.size, self.items = size, OrderedDict[int, tuple[Plan, str, bytes]]()
        self.lock = threading.Lock()  # the web server asks from many threads

    def body(self, name: str, plan: Plan) -> bytes:
        with self.lock:
            found = self.items.get(id(plan))
            if found is not None and found[0] is plan and found[1] == name:
                self.items.move_to_end(id(plan))
                return found[2]
        body = json.dumps({"name": name, "plan": plan.to_json()}).encode()
        with self.lock:
            self.items[id(plan)] = (plan, name, body)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return body


_routine_bodies = _RoutineBodies(256)


def routine_json(name: str, plan: Plan) -> bytes:
    """`{"name": ..., "plan": ...}`, the shape of RoutineOut."""
    return _routine_bodies.body(name, plan)
