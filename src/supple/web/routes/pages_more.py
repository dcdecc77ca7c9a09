"""Pages: progress, the catalogue, settings (reminders, backup, deleting everything)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from supple.errors import BadRequest
from supple.services import catalogue, history, personal_data
from supple.services import progress as progress_services
from supple.services.context import AppContext
from supple.services.figures import figure_descriptions
from supple.web import charts
from supple.web.csrf import verify_form
from supple.web.deps import AskerDep, ContextDep, PersonDep, TemplatesDep
from supple.web.routes.pages_account import signed_out
from supple.web.routes.pages_history import OWN, Links
from supple.web.schemas import RowId

router = APIRouter(include_in_schema=False)
Checked = Depends(verify_form)
Filter = Annotated[str | None, Query(max_length=64)]


def progress_page_data(context: AppContext, person: int, links: Links = OWN) -> dict[str, Any]:
    """What the progress page shows of a person: theirs, or a client's to their clinician."""
    view = progress_services.progress_view(context, person_id=person)
    return {
        "links": links,
        "exercises_done": history.exercises_of(context, person_id=person),
        "report": view.report,
        "weeks_chart": charts.sessions_per_week(view.report.weeks),
        "pain_chart": charts.pain_over_time(view.report.pain),
        "calendar": charts.calendar_weeks(view.report.days, view.report.today),
        "sides": view.sides,
        "activities": view.activities,
        "recent": view.recent,
        "catalog": catalogue.catalog(context),
    }


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep) -> Response:
    return templates.TemplateResponse(request, "progress.html", progress_page_data(context, person))


@router.post("/activities", dependencies=[Checked])
def add_activity(
    context: ContextDep,
    person: PersonDep,
    activity: Annotated[str, Form(max_length=200)],
    score: Annotated[int | None, Form(ge=0, le=10)] = None,
) -> Response:
    progress_services.add_activity(context, activity=activity, score=score, person_id=person)
    return RedirectResponse("/progress#activities", status_code=303)


@router.post("/activities/{goal_id}/rate", dependencies=[Checked])
def rate_activity(
    context: ContextDep, person: PersonDep, goal_id: RowId, score: Annotated[int, Form(ge=0, le=10)]
) -> Response:
    progress_services.rate_activity(context, goal_id=goal_id, score=score, person_id=person)
    return RedirectResponse("/progress#activities", status_code=303)


@router.post("/activities/{goal_id}/drop", dependencies=[Checked])
def drop_activity(context: ContextDep, person: PersonDep, goal_id: RowId) -> Response:
    progress_services.drop_activity(context, goal_id=goal_id, person_id=person)
    return RedirectResponse("/progress#activities", status_code=303)


@router.get("/exercises", response_class=HTMLResponse)
def catalogue_page(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    condition: Filter = None,
    position: Filter = None,
    kind: Filter = None,
    equipment: Filter = None,
) -> Response:
    chosen: dict[str, str | None] = {"condition": condition or None, "position": position or None,
                                     "kind": kind or None, "equipment": equipment or None}  # fmt: skip
    exercises = catalogue.list_exercises(
        context, condition=chosen["condition"], position=chosen["position"], kind=chosen["kind"],
        equipment=chosen["equipment"],
    )  # fmt: skip
    page = {"exercises": exercises, "vocab": catalogue.vocabulary(context), "chosen": chosen,
            "left_out": catalogue.own_files_left_out(context)}  # fmt: skip
    return templates.TemplateResponse(request, "catalog.html", page)


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(request: Request, context: ContextDep, templates: TemplatesDep, exercise_id: str) -> Response:
    exercise = catalogue.get_exercise(context, exercise_id=exercise_id)
    catalog = catalogue.catalog(context)
    figure_alt = figure_descriptions(exercises=[exercise])[exercise.id]
    page = {"exercise": exercise, "vocab": catalog.vocabulary, "catalog": catalog, "figure_alt": figure_alt}
    return templates.TemplateResponse(request, "exercise.html", page)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, templates: TemplatesDep, done: Annotated[str, Query(max_length=40)] = ""
) -> Response:
    return templates.TemplateResponse(request, "settings.html", {"done": done})


@router.get("/reminders.ics")
def reminder_file(
    request: Request,
    context: ContextDep,
    days: Annotated[list[str], Query(max_length=7)],
    at: Annotated[str, Query(max_length=5)] = "18:00",
) -> Response:
    # the address the page was reached at: on the phone that downloads it, the one that works
    data = progress_services.reminders(context, days=",".join(days), at=at, app_url=str(request.base_url))
    headers = {"Content-Disposition": 'attachment; filename="supple-reminders.ics"'}
    return Response(data, media_type="text/calendar", headers=headers)


@router.get("/export")
def export_file(context: ContextDep, person: PersonDep) -> Response:
    data = personal_data.backup_data(context, person_id=person)
    name = f"supple-backup-{context.today().isoformat()}.json"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(json.dumps(data, indent=1), media_type="application/json", headers=headers)


@router.post("/import", dependencies=[Checked])
async def import_file(context: ContextDep, person: PersonDep, backup: UploadFile) -> Response:
    data = await backup.read()  # no more than BACKUP_LIMIT: web/headers.py refused a larger body with 413
    restored = await run_in_threadpool(
        personal_data.restore_backup, context, data=data, source=backup.filename or "the file", person_id=person
    )
    return RedirectResponse(f"/settings?done=imported-{restored}", status_code=303)


@router.post("/delete", dependencies=[Checked])
def delete_everything(
    context: ContextDep, asker: AskerDep, confirm: Annotated[str, Form(max_length=20)] = ""
) -> Response:
    if confirm.strip().lower() != "delete":
        raise BadRequest('type "delete" in the box to confirm: everything supple kept about you will go')
    personal_data.delete_everything(context, person_id=asker.person_id)
    if asker.role == "self":
        response = RedirectResponse("/settings?done=deleted", status_code=303)
        # the service worker's copies of the pages and the player's outbox are the person's data too
        # (the page clears them as well where the browser ignores this: settings.html)
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
        return response
    # clinic mode: the account went with the rest, and with it every sign-in
    return signed_out("/login?done=deleted")
