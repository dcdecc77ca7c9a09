"""create_app(settings): the FastAPI application. Nothing happens at import."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from collections.abc import AsyncIterator, Sequence
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

import anyio.to_thread
import swagger_ui_bundle  # type: ignore[import-untyped]
from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from supple import __version__
from supple.config import Settings
from supple.errors import (
    BadRequest,
    Conflict,
    DataFileError,
    NotFound,
    StoreUnavailable,
    SuppleError,
    TooManyAttempts,
    Unauthorized,
    UnsafeToStart,
)  # fmt: skip
from supple.safety.models import Urgency
from supple.safety.screen import STOP_HEADING
from supple.services import screening
from supple.services.context import AppContext, Clock, system_clock
from supple.services.health import CONCURRENT_REQUESTS, fault_types, store_fault
from supple.services.passwords import Passwords
from supple.web import csrf, filters
from supple.web.deps import get_asker
from supple.web.head import HeadLikeGet
from supple.web.headers import BodyLimit, SecurityHeaders
from supple.web.page_owner import PageOwner
from supple.web.paths import STATIC, TEMPLATES
from supple.web.plans import RoutineBodies
from supple.web.routes import (
    api_clinic,
    api_content,
    api_player,
    api_sessions,
    figures,
    health,
    pages_account,
    pages_builder,
    pages_clinic,
    pages_clinic_builder,
    pages_clinic_history,
    pages_handout,
    pages_history,
    pages_more,
    pages_plan,
)
from supple.web.static_files import VersionedStaticFiles, static_url
from supple.web.words import form_problems

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# What gzip would not make smaller (and a stream, which must reach the browser as it comes).
COMPRESSED = ("text/event-stream", "application/pdf", "image/png", "image/jpeg", "application/zip", "application/gzip")
OUTBOX = "supple-outbox"  # the player's outbox in localStorage (player/outbox.js); clinic mode adds the person

DESCRIPTION = (
    "supple's JSON API: the catalogue, the safety screening, plans, saved routines, sessions and their "
    "sets, and progress. supple does not diagnose or treat anything: a stop verdict refuses to plan "
    "and points to a doctor, and pain stops a stretch."
)


def status_of(error: SuppleError) -> int:
    if isinstance(error, Unauthorized):
        return 401
    if isinstance(error, TooManyAttempts):
        return 429
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, UnsafeToStart):
        return 403  # refused for safety: the message says why and what to do
    if isinstance(error, BadRequest | DataFileError):
        # A file that does not load is bad input too (a routine pasted in, a backup, one's own
        # exercise files); 422 is FastAPI's, documented with its own shape: a list of problems.
        return 400
    if isinstance(error, StoreUnavailable):
        return 503  # the store cannot be written or reached just now: the same request may work later
    return 500


def create_app(
    settings: Settings,
    *,
    allowed_hosts: Sequence[str] | None = LOOPBACK_HOSTS,
    clock: Clock = system_clock,
    passwords: Passwords | None = None,
) -> FastAPI:
    """The web app for this data folder, with its one application context. `allowed_hosts` guards a
    loopback server against DNS rebinding (a web page that renames its own host to 127.0.0.1); None
    accepts any Host. `settings.multi_user` makes it clinic mode: accounts, and every page but
    signing in behind them. `clock` tells the time (tests move it instead of sleeping);
    `passwords` hashes them (tests pass a cheap hasher)."""
    context = AppContext(settings, clock=clock, passwords=passwords)
    app = FastAPI(
        title="supple", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
        lifespan=_threads_for_the_pool,
    )  # fmt: skip
    app.state.context = context
    app.state.routine_bodies = RoutineBodies()
    templates = Jinja2Templates(directory=TEMPLATES, context_processors=[_who_is_asking])
    filters.install(templates.env)
    app.state.templates = templates
    # The last added runs first: HEAD becomes GET, every answer gets its security headers and is
    # compressed, then the Host check, the API's guard, the form token, the page's owner and the
    # limit on a request's body.
    app.add_middleware(BodyLimit)
    app.add_middleware(PageOwner, signs_in=context.mode.signs_in)
    app.add_middleware(csrf.IssueToken)
    app.add_middleware(csrf.GuardApi)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=[*allowed_hosts, "testserver"])
    # Pages, JSON, scripts, styles and figures gzipped for a browser that takes it (Vary:
    # Accept-Encoding): the player's page is about a fifth of its size. Level 6, zlib's default:
    # 9 costs more CPU per request for a few bytes less. A PDF is compressed already. Compressing a
    # page that reflects what was asked beside a secret would let a watcher of the sizes guess the
    # secret (BREACH); the one secret in a page is the form token, whose cookie is SameSite=Strict:
    # a request another site starts never carries it, and gets a fresh token of its own (csrf.py).
    app.add_middleware(GZipMiddleware, minimum_size=500, compresslevel=6, exclude_content_types=COMPRESSED)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadLikeGet)
    app.mount("/static", VersionedStaticFiles(directory=STATIC), name="static")
    templates.env.globals["static"] = functools.partial(static_url, STATIC)
    # In clinic mode every route but the shell's, health and signing in needs someone signed in;
    # FastAPI resolves get_asker once per request, so the routes that take PersonDep share this one
    # lookup. The API comes first, the player's two most frequent requests before all: they ask who
    # is asking themselves, on the worker thread they run on (api_player.py).
    signed_in = [Depends(get_asker)] if context.mode.signs_in else []
    app.include_router(api_player.router)
    for module in (api_sessions, api_content):
        app.include_router(module.router, dependencies=signed_in)
    _api_docs(app)
    app.include_router(pages_account.shell)
    app.include_router(health.router)
    for module in (pages_plan, pages_handout, pages_more, pages_history, figures):
        app.include_router(module.router, dependencies=signed_in)
    app.include_router(pages_builder.own_router, dependencies=signed_in)
    if context.mode.signs_in:
        app.include_router(pages_account.router)
        app.include_router(api_clinic.router, dependencies=signed_in)
        app.include_router(pages_clinic.router, dependencies=signed_in)
        app.include_router(pages_clinic_builder.router, dependencies=signed_in)
        app.include_router(pages_builder.clinic_router, dependencies=signed_in)
        app.include_router(pages_clinic_history.router, dependencies=signed_in)
    _error_pages(app, templates)
    return app


@contextlib.asynccontextmanager
async def _threads_for_the_pool(app: FastAPI) -> AsyncIterator[None]:
    """Run requests on as many threads as the database pool has connections. More threads than
    that would only wait for a connection, and on two cores they mostly fight over the GIL."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = CONCURRENT_REQUESTS
    yield
    app.state.context.close()


def _who_is_asking(request: Request) -> dict[str, Any]:
    """Who is asking, for the navigation, and the name of their outbox (player/outbox.js): what
    the player has still to send is kept per person, so that a shared device in clinic mode never
    sends one person's sessions as another's. None while nobody is signed in."""
    asker = getattr(request.state, "asker", None)
    if not request.app.state.context.mode.signs_in:
        outbox: str | None = OUTBOX
    else:
        outbox = f"{OUTBOX}:{asker.person_id}" if asker is not None else None
    return {"asker": asker, "outbox": outbox}


def app_from_env() -> FastAPI:
    """The app as `supple serve` runs it (uvicorn's factory, in every worker process)."""
    settings = Settings.from_env()
    if os.environ.get("SUPPLE_MULTI_USER") == "1":  # set by `supple serve --multi-user` for its workers
        settings = dataclasses.replace(settings, multi_user=True)
    return create_app(settings, allowed_hosts=allowed_hosts_from_env())


def allowed_hosts_from_env() -> Sequence[str] | None:
    """The Host names `supple serve` chose (cli/serve.py: allowed_hosts): "*" for any, else names
    with commas; without it, loopback's only."""
    chosen = os.environ.get("SUPPLE_ALLOWED_HOSTS", "").strip()
    if chosen == "*":
        return None
    names = [name.strip() for name in chosen.split(",") if name.strip()]
    return names or LOOPBACK_HOSTS


# FastAPI's get_swagger_ui_html, with its inline script moved to static/docs.js (no inline script
# runs under the Content-Security-Policy).
DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>supple API</title>
<link rel="stylesheet" href="/docs-assets/swagger-ui.css">
<link rel="icon" href="/static/icon.svg" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs-assets/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


def _api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the files installed with supple, not from a CDN."""
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _api_detail(error: SuppleError) -> str:
    """The API's words for a refusal: the plain message, and for a program the valid values."""
    if error.topic == "unknown-choice" and error.choices:
        return f"{error}; valid: {', '.join(error.choices)}"
    if error.topic == "unknown-exercise" and error.choices:
        return f"{error}; did you mean {' or '.join(repr(choice) for choice in error.choices)}?"
    return str(error)


HEADINGS = {
    400: "That did not work",
    401: "Please sign in",
    403: "That did not work",
    404: "We could not find that",
    409: "That can no longer be changed",
    413: "That is too large",
    422: "Please check what you entered",
    429: "Please wait a little",
    503: "supple cannot save just now",
}
UNSAFE_HEADINGS = {
    "unscreened": "First, the safety questions",
    "stale": "First, the safety questions",
    "caution": "See a doctor or physiotherapist first",
    "client-stop": "Their safety check found a warning sign",
    "nothing-suits": "Nothing in this routine suits today",
}
# Starlette's own answers, which say only the status's name ("Not Found")
HTTP_MESSAGES = {
    404: "There is nothing at this address: the link may be old or mistyped.",
    405: "This page cannot be used that way.",
}
# A body over its limit (web/headers.py), whichever page it was sent to
TOO_LARGE = "That is more than supple takes at once, and nothing was changed. A backup to restore can be up to 50 MB."


def _page_words(request: Request, error: SuppleError, status: int) -> dict[str, Any]:
    """What the error page says: a heading, the message as a sentence, and what the topic adds."""
    words: dict[str, Any] = {
        "status": status, "heading": HEADINGS.get(status, "Something went wrong"),
        "message": filters.sentence(str(error)), "topic": error.topic, "unsafe": isinstance(error, UnsafeToStart),
        "stop": None, "suggestions": [],
    }  # fmt: skip
    context: AppContext = request.app.state.context
    if error.topic in ("stop-emergency", "stop-today"):
        urgency: Urgency = "today" if error.topic == "stop-today" else "emergency"
        words["stop"] = {"heading": STOP_HEADING[urgency], "advice": words["message"], "urgency": urgency}
        words["help_numbers"] = screening.help_numbers(context)
        words["heading"] = STOP_HEADING[urgency]
    elif isinstance(error, UnsafeToStart):
        words["heading"] = UNSAFE_HEADINGS.get(error.topic or "", "Not today")
    elif error.topic == "unknown-exercise":
        exercises = context.content.catalog().exercises
        words["suggestions"] = [(choice, exercises[choice].name) for choice in error.choices if choice in exercises]
    return words


def _error_pages(app: FastAPI, templates: Jinja2Templates) -> None:
    @app.exception_handler(SuppleError)
    async def supple_error(request: Request, error: SuppleError) -> Response:
        status = status_of(error)
        headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyAttempts) else None
        if _wants_json(request):
            return JSONResponse({"detail": _api_detail(error)}, status_code=status, headers=headers)
        if isinstance(error, Unauthorized):  # a page asked for without signing in: sign in, then back
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            back = f"?{urlencode({'next': target})}" if request.method == "GET" else ""
            return RedirectResponse(f"/login{back}", status_code=303)
        context = _page_words(request, error, status)
        return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)

    async def store_error(request: Request, error: Exception) -> Response:
        """A full disk, a read-only database or a database server restarting: 503 with what happened,
        not a 500 with a traceback. Anything else is a bug and goes on to be one."""
        fault = store_fault(error)
        if fault is None:
            raise error
        return await supple_error(request, fault)

    for kind in fault_types():
        app.add_exception_handler(kind, store_error)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        # FastAPI's answer repeats each bad value back ("input"); one of them could be a password
        problems = [
            {k: v for k, v in problem.items() if k not in ("input", "ctx", "url")} for problem in error.errors()
        ]
        if _wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(problems)}, status_code=422)
        # a person filling in a form gets a page that says what to put right, in words
        said = form_problems({k: v for k, v in problem.items() if k != "input"} for problem in error.errors())
        context = {"status": 422, "heading": HEADINGS[422], "message": said, "unsafe": False, "topic": None}
        return templates.TemplateResponse(request, "error.html", context, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        status = error.status_code
        detail = TOO_LARGE if status == 413 else error.detail
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=status, headers=error.headers)
        message = HTTP_MESSAGES.get(status) if str(detail) == HTTPStatus(status).phrase else None
        context = {
            "status": status, "heading": HEADINGS.get(status, "Something went wrong"), "unsafe": False, "topic": None,
            "message": message or filters.sentence(str(detail)),
        }  # fmt: skip
        return templates.TemplateResponse(request, "error.html", context, status_code=status)
