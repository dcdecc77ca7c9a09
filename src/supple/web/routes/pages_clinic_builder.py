"""A clinician's side of the builder (clinic mode): starting a client's routine, previewing exactly
what the client will see, giving it after the client's own answers are checked, and templates kept
to give to several clients. The editing itself is pages_builder.py's, for the client's routines."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.errors import BadRequest, NotFound, UnsafeToStart
from supple.services import builder, clinic
from supple.services import templates as clinic_templates
from supple.services.figures import figure_descriptions
from supple.web.csrf import verify_form
from supple.web.deps import ClinicianDep, ContextDep, TemplatesDep
from supple.web.filters import sentence
from supple.web.schemas import RowId

router = APIRouter(include_in_schema=False)
Checked = Depends(verify_form)
Text = Annotated[str, Form(max_length=2000)]


@router.post("/clients/{client_id}/routines/new", dependencies=[Checked])
def start_client_routine(context: ContextDep, clinician: ClinicianDep, client_id: RowId, title: Text = "") -> Response:
    """A routine for the client, written by hand: a draft the client does not see until it is given."""
    name = builder.new_routine(context, title=title, person_id=client_id, clinician_id=clinician.person_id)
    return RedirectResponse(f"/clients/{client_id}/routines/{quote(name)}/edit", status_code=303)


@router.get("/clients/{client_id}/routines/{name}/preview", response_class=HTMLResponse)
def preview(
    request: Request, context: ContextDep, templates: TemplatesDep, clinician: ClinicianDep, client_id: RowId,
    name: str, problem: Annotated[str, Query(max_length=500)] = "",
) -> Response:  # fmt: skip
    """The routine exactly as the client will see it before they start, with their precautions of today."""
    who = clinician.person_id
    editing = builder.routine_to_edit(context, name=name, person_id=client_id, clinician_id=who)
    plan = clinic.client_routine(context, clinician_id=who, client_id=client_id, name=name)
    page = {
        "client": clinic.client(context, clinician_id=who, client_id=client_id), "editing": editing, "plan": plan,
        "figures": figure_descriptions(exercises=[item.exercise for item in plan.items]), "problem": problem,
    }  # fmt: skip
    return templates.TemplateResponse(request, "routine_preview.html", page)


@router.post("/clients/{client_id}/routines/{name}/give", dependencies=[Checked])
def give(
    request: Request, context: ContextDep, templates: TemplatesDep, clinician: ClinicianDep, client_id: RowId, name: str
) -> Response:
    """Give the draft to the client, once their own safety answers allow every exercise in it."""
    try:
        clinic_templates.give_routine(context, clinician_id=clinician.person_id, client_id=client_id, name=name)
    except NotFound:
        raise
    except (BadRequest, UnsafeToStart) as error:
        query = urlencode({"problem": sentence(str(error))[:500]})
        return RedirectResponse(f"/clients/{client_id}/routines/{quote(name)}/preview?{query}", status_code=303)
    return RedirectResponse(f"/clients/{client_id}?{urlencode({'given': name})}", status_code=303)


@router.post("/clients/{client_id}/routines/{name}/template", dependencies=[Checked])
def keep_as_template(context: ContextDep, clinician: ClinicianDep, client_id: RowId, name: str) -> Response:
    clinic_templates.save_as_template(context, clinician_id=clinician.person_id, client_id=client_id, name=name)
    return RedirectResponse("/templates?kept=1", status_code=303)


def _templates_page(context: ContextDep, who: int) -> dict[str, object]:
    return {
        "templates": clinic_templates.templates(context, clinician_id=who),
        "clients": clinic.clients(context, clinician_id=who),
    }


@router.get("/templates", response_class=HTMLResponse)
def templates_page(
    request: Request, context: ContextDep, templates: TemplatesDep, clinician: ClinicianDep,
    kept: Annotated[str, Query(max_length=1)] = "",
) -> Response:  # fmt: skip
    page = _templates_page(context, clinician.person_id) | {"kept": bool(kept)}
    return templates.TemplateResponse(request, "templates.html", page)


@router.post("/templates/{template_id}/give", dependencies=[Checked])
def give_template(
    request: Request, context: ContextDep, templates: TemplatesDep, clinician: ClinicianDep, template_id: RowId,
    clients: Annotated[list[int], Form()] = [],  # noqa: B006 (FastAPI copies a default)
) -> Response:  # fmt: skip
    """A copy for each client ticked, each checked against that client's own answers."""
    who = clinician.person_id
    page = _templates_page(context, who)
    try:
        given = clinic_templates.give_template(context, clinician_id=who, template_id=template_id, client_ids=clients)
    except NotFound:
        raise
    except BadRequest as error:
        page["problem"] = sentence(str(error))
        return templates.TemplateResponse(request, "templates.html", page, status_code=400)
    names = {account.person_id: account.username for account in clinic.clients(context, clinician_id=who)}
    page["given"] = [(names[person], name, person) for person, name in given.given]
    page["refused"] = [(names[person], why) for person, why in given.refused]
    page["template_title"] = clinic_templates.template(context, clinician_id=who, template_id=template_id).title
    return templates.TemplateResponse(request, "templates.html", page)


@router.post("/templates/{template_id}/delete", dependencies=[Checked])
def delete_template(context: ContextDep, clinician: ClinicianDep, template_id: RowId) -> Response:
    clinic_templates.delete_template(context, clinician_id=clinician.person_id, template_id=template_id)
    return RedirectResponse("/templates", status_code=303)
