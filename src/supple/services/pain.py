"""A "this hurts" during a session, in the terminal or the browser: the screening must be taken
again before the next routine, and an easier exercise is offered if today's precautions allow one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.planner.candidates import dose_options
from supple.planner.expand import expand
from supple.planner.plan import PlanItem
from supple.safety.rules import decide
from supple.services.screening import latest_screening, precautions_for, request_fresh_screening

if TYPE_CHECKING:
    from supple.services.context import AppContext


def report_pain(context: AppContext, *, exercise_name: str, person_id: int | None = None) -> None:
    """The answers may have changed: screen again before the next routine."""
    request_fresh_screening(context, reason=f"you reported pain during {exercise_name}", person_id=person_id)


def easier_now(context: AppContext, *, exercise_id: str, person_id: int | None = None) -> PlanItem | None:
    """The first easier alternative today's precautions allow, at the gentle end of its dose,
    ready to put into the session (or None)."""
    catalog = context.content.catalog()
    screening = latest_screening(context, person_id=person_id)
    precautions = precautions_for(context, screening=screening)
    for easier_id in catalog.exercises[exercise_id].easier:
        # the shorter hold first: gentler after pain
        for _, exercise in reversed(dose_options(catalog.exercises[easier_id])):
            if decide(exercise, precautions).status != "excluded":
                steps = tuple(expand(exercise, exercise.dosage, moving=True))
                return PlanItem(exercise, exercise.dosage, ("an easier option after pain",), steps)
    return None
