"""Pages for clinicians (clinic mode): the dashboard of every client (sortable by each column with
plain links, and as a CSV file), and a client's history in detail, as the client sees it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from supple.progress.dashboard import IDLE_DAYS, SORT_KEYS, SortKey
from supple.services import catalogue, clinic, dashboard
from supple.web.deps import ClinicianDep, ContextDep, TemplatesDep
from supple.web.routes.pages_history import (
    ExerciseId,
    client_links,
    exercise_page_data,
    session_page_data,
    sessions_page_data,
)
from supple.web.schemas import RowId

router = APIRouter(include_in_schema=False)
Sort = Annotated[str | None, Query(max_length=20)]
Order = Annotated[Literal["asc", "desc"] | None, Query()]
# The order a column sorts in first: what needs a look, the latest and the most at the top; names A to Z.
FIRST_ORDER = {key: key != "name" for key in SORT_KEYS}


def _order(sort: str | None, order: str | None) -> tuple[SortKey, bool]:
    """The column and the way to sort; a column the page never links to (a link mangled) is the
    default order rather than an error page."""
    key = dashboard.sort_key(sort if sort in SORT_KEYS else None)
    return key, FIRST_ORDER[key] if order is None else order == "desc"


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    clinician: ClinicianDep,
    sort: Sort = None,
    order: Order = None,
) -> Response:
    key, descending = _order(sort, order)
    found = dashboard.dashboard(context, clinician_id=clinician.person_id, sort=key, descending=descending)
    page = {"board": found, "first_order": FIRST_ORDER, "catalog": catalogue.catalog(context),
            "today": context.today(), "idle_days": IDLE_DAYS}  # fmt: skip
    return templates.TemplateResponse(request, "dashboard.html", page)


@router.get("/dashboard.csv")
def dashboard_csv(context: ContextDep, clinician: ClinicianDep, sort: Sort = None, order: Order = None) -> Response:
    key, descending = _order(sort, order)
    name, data = dashboard.dashboard_file(context, clinician_id=clinician.person_id, sort=key, descending=descending)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/clients/{client_id}/sessions", response_class=HTMLResponse)
def client_sessions_page(
    request: Request, context: ContextDep, templates: TemplatesDep, clinician: ClinicianDep, client_id: RowId
) -> Response:
    who = clinician.person_id
    sessions = clinic.client_sessions(context, clinician_id=who, client_id=client_id)
    client = clinic.client(context, clinician_id=who, client_id=client_id)
    page = sessions_page_data(context, sessions, client_links(client_id)) | {"client": client}
    return templates.TemplateResponse(request, "sessions.html", page)


@router.get("/clients/{client_id}/sessions/{session_id}", response_class=HTMLResponse)
def client_session_page(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    clinician: ClinicianDep,
    client_id: RowId,
    session_id: RowId,
) -> Response:
    who = clinician.person_id
    detail = clinic.client_session(context, clinician_id=who, client_id=client_id, session_id=session_id)
    client = clinic.client(context, clinician_id=who, client_id=client_id)
    page = session_page_data(context, detail, client_links(client_id)) | {"client": client}
    return templates.TemplateResponse(request, "session.html", page)


@router.get("/clients/{client_id}/exercises/{exercise_id}", response_class=HTMLResponse)
def client_exercise_page(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    clinician: ClinicianDep,
    client_id: RowId,
    exercise_id: ExerciseId,
) -> Response:
    who = clinician.person_id
    detail = clinic.client_exercise(context, clinician_id=who, client_id=client_id, exercise_id=exercise_id)
    client = clinic.client(context, clinician_id=who, client_id=client_id)
    page = exercise_page_data(context, detail, client_links(client_id)) | {"client": client}
    return templates.TemplateResponse(request, "exercise_history.html", page)
