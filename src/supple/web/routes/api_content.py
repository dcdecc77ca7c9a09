"""JSON API: the catalogue, the safety screening, plans and saved routines."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from supple.catalog.models import Exercise
from supple.errors import NotFound
from supple.services import catalogue, planning, routines, screening
from supple.web.deps import ContextDep, PersonDep
from supple.web.schemas import ERRORS, Choices, PlanIn, PlanOut, Question, RoutineOut, ScreeningIn, ScreeningOut

router = APIRouter(prefix="/api", responses=ERRORS)
Filter = Annotated[str | None, Query(max_length=64)]


@router.get("/catalog", tags=["catalogue"])
def list_exercises(
    context: ContextDep,
    condition: Filter = None,
    position: Filter = None,
    kind: Filter = None,
    equipment: Filter = None,
) -> list[Exercise]:
    """Every exercise, or those matching all the filters given (vocabulary ids). One of the person's
    own exercise files that does not load is refused (400), naming the file, the field and the problem."""
    return catalogue.list_exercises(
        context, condition=condition, position=position, kind=kind, equipment=equipment, own_files_must_load=True
    )


@router.get("/catalog/{exercise_id}", tags=["catalogue"])
def show_exercise(context: ContextDep, exercise_id: str) -> Exercise:
    return catalogue.get_exercise(context, exercise_id=exercise_id)


@router.get("/vocabulary", tags=["catalogue"])
def vocabulary(context: ContextDep) -> dict[str, Any]:
    """The ids the other endpoints take (conditions, positions, kinds, equipment, muscles, areas)."""
    return catalogue.vocabulary(context).model_dump(mode="json")


@router.get("/screening/questions", tags=["safety"])
def screening_questions(context: ContextDep) -> list[Question]:
    return [
        Question(
            id=q.id, text=q.text, severity=q.severity, sources=[s.title for s in q.sources],
            choices=None if q.choices is None else Choices.model_validate(q.choices.model_dump(mode="json")),
        )
        for q in screening.screening_questions(context)
    ]  # fmt: skip


@router.get("/screening", tags=["safety"], responses={404: {"description": "no screening yet"}})
def latest_screening(context: ContextDep, person: PersonDep) -> ScreeningOut:
    found = screening.latest_screening(context, person_id=person)
    if found is None:
        raise NotFound("no screening yet: answer the safety questions first")
    return ScreeningOut.model_validate(found.to_json())


@router.post("/screening", tags=["safety"])
def screen(context: ContextDep, person: PersonDep, body: ScreeningIn) -> ScreeningOut:
    """Answer the safety questions: the ids answered yes (every other one is a no)."""
    recorded = screening.record_screening(context, yes=body.yes, person_id=person)
    return ScreeningOut.model_validate(recorded.to_json())


@router.post("/plans", tags=["plans"], responses={403: {"description": "refused for safety (screening)"}})
def make_plan(context: ContextDep, person: PersonDep, body: PlanIn) -> PlanOut:
    """A routine for what bothers the person in the time they have (nothing is stored)."""
    plan = planning.make_plan(context, request=body, ack_caution=body.ack_caution, person_id=person)
    return PlanOut.model_validate(plan.to_json())


@router.get("/routines", tags=["plans"])
def routine_names(context: ContextDep, person: PersonDep) -> list[str]:
    return routines.routine_names(context, person_id=person)


@router.put("/routines/{name}", tags=["plans"], responses={403: {"description": "refused for safety"}})
def save_routine(context: ContextDep, person: PersonDep, name: str, body: PlanIn) -> RoutineOut:
    """Plan and keep the routine under a name (replacing one of the same name)."""
    plan = planning.make_plan(context, request=body, ack_caution=body.ack_caution, person_id=person)
    routines.save_routine(context, name=name, plan=plan, person_id=person)
    return RoutineOut(name=name, plan=PlanOut.model_validate(plan.to_json()))
