"""Pages: progress, the catalogue, settings (reminders, backup, deleting everything), the app shell."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple import services
from supple.config import Settings
from supple.errors import BadRequest
from supple.services import progress as progress_services
from supple.services.figures import figure_descriptions
from supple.web import charts
from supple.web.csrf import verify_form
from supple.web.deps import AskerDep, PersonDep, SettingsDep, TemplatesDep
from supple.web.schemas import RowId

router = APIRouter(include_in_schema=False)
Checked = Depends(verify_form)
Filter = Annotated[str | None, Query(max_length=64)]
MAX_BACKUP_BYTES = 50 * 1024 * 1024


def progress_context(settings: Settings, person: int) -> dict[str, Any]:
    """What the progress page shows of a person: theirs, or a client's to their clinician."""
    view = progress_services.progress_view(settings=settings, person_id=person)
    return {
        "report": view.report,
        "weeks_chart": charts.sessions_per_week(view.report.weeks),
        "pain_chart": charts.pain_over_time(view.report.pain),
        "calendar": charts.calendar_weeks(view.report.days, view.report.today),
        "sides": view.sides,
        "activities": view.activities,
        "recent": view.recent,
        "catalog": services.catalog_for(settings=settings),
    }


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request, settings: SettingsDep, templates: TemplatesDep, person: PersonDep) -> Response:
    return templates.TemplateResponse(request, "progress.html", progress_context(settings, person))


@router.post("/activities", dependencies=[Checked])
def add_activity(
    settings: SettingsDep,
    person: PersonDep,
    activity: Annotated[str, Form(max_length=200)],
    score: Annotated[int | None, Form(ge=0, le=10)] = None,
) -> Response:
    progress_services.add_activity(settings=settings, activity=activity, score=score, person_id=person)
    return RedirectResponse("/progress#activities", status_code=303)


@router.post("/activities/{goal_id}/rate", dependencies=[Checked])
def rate_activity(
    settings: SettingsDep, person: PersonDep, goal_id: RowId, score: Annotated[int, Form(ge=0, le=10)]
) -> Response:
    progress_services.rate_activity(settings=settings, goal_id=goal_id, score=score, person_id=person)
    return RedirectResponse("/progress#activities", status_code=303)


@router.post("/activities/{goal_id}/drop", dependencies=[Checked])
def drop_activity(settings: SettingsDep, person: PersonDep, goal_id: RowId) -> Response:
    progress_services.drop_activity(settings=settings, goal_id=goal_id, person_id=person)
    return RedirectResponse("/progress#activities", status_code=303)


@router.get("/exercises", response_class=HTMLResponse)
def catalogue(
    request: Request,
    settings: SettingsDep,
    templates: TemplatesDep,
    condition: Filter = None,
    position: Filter = None,
    kind: Filter = None,
    equipment: Filter = None,
) -> Response:
    chosen = {"condition": condition or None, "position": position or None, "kind": kind or None,
              "equipment": equipment or None}  # fmt: skip
    exercises = services.list_exercises(settings=settings, **chosen)
    catalog = services.catalog_for(settings=settings)
    context = {"exercises": exercises, "vocab": catalog.vocabulary, "chosen": chosen}
    return templates.TemplateResponse(request, "catalog.html", context)


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(request: Request, settings: SettingsDep, templates: TemplatesDep, exercise_id: str) -> Response:
    exercise = services.get_exercise(settings=settings, exercise_id=exercise_id)
    catalog = services.catalog_for(settings=settings)
    figure_alt = figure_descriptions(exercises=[exercise])[exercise.id]
    context = {"exercise": exercise, "vocab": catalog.vocabulary, "catalog": catalog, "figure_alt": figure_alt}
    return templates.TemplateResponse(request, "exercise.html", context)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, templates: TemplatesDep, done: Annotated[str, Query(max_length=40)] = ""
) -> Response:
    return templates.TemplateResponse(request, "settings.html", {"done": done})


@router.get("/reminders.ics")
def reminder_file(
    days: Annotated[list[str], Query(max_length=7)], at: Annotated[str, Query(max_length=5)] = "18:00"
) -> Response:
    data = progress_services.reminders(days=",".join(days), at=at)
    headers = {"Content-Disposition": 'attachment; filename="supple-reminders.ics"'}
    return Response(data, media_type="text/calendar", headers=headers)


@router.get("/export")
def export_file(settings: SettingsDep, person: PersonDep) -> Response:
    data = services.backup_data(settings=settings, person_id=person)
    name = f"supple-backup-{dt.date.today().isoformat()}.json"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(json.dumps(data, indent=1), media_type="application/json", headers=headers)


@router.post("/import", dependencies=[Checked])
async def import_file(settings: SettingsDep, person: PersonDep, backup: UploadFile) -> Response:
    data = await backup.read(MAX_BACKUP_BYTES + 1)
    if len(data) > MAX_BACKUP_BYTES:
        raise BadRequest("that file is too large to be a supple backup")
    from starlette.concurrency import run_in_threadpool

    restored = await run_in_threadpool(
        services.restore_backup, settings=settings, data=data, source=backup.filename or "the file", person_id=person
    )
    return RedirectResponse(f"/settings?done=imported-{restored}", status_code=303)


@router.post("/delete", dependencies=[Checked])
def delete_everything(
    settings: SettingsDep, asker: AskerDep, confirm: Annotated[str, Form(max_length=20)] = ""
) -> Response:
    if confirm.strip().lower() != "delete":
        raise BadRequest('type "delete" in the box to confirm: everything supple kept about you will go')
    services.delete_everything(settings=settings, person_id=asker.person_id)
    if asker.role == "self":
        return RedirectResponse("/settings?done=deleted", status_code=303)
    # clinic mode: the account went with the rest, and with it every sign-in
    from supple.web.routes.pages_account import signed_out

    return signed_out("/login?done=deleted")
