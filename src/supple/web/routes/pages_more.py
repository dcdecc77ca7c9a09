"""Pages: progress, the catalogue, settings (reminders, backup, deleting everything), the app shell."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from supple import services
from supple.errors import BadRequest
from supple.services import progress as progress_services
from supple.services.figures import figure_descriptions
from supple.web import charts
from supple.web.csrf import verify_form
from supple.web.deps import SettingsDep, TemplatesDep
from supple.web.paths import STATIC
from supple.web.schemas import RowId

router = APIRouter(include_in_schema=False)
Checked = Depends(verify_form)
Filter = Annotated[str | None, Query(max_length=64)]
MAX_BACKUP_BYTES = 50 * 1024 * 1024


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request, settings: SettingsDep, templates: TemplatesDep) -> Response:
    report = progress_services.stats(settings=settings)
    catalog = services.catalog_for(settings=settings)
    context = {
        "report": report,
        "weeks_chart": charts.sessions_per_week(report.weeks),
        "pain_chart": charts.pain_over_time(report.pain),
        "calendar": charts.calendar_weeks(report.days, report.today),
        "sides": progress_services.side_counts(settings=settings),
        "activities": progress_services.activities(settings=settings),
        "recent": list(reversed(services.history(settings=settings)))[:10],
        "catalog": catalog,
    }
    return templates.TemplateResponse(request, "progress.html", context)


@router.post("/activities", dependencies=[Checked])
def add_activity(
    settings: SettingsDep,
    activity: Annotated[str, Form(max_length=200)],
    score: Annotated[int | None, Form(ge=0, le=10)] = None,
) -> Response:
    progress_services.add_activity(settings=settings, activity=activity, score=score)
    return RedirectResponse("/progress#activities", status_code=303)


@router.post("/activities/{goal_id}/rate", dependencies=[Checked])
def rate_activity(settings: SettingsDep, goal_id: RowId, score: Annotated[int, Form(ge=0, le=10)]) -> Response:
    progress_services.rate_activity(settings=settings, goal_id=goal_id, score=score)
    return RedirectResponse("/progress#activities", status_code=303)


@router.post("/activities/{goal_id}/drop", dependencies=[Checked])
def drop_activity(settings: SettingsDep, goal_id: RowId) -> Response:
    progress_services.drop_activity(settings=settings, goal_id=goal_id)
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
def export_file(settings: SettingsDep) -> Response:
    data = services.backup_data(settings=settings)
    name = f"supple-backup-{dt.date.today().isoformat()}.json"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(json.dumps(data, indent=1), media_type="application/json", headers=headers)


@router.post("/import", dependencies=[Checked])
async def import_file(settings: SettingsDep, backup: UploadFile) -> Response:
    data = await backup.read(MAX_BACKUP_BYTES + 1)
    if len(data) > MAX_BACKUP_BYTES:
        raise BadRequest("that file is too large to be a supple backup")
    restored = services.restore_backup(settings=settings, data=data, source=backup.filename or "the file")
    return RedirectResponse(f"/settings?done=imported-{restored}", status_code=303)


@router.post("/delete", dependencies=[Checked])
def delete_everything(settings: SettingsDep, confirm: Annotated[str, Form(max_length=20)] = "") -> Response:
    if confirm.strip().lower() != "delete":
        raise BadRequest('type "delete" in the box to confirm: everything supple kept about you will go')
    services.delete_everything(settings=settings)
    return RedirectResponse("/settings?done=deleted", status_code=303)


@router.get("/sw.js")
def service_worker() -> Response:
    """Served from the root so that it may look after every page (a worker's scope is its folder)."""
    return FileResponse(STATIC / "sw.js", media_type="text/javascript", headers={"Cache-Control": "no-cache"})


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json")
