"""FastAPI dependencies, as Annotated aliases: the application context, the templates, who is asking."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from supple.errors import NotFound, Unauthorized
from supple.services.context import AppContext
from supple.services.modes import Asker

SESSION_COOKIE = "supple_session"
# Clinic mode: the player's outbox names whose sets it sends (player/outbox.js). On a shared device
# another person may have signed in since (in another tab, or after a sign-in ran out): what was
# kept for one person is never taken as another's.
FOR_PERSON = "X-Supple-Person"


async def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


async def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


async def get_asker(request: Request) -> Asker:
    """Who is asking: the one place a request is tied to a person, decided by the mode. In
    single-person mode that is the one local person (the server listens on 127.0.0.1 unless told
    otherwise), whom the process remembers without leaving the event loop; in clinic mode, the
    person the session cookie's token signed in (one indexed query, on a worker thread), and nobody
    without one: the API answers 401 and the pages send the browser to sign in. Asked again in the
    same request (get_person), the answer already found."""
    found = _known_asker(request)
    if found is None:  # only the database can tell: on a worker thread
        found = await run_in_threadpool(_asker_from_the_database, request)
    return found


def asker_here(request: Request) -> Asker:
    """get_asker for a route that runs on a worker thread already and asks there, in the same hop
    as its work (web/routes/api_player.py): handing a request to a worker thread costs more than
    the sign-in lookup itself."""
    return _known_asker(request) or _asker_from_the_database(request)


def _known_asker(request: Request) -> Asker | None:
    """Who is asking, when the request or the process can tell without the database."""
    found: Asker | None = getattr(request.state, "asker", None)
    if found is not None:
        return found
    mode = request.app.state.context.mode
    asker = mode.remembered_asker(request.cookies.get(SESSION_COOKIE, ""))
    return None if asker is None else _settled(request, asker)


def _asker_from_the_database(request: Request) -> Asker:
    mode = request.app.state.context.mode
    return _settled(request, mode.asker(request.cookies.get(SESSION_COOKIE, "")))


def _settled(request: Request, asker: Asker) -> Asker:
    request.state.asker = asker  # for the templates' navigation
    meant_for = request.headers.get(FOR_PERSON)
    if meant_for is not None and meant_for != str(asker.person_id):
        raise Unauthorized("this was kept on the device for someone else, and waits for them to sign in again")
    return asker


AskerDep = Annotated[Asker, Depends(get_asker)]


async def get_person(request: Request) -> int:
    # Not a dependency on get_asker: FastAPI solves each level of dependencies at every request,
    # and this is most routes' one (in clinic mode the routers' get_asker has run first).
    return (await get_asker(request)).person_id


async def get_clinician(asker: AskerDep) -> Asker:
    """A clinician; anyone else is answered as if the clinic pages did not exist."""
    if not asker.is_clinician:
        raise NotFound("no such page")
    return asker


ContextDep = Annotated[AppContext, Depends(get_context)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
PersonDep = Annotated[int, Depends(get_person)]
ClinicianDep = Annotated[Asker, Depends(get_clinician)]
