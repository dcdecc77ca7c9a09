"""Pages for clinicians (clinic mode): their clients, giving a client a routine (planned, or written
as a routine file), reading or printing it, and the client's progress as the client sees it."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.errors import BadRequest, DataFileError
from supple.services import catalogue, clinic, handouts, people, routines
from supple.services.context import AppContext
from supple.session.routine_words import routine_problem
from supple.web.csrf import verify_form
from supple.web.deps import ClinicianDep, ContextDep, TemplatesDep
from supple.web.routes.pages_handout import Paper, handout_response, pdf_download, public_base_url
from supple.web.routes.pages_history import client_links
from supple.web.routes.pages_more import progress_page_data
from supple.web.schemas import RowId, plan_in_from_form

router = APIRouter(include_in_schema=False)
Checked = Depends(verify_form)
Name = Annotated[str, Form(max_length=64)]
Many = Annotated[list[str], Form()]


@router.get("/clients", response_class=HTMLResponse)
def clients_page(request: Request, context: ContextDep, templates: TemplatesDep, clinician: ClinicianDep) -> Response:
    found = clinic.clients(context, clinician_id=clinician.person_id)
    alerts = clinic.alerts_of_clients(context, clinician_id=clinician.person_id)
    page = {"clients": found, "alerts": alerts, "catalog": catalogue.catalog(context)}
    return templates.TemplateResponse(request, "clients.html", page)


@router.post("/clients", dependencies=[Checked])
def add_client(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    clinician: ClinicianDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",  # no limits here: FastAPI's refusal would repeat it
) -> Response:
    try:
        record = people.create_client(context, clinician_id=clinician.person_id, username=username, password=password)
    except BadRequest as error:  # the form again, with the problem and without the password
        found = clinic.clients(context, clinician_id=clinician.person_id)
        alerts = clinic.alerts_of_clients(context, clinician_id=clinician.person_id)
        page = {"clients": found, "alerts": alerts, "catalog": catalogue.catalog(context), "problem": str(error),
                "username": username[:64]}  # fmt: skip
        return templates.TemplateResponse(request, "clients.html", page, status_code=400)
    return RedirectResponse(f"/clients/{record.person_id}", status_code=303)


@router.get("/clients/{client_id}", response_class=HTMLResponse)
def client_page(
    request: Request, context: ContextDep, templates: TemplatesDep, clinician: ClinicianDep, client_id: RowId
) -> Response:
    return templates.TemplateResponse(request, "client.html", _client_page(context, clinician.person_id, client_id))


def _client_page(context: AppContext, who: int, client_id: int) -> dict[str, Any]:
    catalog = catalogue.catalog(context)
    return {
        "client": clinic.client(context, clinician_id=who, client_id=client_id),
        "screening": clinic.client_screening(context, clinician_id=who, client_id=client_id),
        "routines": clinic.client_routines_listed(context, clinician_id=who, client_id=client_id),
        "alerts": clinic.client_alerts(context, clinician_id=who, client_id=client_id),
        "catalog": catalog,
        "vocab": catalog.vocabulary,
        "exercises": sorted(catalog, key=lambda exercise: exercise.name),
    }


@router.post("/clients/{client_id}/routines", dependencies=[Checked])
def assign_plan(
    context: ContextDep,
    clinician: ClinicianDep,
    client_id: RowId,
    name: Name,
    conditions: Many = [],  # noqa: B006 - FastAPI copies defaults per request
    minutes: Annotated[int, Form()] = 20,  # its limits are the plan request's own
    equipment: Many = [],  # noqa: B006
    avoid_positions: Many = [],  # noqa: B006
    no_floor: Annotated[bool, Form()] = False,
    warmed_up: Annotated[bool, Form()] = False,
) -> Response:
    """The same planner and safety rules as the client's own plans, with the client's answers."""
    body = plan_in_from_form({
        "conditions": conditions, "minutes": minutes, "equipment": equipment or ["none"],
        "avoid_positions": avoid_positions, "no_floor": no_floor, "warmed_up": warmed_up,
    })  # fmt: skip
    clean = routines.routine_name(name)
    clinic.assign_plan(context, clinician_id=clinician.person_id, client_id=client_id, name=clean, request=body)
    return RedirectResponse(f"/clients/{client_id}/routines/{quote(clean)}", status_code=303)


@router.post("/clients/{client_id}/written-routines", dependencies=[Checked])
def assign_written(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    clinician: ClinicianDep,
    client_id: RowId,
    name: Name,
    text: Annotated[str, Form()],  # its limit is the service's: a refusal shows on the form, with the text
) -> Response:
    """A routine file as the clinician wrote it (docs/routines.md), pasted or typed. A routine
    that does not read comes back on the form, with what is wrong in words and the text kept."""
    clean = routines.routine_name(name)
    who = clinician.person_id
    try:
        clinic.assign_written_text(context, clinician_id=who, client_id=client_id, name=clean, text=text)
    except DataFileError as error:
        said = routine_problem(error)
        names = catalogue.catalog(context).exercises
        close = [(choice, names[choice].name) for choice in said.choices if choice in names]
        page = _client_page(context, who, client_id) | {
            "written_problem": said.sentence, "written_choices": close, "written_text": text[:clinic.MAX_ROUTINE_TEXT],
            "written_name": name[:64],
        }  # fmt: skip
        return templates.TemplateResponse(request, "client.html", page, status_code=400)
    return RedirectResponse(f"/clients/{client_id}/routines/{quote(clean)}", status_code=303)


@router.get("/clients/{client_id}/routines/{name}", response_class=HTMLResponse)
def client_routine_page(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    clinician: ClinicianDep,
    client_id: RowId,
    name: str,
) -> Response:
    """The routine as the client will play it today, laid out to read or print."""
    who = clinician.person_id
    page = {
        "client": clinic.client(context, clinician_id=who, client_id=client_id),
        "plan": clinic.client_routine(context, clinician_id=who, client_id=client_id, name=name),
        "name": name,
    }
    return templates.TemplateResponse(request, "client_routine.html", page)


@router.get("/clients/{client_id}/routines/{name}/handout", response_class=HTMLResponse)
def client_handout_page(
    request: Request, context: ContextDep, clinician: ClinicianDep, client_id: RowId, name: str, paper: Paper = "a4"
) -> Response:
    """The client's printable home programme, the same handout the client can print for themselves."""
    page = handouts.client_handout_page(
        context, clinician_id=clinician.person_id, client_id=client_id, routine=name, paper=paper,
        base_url=public_base_url(request),
    )  # fmt: skip
    return handout_response(page)


@router.get("/clients/{client_id}/routines/{name}/handout.pdf")
def client_handout_pdf(
    request: Request, context: ContextDep, clinician: ClinicianDep, client_id: RowId, name: str, paper: Paper = "a4"
) -> Response:
    data = handouts.client_handout_document(
        context, clinician_id=clinician.person_id, client_id=client_id, routine=name, paper=paper,
        base_url=public_base_url(request),
    )  # fmt: skip
    return pdf_download(data, routine=name)


@router.get("/clients/{client_id}/progress", response_class=HTMLResponse)
def client_progress_page(
    request: Request, context: ContextDep, templates: TemplatesDep, clinician: ClinicianDep, client_id: RowId
) -> Response:
    """The client's progress page as the client sees it, without the forms that change it."""
    client = clinic.client(context, clinician_id=clinician.person_id, client_id=client_id)
    page = progress_page_data(context, client_id, client_links(client_id)) | {"client": client}
    return templates.TemplateResponse(request, "progress.html", page)
