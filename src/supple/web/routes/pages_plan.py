"""Pages: welcome, the safety screening, "what bothers you" and the plan, saving, the player."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import QueryParams

from supple.errors import BadRequest, NotFound
from supple.planner.plan import Plan
from supple.safety.screen import Screening
from supple.services import planning, routines, screening
from supple.services.context import AppContext
from supple.services.figures import figure_descriptions, form_checks
from supple.session.engine import player_rules
from supple.session.timeline import lay_out, timeline_json
from supple.web.csrf import verify_form
from supple.web.deps import AskerDep, ContextDep, PersonDep, TemplatesDep
from supple.web.filters import sentence
from supple.web.headers import PLAYER_POLICY
from supple.web.schemas import PlanIn, plan_in_from_form

router = APIRouter(include_in_schema=False)
Checked = Depends(verify_form)
# The plan form's tick boxes, sent as 1 when ticked.
FLAGS = ("no_floor", "warmed_up", "new_to_stretching", "ack_caution")


@router.get("/", response_class=HTMLResponse)
def welcome(
    request: Request, context: ContextDep, templates: TemplatesDep, asker: AskerDep, person: PersonDep
) -> Response:
    """Home: the safety check and the routines; a clinician's home is their clients."""
    if asker.is_clinician:
        return RedirectResponse("/clients", status_code=303)
    latest = screening.latest_screening(context, person_id=person)
    stale = screening.screening_staleness(context, screening=latest) if latest else None
    listed = routines.routines_listed(context, person_id=person)
    # a routine a clinician gave is listed once, under "From your clinician"
    page: dict[str, Any] = {
        "screening": latest, "stale": stale, "routines": [r for r in listed if not r.given_by],
        "given": [r for r in listed if r.given_by], "stopped": stopped(context, latest),
    }  # fmt: skip
    if page["stopped"]:
        page["help_numbers"] = screening.help_numbers(context)
    return templates.TemplateResponse(request, "welcome.html", page)


@router.get("/screening", response_class=HTMLResponse)
def screening_form(request: Request, context: ContextDep, templates: TemplatesDep) -> Response:
    questions = screening.screening_questions(context)
    return templates.TemplateResponse(request, "screening.html", {"questions": questions})


async def chosen_options(request: Request) -> list[str]:
    """The options chosen in the screening's follow-ups: each is a group of radio buttons named
    `choice-<question id>` (the form is read once; the CSRF check has read it already)."""
    form = await request.form()
    return [value for key, value in form.multi_items() if key.startswith("choice-") and isinstance(value, str)]


@router.post("/screening", dependencies=[Checked])
def screening_answered(
    context: ContextDep,
    person: PersonDep,
    chosen: Annotated[list[str], Depends(chosen_options)],
    yes: Annotated[list[str], Form()] = (),  # type: ignore[assignment]
) -> Response:
    """The ticked questions, and for a ticked one with a follow-up the option chosen (none chosen
    counts as "I don't know"; an option chosen under an unticked question is not an answer)."""
    answered = set(yes)
    safety_questions = screening.screening_questions(context)
    options = {o: q.id for q in safety_questions for o in q.option_ids}
    picked = [option for option in chosen if options.get(option) in answered]
    screening.record_screening(context, yes=[*yes, *picked], person_id=person)
    return RedirectResponse("/screening/result", status_code=303)


@router.get("/screening/result", response_class=HTMLResponse)
def screening_result(request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep) -> Response:
    latest = screening.latest_screening(context, person_id=person)
    if latest is None:
        return RedirectResponse("/screening", status_code=303)
    page = {
        "screening": latest,
        "flagged": screening.flagged_questions(context, screening=latest),
        "help_numbers": screening.help_numbers(context),
    }
    return templates.TemplateResponse(request, "screening_result.html", page)


@router.get("/screening/mistake", response_class=HTMLResponse)
def screening_mistake(request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep) -> Response:
    """The second step before a stop's answers are cleared: the person says again that what they
    reported is not true, having read it once more, before the questions are asked afresh."""
    latest = screening.latest_screening(context, person_id=person)
    if latest is None or latest.verdict != "stop":
        return RedirectResponse("/screening", status_code=303)
    return templates.TemplateResponse(request, "screening_mistake.html", {"screening": latest})


def _plan_request(params: dict[str, Any]) -> PlanIn | None:
    """The request in a plan page's query, or None when the form has not been sent yet."""
    if not params.get("conditions"):
        return None
    return plan_in_from_form(params)


def _query_lists(query: QueryParams) -> dict[str, Any]:
    """The plan form's fields, as PlanIn takes them (checkboxes send nothing when unticked)."""
    params: dict[str, Any] = {key: query.getlist(key) for key in ("conditions", "avoid_positions", "without")}
    equipment = query.getlist("equipment")
    params["equipment"] = equipment or (["none"] if query.get("equipment_sent") else None)
    for flag in FLAGS:
        params[flag] = query.get(flag) == "1"
    pain = (query.get("pain_today") or "").strip()
    params["pain_today"] = int(pain) if pain.isdigit() else (pain or None)  # "" or none chosen: not said
    minutes = (query.get("minutes") or "20").strip()
    params["minutes"] = int(minutes) if minutes.isdigit() else minutes  # a query is text: "20" is 20 minutes
    return params


def plan_query(body: PlanIn, **changes: Any) -> str:
    """The query string that asks for this plan again (with changes, e.g. one more swap)."""
    data = dataclasses.asdict(body) | changes
    pairs: list[tuple[str, str]] = [("minutes", str(data["minutes"]))]
    pairs += [(key, value) for key in ("conditions", "avoid_positions", "without") for value in data[key]]
    pairs += [("equipment", value) for value in data["equipment"] or [] if value != "none"]
    if data["equipment"] is not None:
        pairs.append(("equipment_sent", "1"))
    pairs += [(flag, "1") for flag in FLAGS if data[flag]]
    if data["pain_today"] is not None:
        pairs.append(("pain_today", str(data["pain_today"])))
    return urlencode(pairs)


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep) -> Response:
    """The form, and below it the plan once the form is sent (a GET: planning changes nothing)."""
    catalog = context.content.catalog()
    params = _query_lists(request.query_params)
    page: dict[str, Any] = {"vocab": catalog.vocabulary, "catalog": catalog, "params": params, "plan": None}
    latest = page["screening"] = screening.latest_screening(context, person_id=person)
    if stopped(context, latest):  # what to do instead of a form: no routine after a stop
        page |= {"stopped": True, "help_numbers": screening.help_numbers(context)}
        refused = 403 if params.get("conditions") else 200  # a plan asked for is refused for safety
        return templates.TemplateResponse(request, "plan.html", page, status_code=refused)
    try:
        body = _plan_request(params)
        if body is not None:
            plan = _plan(context, body, person)
            page |= {"plan": plan, "body": body, "query": plan_query(body), "plan_query": plan_query}
            page["figure_alts"] = figure_descriptions(exercises=[item.exercise for item in plan.items])
    except BadRequest as error:  # shown on the form; a safety refusal (UnsafeToStart) goes to its page
        page["problem"] = sentence(
            "something asked for is not among supple's choices (an old link, perhaps): choose again below"
            if error.topic == "unknown-choice"
            else str(error)
        )
    status = 400 if "problem" in page else 200
    return templates.TemplateResponse(request, "plan.html", page, status_code=status)


def stopped(context: AppContext, latest: Screening | None) -> bool:
    """A stop verdict that still counts: the pages say what to do instead of offering a routine."""
    return (
        latest is not None and latest.verdict == "stop" and not screening.screening_staleness(context, screening=latest)
    )


def _plan(context: AppContext, body: PlanIn, person: int) -> Plan:
    return planning.make_plan(context, request=body, ack_caution=body.ack_caution, person_id=person)


@router.post("/routines", dependencies=[Checked])
def save_routine(
    context: ContextDep,
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
    plan = _plan(context, body, person)
    clean = routines.routine_name(name)
    routines.save_routine(context, name=clean, plan=plan, person_id=person, title=name)
    saved = urlencode({"saved": clean, "title": " ".join(name.split())})
    target = f"/play?{urlencode({'routine': clean})}" if start else f"/plan?{query}&{saved}"
    return RedirectResponse(target, status_code=303)


@router.get("/play", response_class=HTMLResponse)
def player(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    person: PersonDep,
    routine: Annotated[str | None, Query(max_length=64)] = None,
    speed: Annotated[float, Query(ge=0.1, le=100)] = 1.0,
) -> Response:
    """The player, with the routine's whole timeline in the page so it runs offline once loaded."""
    try:
        name, plan = routines.saved_routine(context, name=routine, ack_caution=True, person_id=person)
    except NotFound:
        if routine is not None:
            raise
        return RedirectResponse("/plan", status_code=303)
    catalog = context.content.catalog()
    timeline = timeline_json(lay_out(plan))
    listed = routines.routines_listed(context, person_id=person)
    # each exercise's figure in words, for the figure the player shows (an easier one put in too)
    shown = [item.exercise for item in plan.items]
    shown += [catalog.exercises[easier] for e in shown for easier in e.easier if easier in catalog.exercises]
    shown = list({exercise.id: exercise for exercise in shown}.values())
    title = next((r.title for r in listed if r.name == name), name)
    page = {
        "plan": plan, "routine": name, "title": title, "routines": [r.name for r in listed], "shown": shown,
        "figures": figure_descriptions(exercises=shown),
        "given": next((r for r in listed if r.name == name and r.given_by), None),
        "speed": speed,
        "player_data": {"routine": name, "timeline": timeline, "total": plan.total_seconds, "speed": speed,
                        "rules": player_rules(), "figures": figure_descriptions(exercises=shown),
                        "form": form_checks(exercises=shown)},
    }  # fmt: skip
    response = templates.TemplateResponse(request, "player.html", page)
    # The form check's pose model is WebAssembly, compiled in the page: allowed here alone.
    response.headers["content-security-policy"] = PLAYER_POLICY
    return response
