"""JSON API for clinicians (clinic mode): their clients, routines for them, their progress.

A client id that is not the asking clinician's client is answered exactly like one that does not
exist (404), and so is every one of these endpoints when a client asks.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from supple.services import accounts, clinic, recording
from supple.services.progress import stats
from supple.session.routine import RoutineFile
from supple.store.accounts import AccountRecord
from supple.web.deps import ClinicianDep, ClockDep, SettingsDep
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

router = APIRouter(prefix="/api/clients", tags=["clinic"], responses=ERRORS)


def _client_json(record: AccountRecord) -> ClientOut:
    return ClientOut(id=record.person_id, username=record.username, created_at=record.created_at.isoformat())


@router.get("")
def list_clients(settings: SettingsDep, clinician: ClinicianDep) -> list[ClientOut]:
    """The asking clinician's clients."""
    return [_client_json(c) for c in clinic.clients(settings=settings, clinician_id=clinician.person_id)]


@router.post("", status_code=201, responses={409: {"description": "the username is taken"}})
def add_client(settings: SettingsDep, clinician: ClinicianDep, clock: ClockDep, body: ClientIn) -> ClientOut:
    """A new client of the asking clinician, who signs in with this username and password."""
    record = accounts.create_client(
        settings=settings, clinician_id=clinician.person_id, username=body.username, password=body.password,
        clock=clock,
    )  # fmt: skip
    return _client_json(record)


@router.get("/{client_id}")
def client(settings: SettingsDep, clinician: ClinicianDep, client_id: RowId) -> ClientDetail:
    record = clinic.client(settings=settings, clinician_id=clinician.person_id, client_id=client_id)
    screening = clinic.client_screening(settings=settings, clinician_id=clinician.person_id, client_id=client_id)
    routines = clinic.client_routines(settings=settings, clinician_id=clinician.person_id, client_id=client_id)
    return ClientDetail(
        **_client_json(record).model_dump(), routines=routines,
        screening=ScreeningOut.model_validate(screening.to_json()) if screening is not None else None,
    )  # fmt: skip


@router.get("/{client_id}/progress")
def client_progress(settings: SettingsDep, clinician: ClinicianDep, client_id: RowId) -> dict[str, Any]:
    """The client's progress, as they see it themselves (GET /api/progress)."""
    clinic.client(settings=settings, clinician_id=clinician.person_id, client_id=client_id)
    return stats(settings=settings, person_id=client_id).to_json()


@router.get("/{client_id}/sessions")
def client_sessions(settings: SettingsDep, clinician: ClinicianDep, client_id: RowId) -> list[SessionOut]:
    clinic.client(settings=settings, clinician_id=clinician.person_id, client_id=client_id)
    return [SessionOut.model_validate(s) for s in recording.sessions_of(settings=settings, person_id=client_id)]


@router.get("/{client_id}/routines/{name}")
def client_routine(settings: SettingsDep, clinician: ClinicianDep, client_id: RowId, name: str) -> RoutineOut:
    """One of the client's routines, with the precautions of their latest safety check applied."""
    plan = clinic.client_routine(settings=settings, clinician_id=clinician.person_id, client_id=client_id, name=name)
    return RoutineOut(name=name, plan=PlanOut.model_validate(plan.to_json()))


@router.put("/{client_id}/routines/{name}", responses={403: {"description": "the client's screening stops them"}})
def assign_plan(
    settings: SettingsDep, clinician: ClinicianDep, client_id: RowId, name: str, body: PlanIn
) -> RoutineOut:
    """Plan a routine for the client (the planner and the client's own safety rules) and give it to
    them under this name. `ack_caution` has no say: the client acknowledges their own caution."""
    plan = clinic.assign_plan(
        settings=settings, clinician_id=clinician.person_id, client_id=client_id, name=name,
        conditions=body.conditions, minutes=body.minutes, equipment=body.equipment,
        avoid_positions=body.avoid_positions, no_floor=body.no_floor, warmed_up=body.warmed_up, without=body.without,
    )  # fmt: skip
    return RoutineOut(name=name, plan=PlanOut.model_validate(plan.to_json()))


@router.put(
    "/{client_id}/written-routines/{name}", responses={403: {"description": "the client's screening stops them"}}
)
def assign_written(
    settings: SettingsDep, clinician: ClinicianDep, client_id: RowId, name: str, body: RoutineFile
) -> RoutineOut:
    """Give the client a routine the clinician wrote (docs/routines.md, as JSON)."""
    plan = clinic.assign_written(
        settings=settings, clinician_id=clinician.person_id, client_id=client_id, name=name,
        routine=body.model_dump(exclude_none=True),
    )  # fmt: skip
    return RoutineOut(name=name, plan=PlanOut.model_validate(plan.to_json()))
