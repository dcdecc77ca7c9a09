"""Planning: a routine for what bothers the person in the time they have, after the safety gate,
with their screening's precautions and what their history changes (the next plan's advice)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.planner.personal import Personal
from supple.planner.plan import Plan, build_plan
from supple.planner.request import PlanRequest
from supple.safety.screen import Screening
from supple.services.screening import precautions_for, require_safe_start

if TYPE_CHECKING:
    from supple.services.context import AppContext


def make_plan(
    context: AppContext, *, request: PlanRequest, ack_caution: bool = False, person_id: int | None = None
) -> Plan:
    """A routine for this request, after the safety gate, with the screening's precautions applied.
    The request's `without` swaps exercises out: the best routine that leaves them out."""
    checked = check_request(context, request)
    screening = require_safe_start(context, ack_caution=ack_caution, person_id=person_id)
    return plan_with(context, request=checked, screening=screening, person_id=person_id)


def check_request(context: AppContext, request: PlanRequest) -> PlanRequest:
    """The request checked against the catalogue (BadRequest says what is valid)."""
    catalog = context.content.catalog()
    return request.checked(catalog.vocabulary, exercise_ids=catalog.exercises)


def plan_with(context: AppContext, *, request: PlanRequest, screening: Screening | None, person_id: int | None) -> Plan:
    """The plan for a checked request, with the screening's precautions (if any) and the person's history."""
    precautions = precautions_for(context, screening=screening, conditions=request.conditions)
    advice = context.mode.next_plan_advice(person_id)
    catalog = context.content.catalog()
    # Everything the plan is made from: the same again is the same plan (a pure function of them).
    key = (request, tuple(p.id for p in precautions), _advice_key(advice))
    known = context.plans_made.get(key)
    if known is not None and known[0] is catalog:
        return known[1]
    plan = build_plan(catalog, request, precautions=precautions, personal=advice)
    context.plans_made.put(key, (catalog, plan))
    return plan


def _advice_key(advice: Personal) -> tuple[object, ...]:
    return (
        tuple(sorted(advice.hold_s.items())), tuple(sorted(advice.avoid.items())),
        tuple(sorted(advice.extra_rep.items())), advice.notes,
    )  # fmt: skip
