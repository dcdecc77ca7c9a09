"""A saved routine's plan as the JSON the player asks for at every start, written once per plan."""

from __future__ import annotations

import json

from supple.planner.plan import Plan
from supple.services.recent import Recent


class RoutineBodies:
    """The JSON of the last few routines served, by the plan's identity: a Plan never changes, and
    the services hand out the same one for a saved routine until it, today's precautions or the
    catalogue change, so its JSON is written once instead of at every start (a third of the
    request's own work). The plan is kept with its JSON, so its id cannot be another's."""

    def __init__(self, size: int = 256) -> None:
        self.recent: Recent[int, tuple[Plan, str, bytes]] = Recent(size)

    def json(self, name: str, plan: Plan) -> bytes:
        """`{"name": ..., "plan": ...}`, the shape of RoutineOut."""
        found = self.recent.get(id(plan))
        if found is not None and found[0] is plan and found[1] == name:
            return found[2]
        body = json.dumps({"name": name, "plan": plan.to_json()}).encode()
        self.recent.put(id(plan), (plan, name, body))
        return body
