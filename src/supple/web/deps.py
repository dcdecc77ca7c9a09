"""FastAPI dependencies, as Annotated aliases: the settings, the templates, who is asking."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from supple.config import Settings
from supple.services.accounts import Asker
from supple.services.sessions import Clock

SESSION_COOKIE = "supple_session"


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


async def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


async def get_asker(request: Request) -> Asker:
    """Who is asking: the one place a request is tied to a person. In single-person mode that is the
    one local person (the server listens on 127.0.0.1 unless told otherwise), whom the process
    remembers; in clinic mode, the person the session cookie's token signed in (one indexed query,
    on a worker thread), and nobody without one: the API answers 401 and the pages send the
    browser to sign in."""
    from starlette.concurrency import run_in_threadpool

    from supple.errors import Unauthorized
    from supple.services import accounts

    settings: Settings = request.app.state.settings
    if not settings.multi_user:
        asker = Asker(await _local_person(settings), "", "self")
    else:
        token = request.cookies.get(SESSION_COOKIE, "")
        found = await run_in_threadpool(
            accounts.signed_in, settings=settings, token=token, clock=request.app.state.clock
        )
        if found is None:
            raise Unauthorized("please sign in first")
        asker = found
    request.state.asker = asker  # for the templates' navigation
    return asker


async def _local_person(settings: Settings) -> int:
    """Without leaving the event loop when the process already knows the person (it reads the data
    folder's mark of the people, a few bytes); on a worker thread when it asks the database."""
    from starlette.concurrency import run_in_threadpool

    from supple import services

    known = services.known_local_person(settings)
    return known if known is not None else await run_in_threadpool(services.local_person, settings)


AskerDep = Annotated[Asker, Depends(get_asker)]


async def get_person(asker: AskerDep) -> int:
    return asker.person_id


async def get_clinician(asker: AskerDep) -> Asker:
    """A clinician; anyone else is answered as if the clinic pages did not exist."""
    from supple.errors import NotFound

    if not asker.is_clinician:
        raise NotFound("no such page")
    return asker


SettingsDep = Annotated[Settings, Depends(get_settings)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
ClockDep = Annotated[Clock, Depends(get_clock)]
PersonDep = Annotated[int, Depends(get_person)]
ClinicianDep = Annotated[Asker, Depends(get_clinician)]
