"""JSON API: the two requests the player makes most, a saved routine at every start and each set as
it ends, in a router of their own that create_app includes first. FastAPI tries a request's path
against the routes in the order they were included (the matching router's twice): these two were
found after some forty others, which cost more than the rest of routing the request.

Each asks who is asking itself (deps.asker_here), on the worker thread it runs its work on, before
anything else: in clinic mode the router takes no get_asker, whose lookup would cost a hop to a
worker thread of its own, more than the lookup (bench/cpu_per_request.py). Without a sign-in they
answer 401 and touch nothing, as every route behind a sign-in does."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from supple.services import browser_session, routines
from supple.services.context import AppContext
from supple.session.results import SET_FIELDS, FinishedSet
from supple.web.deps import ContextDep, asker_here
from supple.web.routes.api_sessions import NOT_YOURS
from supple.web.schemas import ERRORS, RoutineOut, RowId, SetIn

router = APIRouter(prefix="/api", responses=ERRORS)


@router.get(
    "/routines/{name}",
    tags=["plans"],
    response_model=RoutineOut,
    responses={403: {"description": "refused for safety"}},
)
async def saved_routine(request: Request, context: ContextDep, name: str) -> Response:
    """A saved routine as it would be played today (today's precautions applied)."""
    return await run_in_threadpool(_saved_routine, request, context, name)


def _saved_routine(request: Request, context: AppContext, name: str) -> Response:
    person = asker_here(request).person_id
    plan = routines.routine_to_play(context, routine=name, ack_caution=True, person_id=person)
    # The player asks for this at every start: the plan's own JSON is the schema's shape (a test
    # checks it against RoutineOut), so it goes out as it is instead of being validated again.
    return Response(request.app.state.routine_bodies.json(name, plan), media_type="application/json")


@router.post("/sessions/{session_id}/sets", tags=["sessions"], status_code=204, responses=NOT_YOURS)
async def record_set(request: Request, context: ContextDep, session_id: RowId, body: SetIn) -> Response:
    """A set as it ended; with `ended_at`, kept at the time it ended on the device."""
    await run_in_threadpool(_record_set, request, context, session_id, body)
    return Response(status_code=204)


def _record_set(request: Request, context: AppContext, session_id: RowId, body: SetIn) -> None:
    person = asker_here(request).person_id
    result = FinishedSet(**{name: getattr(body, name) for name in SET_FIELDS})
    browser_session.record_set(
        context, person_id=person, session_id=session_id, result=result, client_key=body.key, ended_at=body.ended_at
    )
