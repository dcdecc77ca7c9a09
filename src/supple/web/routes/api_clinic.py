"""JSON API for clinicians (clinic mode): their clients, routines for them, their progress.

A client id that is not the asking clinician's client is answered exactly like one that does not
exist (404), and so is every one of these endpoints when a client asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter

from supple.services import browser_session, clinic, people
from supple.services.progress import stats
from supple.session.routine import RoutineFile
from supple.web.deps import ClinicianDep, ContextDep
from supple.web.schemas import (
    ERRORS,
    ClientDetail,
    ClientIn,
    ClientOut,
    PlanIn,
    PlanOut,
    RoutineOut,
    RowId,
    ScreeningOut,
    SessionOut,
)

if TYPE_CHECKING:
    from supple.services.people import Account

router = APIRouter(prefix="/api/clients", tags=["clinic"], responses=ERRORS)


def _client_json(record: Account) -> ClientOut:
    return ClientOut(id=record.person_id, username=record.username, created_at=record.created_at.isoformat())


@router.get("")
def list_clients(context: ContextDep, clinician: ClinicianDep) -> list[ClientOut]:
    """The asking clinician's clients."""
    return [_client_json(c) for c in clinic.clients(context, clinician_id=clinician.person_id)]


@router.post("", status_code=201, responses={409: {"description": "the username is taken"}})
def add_client(context: ContextDep, clinician: ClinicianDep, body: ClientIn) -> ClientOut:
    """A new client of the asking clinician, who signs in with this username and password."""
    record = people.create_client(
        context, clinician_id=clinician.person_id, username=body.username, password=body.password
    )
    return _client_json(record)


@router.get("/{client_id}")
def client(context: ContextDep, clinician: ClinicianDep, client_id: RowId) -> ClientDetail:
    record = clinic.client(context, clinician_id=clinician.person_id, client_id=client_id)
    screening = clinic.client_screening(context, clinician_id=clinician.person_id, client_id=client_id)
    routines = clinic.client_routines(context, clinician_id=clinician.person_id, client_id=client_id)
    return ClientDetail(
        **_client_json(record).model_dump(), routines=routines,
        screening=ScreeningOut.model_validate(screening.to_json()) if screening is not None else None,
    )  # fmt: skip


@router.get("/{client_id}/progress")
def client_progress(context: ContextDep, clinician: ClinicianDep, client_id: RowId) -> dict[str, Any]:
    """The client's progress, as they see it themselves (GET /api/progress)."""
    clinic.client(context, clinician_id=clinician.person_id, client_id=client_id)
    return stats(context, person_id=client_id).to_json()


@router.get("/{client_id}/sessions")
def client_sessions(context: ContextDep, clinician: ClinicianDep, client_id: RowId) -> list[SessionOut]:
    clinic.client(context, clinician_id=clinician.person_id, client_id=client_id)
    return [SessionOut.model_validate(s) for s in browser_session.sessions_of(context, person_id=client_id)]


@router.get("/{client_id}/routines/{name}")
def client_routine(context: ContextDep, clinician: ClinicianDep, client_id: RowId, name: str) -> RoutineOut:
    """One of the client's routines, with the precautions of their latest safety check applied."""
    plan = clinic.client_routine(context, clinician_id=clinician.person_id, client_id=client_id, name=name)
    return RoutineOut(name=name, plan=PlanOut.model_validate(plan.to_json()))


@router.put("/{client_id}/routines/{name}", responses={403: {"description": "the client's screening stops them"}})
def assign_plan(context: ContextDep, clinician: ClinicianDep, client_id: RowId, name: str, body: PlanIn) -> RoutineOut:
    """Plan a routine for the client (the planner and the client's own safety rules) and give it to
    them under this name. `ack_caution` has no say: the client acknowledges their own caution."""
    plan = clinic.assign_plan(context, clinician_id=clinician.person_id, client_id=client_id, name=name, request=body)
    return RoutineOut(name=name, plan=PlanOut.model_validate(plan.to_json()))


@router.put(
    "/{client_id}/written-routines/{name}", responses={403: {"description": "the client's screening stops them"}}
)
def assign_written(
    context: ContextDep, clinician: ClinicianDep, client_id: RowId, name: str, body: RoutineFile
) -> RoutineOut:
    """Give the client a routine the clinician wrote (docs/routines.md, as JSON)."""
    plan = clinic.assign_written(
        context, clinician_id=clinician.person_id, client_id=client_id, name=name,
        routine=body.model_dump(exclude_none=True),
    )  # fmt: skip
    return RoutineOut(name=name, plan=PlanOut.model_validate(plan.to_json()))
