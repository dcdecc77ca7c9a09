"""A "this hurts" during a session, in the terminal or the browser: the screening must be taken
again before the next routine, and an easier exercise is offered if the routine allows one: the
same limits a swap keeps (no floor, positions avoided, equipment at hand, exercises swapped out),
today's precautions, and not an exercise the routine has already."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.planner.candidates import easier_choice
from supple.planner.expand import expand
from supple.planner.plan import Plan, PlanItem
from supple.services.screening import latest_screening, precautions_for, request_fresh_screening
from supple.session.routine import limits_of_routine

if TYPE_CHECKING:
    from supple.services.context import AppContext


def report_pain(context: AppContext, *, exercise_name: str, person_id: int | None = None) -> None:
    """The answers may have changed: screen again before the next routine."""
    request_fresh_screening(context, reason=f"you reported pain during {exercise_name}", person_id=person_id)


def easier_now(context: AppContext, *, exercise_id: str, plan: Plan, person_id: int | None = None) -> PlanItem | None:
    """The first easier alternative the routine `plan` allows with today's precautions, at the
    gentle end of its dose, ready to put into the session (or None)."""
    catalog = context.content.catalog()
    if exercise_id not in catalog.exercises:
        return None
    exercises = [item.exercise for item in plan.items]
    request = plan.request or limits_of_routine(exercises, catalog=catalog, minutes=plan.minutes)
    screening = latest_screening(context, person_id=person_id)
    precautions = precautions_for(context, screening=screening, conditions=request.conditions)
    found = easier_choice(
        catalog, exercise_id=exercise_id, request=request, precautions=precautions,
        in_routine=[exercise.id for exercise in exercises],
    )  # fmt: skip
    if found is None:
        return None
    exercise, modifications = found
    steps = tuple(expand(exercise, exercise.dosage, moving=True))
    return PlanItem(exercise, exercise.dosage, ("an easier option after pain",), steps, modifications)
