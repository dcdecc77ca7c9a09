"""Pages: welcome, the safety screening, "what bothers you" and the plan, saving, the player."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import QueryParams

from supple import services
from supple.errors import BadRequest, NotFound
from supple.services.figures import figure_descriptions
from supple.session.engine import player_rules
from supple.session.timeline import lay_out, timeline_json
from supple.web.csrf import verify_form
from supple.web.deps import PersonDep, SettingsDep, TemplatesDep
from supple.web.plans import plan_for
from supple.web.schemas import PlanIn

router = APIRouter(include_in_schema=False)
Checked = Depends(verify_form)


@router.get("/", response_class=HTMLResponse)
def welcome(request: Request, settings: SettingsDep, templates: TemplatesDep, person: PersonDep) -> Response:
    screening = services.latest_screening(settings=settings, person_id=person)
    stale = services.screening_staleness(screening=screening) if screening else None
    routines = services.routine_names(settings=settings, person_id=person)
    context = {"screening": screening, "stale": stale, "routines": routines}
    return templates.TemplateResponse(request, "welcome.html", context)


@router.get("/screening", response_class=HTMLResponse)
def screening_form(request: Request, settings: SettingsDep, templates: TemplatesDep) -> Response:
    questions = services.screening_questions(settings=settings)
    return templates.TemplateResponse(request, "screening.html", {"questions": questions})


@router.post("/screening", dependencies=[Checked])
def screening_answered(
    settings: SettingsDep,
    person: PersonDep,
    yes: Annotated[list[str], Form()] = (),  # type: ignore[assignment]
) -> Response:
    services.record_screening(settings=settings, yes=yes, person_id=person)
    return RedirectResponse("/screening/result", status_code=303)


@router.get("/screening/result", response_class=HTMLResponse)
def screening_result(request: Request, settings: SettingsDep, templates: TemplatesDep, person: PersonDep) -> Response:
    screening = services.latest_screening(settings=settings, person_id=person)
    if screening is None:
        return RedirectResponse("/screening", status_code=303)
    return templates.TemplateResponse(request, "screening_result.html", {"screening": screening})


def _plan_request(params: dict[str, Any]) -> PlanIn | None:
    """The request in a plan page's query, or None when the form has not been sent yet."""
    if not params.get("conditions"):
        return None
    try:
        return PlanIn.model_validate(params, strict=False)  # a query is text: "20" is 20 minutes
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise BadRequest(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def _query_lists(query: QueryParams) -> dict[str, Any]:
    """The plan form's fields, as PlanIn takes them (checkboxes send nothing when unticked)."""
    params: dict[str, Any] = {key: query.getlist(key) for key in ("conditions", "avoid_positions", "without")}
    equipment = query.getlist("equipment")
    params["equipment"] = equipment or (["none"] if query.get("equipment_sent") else None)
    for flag in ("no_floor", "warmed_up", "ack_caution"):
        params[flag] = query.get(flag) == "1"
    params["minutes"] = query.get("minutes") or 20
    return params


def plan_query(body: PlanIn, **changes: Any) -> str:
    """The query string that asks for this plan again (with changes, e.g. one more swap)."""
    data = body.model_dump() | changes
    pairs: list[tuple[str, str]] = [("minutes", str(data["minutes"]))]
    pairs += [(key, value) for key in ("conditions", "avoid_positions", "without") for value in data[key]]
    pairs += [("equipment", value) for value in data["equipment"] or [] if value != "none"]
    if data["equipment"] is not None:
        pairs.append(("equipment_sent", "1"))
    pairs += [(flag, "1") for flag in ("no_floor", "warmed_up", "ack_caution") if data[flag]]
    return urlencode(pairs)


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, settings: SettingsDep, templates: TemplatesDep, person: PersonDep) -> Response:
    """The form, and below it the plan once the form is sent (a GET: planning changes nothing)."""
    catalog = services.catalog_for(settings=settings)
    params = _query_lists(request.query_params)
    context: dict[str, Any] = {"vocab": catalog.vocabulary, "catalog": catalog, "params": params, "plan": None}
    screening = services.latest_screening(settings=settings, person_id=person)
    context["screening"] = screening
    try:
        body = _plan_request(params)
        if body is not None:
            plan = plan_for(settings, body, person)
            context |= {"plan": plan, "body": body, "query": plan_query(body), "plan_query": plan_query}
            context["figure_alts"] = figure_descriptions(exercises=[item.exercise for item in plan.items])
    except BadRequest as error:  # shown on the form; a safety refusal (UnsafeToStart) goes to its page
        context["problem"] = str(error)
    status = 400 if "problem" in context else 200
    return templates.TemplateResponse(request, "plan.html", context, status_code=status)


@router.post("/routines", dependencies=[Checked])
def save_routine(
    settings: SettingsDep,
    person: PersonDep,
    name: Annotated[str, Form(max_length=64)],
    query: Annotated[str, Form(max_length=4000)],
    start: Annotated[str, Form()] = "",
) -> Response:
    """Plan again from the same request (never trusting a plan sent back) and keep it."""
    params = _query_lists(QueryParams(query))
    body = _plan_request(params)
    if body is None:
        raise BadRequest("say what bothers you first")
    plan = plan_for(settings, body, person)
    clean = name.strip().lower().replace(" ", "-")
    services.save_routine(settings=settings, name=clean, plan=plan, person_id=person)
    target = f"/play?{urlencode({'routine': clean})}" if start else f"/plan?{query}&{urlencode({'saved': clean})}"
    return RedirectResponse(target, status_code=303)


@router.get("/play", response_class=HTMLResponse)
def player(
    request: Request,
    settings: SettingsDep,
    templates: TemplatesDep,
    person: PersonDep,
    routine: Annotated[str | None, Query(max_length=64)] = None,
    speed: Annotated[float, Query(ge=0.1, le=100)] = 1.0,
) -> Response:
    """The player, with the routine's whole timeline in the page so it runs offline once loaded."""
    try:
        name, plan = services.saved_routine(settings=settings, name=routine, ack_caution=True, person_id=person)
    except NotFound:
        if routine is not None:
            raise
        return RedirectResponse("/plan", status_code=303)
    timeline = timeline_json(lay_out(plan))
    context = {
        "plan": plan, "routine": name, "routines": services.routine_names(settings=settings, person_id=person),
        "speed": speed,
        "player_data": {"routine": name, "timeline": timeline, "total": plan.total_seconds, "speed": speed,
                        "rules": player_rules()},
    }  # fmt: skip
    return templates.TemplateResponse(request, "player.html", context)
