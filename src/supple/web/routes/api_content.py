"""JSON API: the catalogue, the safety screening, plans and saved routines."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from supple import services
from supple.catalog.models import Exercise
from supple.web.deps import PersonDep, SettingsDep
from supple.web.plans import plan_for, routine_json
from supple.web.schemas import ERRORS, PlanIn, PlanOut, Question, RoutineOut, ScreeningIn, ScreeningOut

router = APIRouter(prefix="/api", responses=ERRORS)
Filter = Annotated[str | None, Query(max_length=64)]


@router.get("/catalog", tags=["catalogue"])
def list_exercises(
    settings: SettingsDep,
    condition: Filter = None,
    position: Filter = None,
    kind: Filter = None,
    equipment: Filter = None,
) -> list[Exercise]:
    """Every exercise, or those matching all the filters given (vocabulary ids)."""
    return list(
        services.list_exercises(
            settings=settings, condition=condition, position=position, kind=kind, equipment=equipment
        )
    )


@router.get("/catalog/{exercise_id}", tags=["catalogue"])
def show_exercise(settings: SettingsDep, exercise_id: str) -> Exercise:
    return services.get_exercise(settings=settings, exercise_id=exercise_id)


@router.get("/vocabulary", tags=["catalogue"])
def vocabulary(settings: SettingsDep) -> dict[str, Any]:
    """The ids the other endpoints take (conditions, positions, kinds, equipment, muscles, areas)."""
    return services.catalog_for(settings=settings).vocabulary.model_dump(mode="json")


@router.get("/screening/questions", tags=["safety"])
def screening_questions(settings: SettingsDep) -> list[Question]:
    return [
        Question(id=q.id, text=q.text, severity=q.severity, sources=[s.title for s in q.sources])
        for q in services.screening_questions(settings=settings)
    ]


@router.get("/screening", tags=["safety"], responses={404: {"description": "no screening yet"}})
def latest_screening(settings: SettingsDep, person: PersonDep) -> ScreeningOut:
    from supple.errors import NotFound

    screening = services.latest_screening(settings=settings, person_id=person)
    if screening is None:
        raise NotFound("no screening yet: answer the safety questions first")
    return ScreeningOut.model_validate(screening.to_json())


@router.post("/screening", tags=["safety"])
def screen(settings: SettingsDep, person: PersonDep, body: ScreeningIn) -> ScreeningOut:
    """Answer the safety questions: the ids answered yes (every other one is a no)."""
    screening = services.record_screening(settings=settings, yes=body.yes, person_id=person)
    return ScreeningOut.model_validate(screening.to_json())


@router.post("/plans", tags=["plans"], responses={403: {"description": "refused for safety (screening)"}})
def make_plan(settings: SettingsDep, person: PersonDep, body: PlanIn) -> PlanOut:
    """A routine for what bothers the person in the time they have (nothing is stored)."""
    return PlanOut.model_validate(plan_for(settings, body, person).to_json())


@router.get("/routines", tags=["plans"])
def routine_names(settings: SettingsDep, person: PersonDep) -> list[str]:
    return services.routine_names(settings=settings, person_id=person)


@router.put("/routines/{name}", tags=["plans"], responses={403: {"description": "refused for safety"}})
def save_routine(settings: SettingsDep, person: PersonDep, name: str, body: PlanIn) -> RoutineOut:
    """Plan and keep the routine under a name (replacing one of the same name)."""
    plan = plan_for(settings, body, person)
    services.save_routine(settings=settings, name=name, plan=plan, person_id=person)
    return RoutineOut(name=name, plan=PlanOut.model_validate(plan.to_json()))


@router.get(
    "/routines/{name}",
    tags=["plans"],
    response_model=RoutineOut,
    responses={403: {"description": "refused for safety"}},
)
def saved_routine(settings: SettingsDep, person: PersonDep, name: str) -> Response:
    """A saved routine as it would be played today (today's precautions applied)."""
    plan = services.routine_to_play(settings=settings, routine=name, ack_caution=True, person_id=person)
    # The player asks for this at every start: the plan's own JSON is the schema's shape (a test
    # checks it against RoutineOut), so it goes out as it is instead of being validated again.
    return Response(routine_json(name, plan), media_type="application/json")
