"""The routine builder's pages: a person shaping their own routines (/routines/...), and a clinician
writing a client's (/clients/{client_id}/routines/...; clinic mode). One set of routes serves both,
made by `builder_router` with a dependency saying whose routine it is; every change is a form post
that works without JavaScript (static/builder.js only spares the page a reload and adds dragging).
"""

# No `from __future__ import annotations` here: the routes are made inside builder_router, and
# FastAPI must see their annotations (the local WhoseDep) evaluated.
import json
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.catalog.dose import DOSE_LABELS
from supple.errors import BadRequest, NotFound, UnsafeToStart
from supple.services import builder, catalogue, clinic, routines
from supple.services.context import AppContext
from supple.web.csrf import verify_form
from supple.web.deps import ClinicianDep, ContextDep, PersonDep, TemplatesDep
from supple.web.filters import sentence
from supple.web.schemas import RowId

Checked = Depends(verify_form)
Index = Annotated[int, Form(ge=0, le=1000)]
Text = Annotated[str, Form(max_length=2000)]
SEARCH_FIELDS = ("q", "area", "position", "kind", "equipment")


@dataclass(frozen=True)
class Whose:
    """Whose routines a builder route shapes, and where its pages are."""

    person_id: int | None
    clinician_id: int | None
    base: str  # the routines' pages: /routines, or /clients/{id}/routines

    @property
    def ids(self) -> dict[str, int | None]:
        return {"person_id": self.person_id, "clinician_id": self.clinician_id}

    @property
    def for_client(self) -> bool:
        return self.clinician_id is not None


async def own_routines(person: PersonDep) -> Whose:
    return Whose(person, None, "/routines")


async def clients_routines(clinician: ClinicianDep, client_id: RowId) -> Whose:
    return Whose(client_id, clinician.person_id, f"/clients/{client_id}/routines")


WhoseOf = Callable[..., Coroutine[Any, Any, Whose]]


def edit_link(whose: Whose, name: str, query: str = "", anchor: str = "") -> str:
    link = f"{whose.base}/{quote(name)}/edit"
    return link + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _search(request: Request) -> dict[str, str]:
    return {key: request.query_params.get(key, "")[:100] for key in SEARCH_FIELDS}


def builder_page(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    whose: Whose,
    name: str,
    *,
    search: dict[str, str] | None = None,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    """The builder: the routine as it stands, what may be added, and any problem with the last change."""
    editing = builder.routine_to_edit(context, name=name, **whose.ids)
    chosen = search if search is not None else _search(request)
    vocabulary = catalogue.vocabulary(context)
    try:
        choices = builder.exercise_choices(
            context, name=name, search=chosen["q"], area=chosen["area"] or None, position=chosen["position"] or None,
            kind=chosen["kind"] or None, equipment=chosen["equipment"] or None, **whose.ids,
        )  # fmt: skip
        refused_all = ""
    except UnsafeToStart as error:  # a stop verdict: nothing is offered, and the page says why
        choices, refused_all = [], str(error)
    except BadRequest:  # a filter from an old link that is no longer a choice
        choices, refused_all = [], ""
    undo = request.query_params.get("undo")
    page = {
        "editing": editing, "whose": whose, "vocab": vocabulary, "choices": choices, "search": chosen,
        "search_query": urlencode({k: v for k, v in chosen.items() if v}), "problem": problem,
        "refused_all": refused_all, "undo": _undo(undo, context) if undo else None, "dose_labels": DOSE_LABELS,
        "client": clinic.client(context, clinician_id=whose.clinician_id, client_id=whose.person_id)
        if whose.clinician_id is not None and whose.person_id is not None else None,
    }  # fmt: skip
    return templates.TemplateResponse(request, "routine_builder.html", page, status_code=status)


def _undo(text: str, context: AppContext) -> dict[str, Any] | None:
    """What a removal left to put back, as the link after it carries it (checked again when put back)."""
    try:
        found = json.loads(text[:2000])
    except ValueError:
        return None
    exercises = catalogue.catalog(context).exercises
    if not isinstance(found, dict) or found.get("exercise") not in exercises:
        return None
    return found | {"name": exercises[found["exercise"]].name}


def _dose_of(text: str) -> dict[str, int]:
    try:
        found = json.loads(text[:1000]) if text else {}
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if k in DOSE_LABELS and isinstance(v, int) and not isinstance(v, bool)}


def builder_router(prefix: str, whose_of: WhoseOf) -> APIRouter:
    """The builder's routes under `prefix`, for whose routines `whose_of` says."""
    router = APIRouter(include_in_schema=False)
    WhoseDep = Annotated[Whose, Depends(whose_of)]

    def refused(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: Whose, name: str, search: str,
        error: BadRequest | UnsafeToStart,
    ) -> Response:  # fmt: skip
        """The builder again, saying in words why the change was refused."""
        if isinstance(error, NotFound):  # no such routine, or not one of the clinician's clients: the 404 page
            raise error
        params = dict.fromkeys(SEARCH_FIELDS, "") | {k: v[:100] for k, v in _pairs(search) if k in SEARCH_FIELDS}
        status = 403 if isinstance(error, UnsafeToStart) else 400
        return builder_page(request, context, templates, whose, name, search=params, problem=sentence(str(error)),
                            status=status)  # fmt: skip

    def back(whose: Whose, name: str, search: str, anchor: str = "", **extra: str) -> Response:
        query = "&".join(part for part in (search[:600], urlencode(extra)) if part)
        return RedirectResponse(edit_link(whose, name, query, anchor), status_code=303)

    @router.get(prefix + "/{name}/edit", response_class=HTMLResponse)
    def edit_page(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: WhoseDep, name: str
    ) -> Response:
        return builder_page(request, context, templates, whose, name)

    @router.post(prefix + "/{name}/add", dependencies=[Checked])
    def add(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: WhoseDep, name: str,
        exercise: Annotated[str, Form(max_length=64)], at: Annotated[int | None, Form(ge=0, le=1000)] = None,
        dose: Text = "", note: Text = "", search: Text = "",
    ) -> Response:  # fmt: skip
        try:
            editing = builder.add_exercise(
                context, name=name, exercise_id=exercise, at=at, dose=_dose_of(dose), note=note, **whose.ids
            )
        except (BadRequest, UnsafeToStart) as error:
            return refused(request, context, templates, whose, name, search, error)
        where = at if at is not None else len(editing.items) - 1
        return back(whose, name, search, f"item-{where}")

    @router.post(prefix + "/{name}/remove", dependencies=[Checked])
    def remove(context: ContextDep, whose: WhoseDep, name: str, index: Index, search: Text = "") -> Response:
        _, removed = builder.remove_exercise(context, name=name, index=index, **whose.ids)
        dose = {k: v for k, v in (removed.get("dose") or {}).items() if k in DOSE_LABELS and isinstance(v, int)}
        undo = {"exercise": removed["exercise"], "at": index, "dose": dose, "note": removed.get("note") or ""}
        return back(whose, name, search, "undo", undo=json.dumps(undo, separators=(",", ":")))

    @router.post(prefix + "/{name}/move", dependencies=[Checked])
    def move(context: ContextDep, whose: WhoseDep, name: str, index: Index, to: Index, search: Text = "") -> Response:
        builder.move_exercise(context, name=name, index=index, to=to, **whose.ids)
        return back(whose, name, search, f"item-{to}")

    @router.post(prefix + "/{name}/dose", dependencies=[Checked])
    async def dose(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: WhoseDep, name: str, index: Index,
    ) -> Response:  # fmt: skip
        form = await request.form()
        search = str(form.get("search") or "")
        try:
            changes = _dose_changes({key: str(form.get(key) or "") for key in DOSE_LABELS})
            builder.set_exercise_dose(context, name=name, index=index, changes=changes, **whose.ids)
        except (BadRequest, UnsafeToStart) as error:
            return refused(request, context, templates, whose, name, search, error)
        return back(whose, name, search, f"item-{index}")

    @router.post(prefix + "/{name}/note", dependencies=[Checked])
    def note(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: WhoseDep, name: str, index: Index,
        text: Text = "", search: Text = "",
    ) -> Response:  # fmt: skip
        try:
            builder.set_exercise_note(context, name=name, index=index, text=text, **whose.ids)
        except BadRequest as error:
            return refused(request, context, templates, whose, name, search, error)
        return back(whose, name, search, f"item-{index}")

    @router.post(prefix + "/{name}/routine-note", dependencies=[Checked])
    def routine_note(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: WhoseDep, name: str,
        text: Text = "", search: Text = "",
    ) -> Response:  # fmt: skip
        try:
            builder.set_routine_note(context, name=name, text=text, **whose.ids)
        except BadRequest as error:
            return refused(request, context, templates, whose, name, search, error)
        return back(whose, name, search, "routine-note")

    @router.get(prefix + "/{name}/swap", response_class=HTMLResponse)
    def swap_page(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: WhoseDep, name: str,
        index: Annotated[int, Query(ge=0, le=1000)],
    ) -> Response:  # fmt: skip
        editing = builder.routine_to_edit(context, name=name, **whose.ids)
        if index >= len(editing.items):
            raise NotFound("that exercise is no longer in the routine: the page may be out of date")
        choices = builder.swap_choices(context, name=name, index=index, **whose.ids)
        page = {"editing": editing, "whose": whose, "index": index, "current": editing.items[index], "choices": choices}
        return templates.TemplateResponse(request, "routine_swap.html", page)

    @router.post(prefix + "/{name}/swap", dependencies=[Checked])
    def swap(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: WhoseDep, name: str, index: Index,
        exercise: Annotated[str, Form(max_length=64)],
    ) -> Response:  # fmt: skip
        try:
            builder.swap_exercise(context, name=name, index=index, exercise_id=exercise, **whose.ids)
        except (BadRequest, UnsafeToStart) as error:
            return refused(request, context, templates, whose, name, "", error)
        return back(whose, name, "", f"item-{index}")

    @router.post(prefix + "/{name}/rename", dependencies=[Checked])
    def rename(
        request: Request, context: ContextDep, templates: TemplatesDep, whose: WhoseDep, name: str, title: Text = ""
    ) -> Response:
        try:
            builder.rename_routine(context, name=name, title=title, **whose.ids)
        except BadRequest as error:
            return refused(request, context, templates, whose, name, "", error)
        return back(whose, name, "")

    @router.post(prefix + "/{name}/duplicate", dependencies=[Checked])
    def duplicate(context: ContextDep, whose: WhoseDep, name: str) -> Response:
        copy = builder.duplicate_routine(context, name=name, **whose.ids)
        return RedirectResponse(edit_link(whose, copy), status_code=303)

    @router.post(prefix + "/{name}/delete", dependencies=[Checked])
    def delete(context: ContextDep, whose: WhoseDep, name: str) -> Response:
        builder.delete_routine(context, name=name, **whose.ids)
        target = "/routines?deleted=1" if not whose.for_client else f"/clients/{whose.person_id}"
        return RedirectResponse(target, status_code=303)

    @router.post(prefix + "/{name}/favourite", dependencies=[Checked])
    def favourite(
        context: ContextDep, whose: WhoseDep, name: str, favourite: Annotated[str, Form(max_length=1)] = "",
        back_to: Annotated[str, Form(max_length=10)] = "",
    ) -> Response:  # fmt: skip
        builder.mark_favourite(context, name=name, favourite=favourite == "1", **whose.ids)
        target = "/routines" if back_to == "list" and not whose.for_client else edit_link(whose, name)
        return RedirectResponse(target, status_code=303)

    return router


def _pairs(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query[:600])


def _dose_changes(sent: dict[str, str]) -> dict[str, int]:
    """The dose fields sent, as whole numbers (a field left empty is not changed)."""
    changes = {}
    for field, text in sent.items():
        if not text.strip():
            continue
        if not text.strip().isdigit():
            raise BadRequest(f"say the {DOSE_LABELS[field]} as a whole number, not {text.strip()[:20]!r}")
        changes[field] = int(text.strip())
    return changes


own_router = builder_router("/routines", own_routines)


@own_router.get("/routines", response_class=HTMLResponse)
def routines_page(
    request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep,
    deleted: Annotated[str, Query(max_length=1)] = "",
) -> Response:  # fmt: skip
    """The person's routines, favourites first: play, edit, mark; and starting a new one."""
    page = {"routines": routines.routines_listed(context, person_id=person), "deleted": bool(deleted)}
    return templates.TemplateResponse(request, "routines.html", page)


@own_router.post("/routines/new", dependencies=[Checked])
def start_routine(
    request: Request, context: ContextDep, templates: TemplatesDep, person: PersonDep, title: Text = ""
) -> Response:
    try:
        name = builder.new_routine(context, title=title, person_id=person)
    except NotFound:
        raise
    except BadRequest as error:
        page = {"routines": routines.routines_listed(context, person_id=person), "problem": sentence(str(error))}
        return templates.TemplateResponse(request, "routines.html", page, status_code=400)
    return RedirectResponse(f"/routines/{quote(name)}/edit", status_code=303)


clinic_router = builder_router("/clients/{client_id}/routines", clients_routines)
