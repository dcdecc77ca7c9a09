"""Pages: history in detail. One session's page, and one exercise over every session; the person's
own here, a client's for their clinician in pages_clinic_history.py, with the same templates
(`links` say where the pages lead: the person's progress pages, or the client's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from supple.progress.counting import counting
from supple.progress.history import SessionRecord
from supple.services import catalogue, history
from supple.services.context import AppContext
from supple.services.history import ExerciseDetail, SessionDetail
from supple.web import charts
from supple.web.deps import ContextDep, PersonDep, TemplatesDep
from supple.web.schemas import RowId

router = APIRouter(include_in_schema=False)
ExerciseId = Annotated[str, Path(max_length=64)]


@dataclass(frozen=True)
class Links:
    back: str  # the progress page
    sessions: str  # a session's page is this, "/", its id
    exercises: str


OWN = Links("/progress", "/progress/sessions", "/progress/exercises")


def client_links(client_id: int) -> Links:
    return Links(f"/clients/{client_id}/progress", f"/clients/{client_id}/sessions", f"/clients/{client_id}/exercises")


def session_page_data(context: AppContext, detail: SessionDetail, links: Links) -> dict[str, Any]:
    return {"detail": detail, "links": links, "catalog": catalogue.catalog(context)}


def exercise_page_data(context: AppContext, detail: ExerciseDetail, links: Links) -> dict[str, Any]:
    catalog = catalogue.catalog(context)
    known = catalog.exercises.get(detail.exercise)
    return {
        "detail": detail, "links": links, "catalog": catalog,
        "name": known.name if known is not None else detail.exercise,
        "chart": charts.exercise_over_time(detail.times),
        "newest_first": list(reversed(detail.times)),
    }  # fmt: skip


def sessions_page_data(context: AppContext, sessions: list[SessionRecord], links: Links) -> dict[str, Any]:
    return {"sessions": [(s, counting(s)) for s in sessions], "links": links}


@router.get("/progress/sessions", response_class=HTMLResponse)
def sessions_page(request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep) -> Response:
    sessions = history.sessions_listed(context, person_id=person)
    return templates.TemplateResponse(request, "sessions.html", sessions_page_data(context, sessions, OWN))


@router.get("/progress/sessions/{session_id}", response_class=HTMLResponse)
def session_page(
    request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep, session_id: RowId
) -> Response:
    detail = history.session_detail(context, session_id=session_id, person_id=person)
    return templates.TemplateResponse(request, "session.html", session_page_data(context, detail, OWN))


@router.get("/progress/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(
    request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep, exercise_id: ExerciseId
) -> Response:
    detail = history.exercise_detail(context, exercise_id=exercise_id, person_id=person)
    page = exercise_page_data(context, detail, OWN)
    return templates.TemplateResponse(request, "exercise_history.html", page)
