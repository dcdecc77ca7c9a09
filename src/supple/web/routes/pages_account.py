"""Signing in and out (clinic mode), changing one's password, and the app shell files every visitor
may fetch before signing in (the service worker and the manifest)."""

from __future__ import annotations

import functools
import secrets
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from supple.errors import BadRequest, TooManyAttempts, Unauthorized
from supple.services import people
from supple.web import csrf
from supple.web.csrf import verify_form
from supple.web.deps import SESSION_COOKIE, AskerDep, ContextDep, TemplatesDep
from supple.web.page_owner import nobody_signed_in
from supple.web.paths import STATIC
from supple.web.static_files import static_version

shell = APIRouter(include_in_schema=False)
router = APIRouter(include_in_schema=False)
Checked = Depends(verify_form)
Done = Annotated[str, Query(max_length=40)]


@shell.get("/sw.js")
def service_worker() -> Response:
    """Served from the root so that it may look after every page (a worker's scope is its folder)."""
    return Response(service_worker_text(STATIC), media_type="text/javascript", headers={"Cache-Control": "no-cache"})


@functools.cache
def service_worker_text(static: Path) -> str:
    """The worker, its cache and the files it keeps named after the static files' contents
    (web/static_files.py). The worker serves those files from its cache without asking the server,
    and a browser looks for a new worker only when the worker's own text changes: under a fixed
    name, an upgraded supple's pages would run with the scripts and styles cached on the first
    visit, for good."""
    return (static / "sw.js").read_text(encoding="utf-8").replace("STATIC_VERSION", static_version(static))


@shell.get("/manifest.webmanifest")
def manifest() -> Response:
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json")


def _local(target: str) -> str:
    """Only a path on this server: never another site after signing in (an open redirect)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return ""


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, templates: TemplatesDep, next: Annotated[str, Query(max_length=2000)] = "", done: Done = ""
) -> Response:
    nobody_signed_in(request)
    return templates.TemplateResponse(request, "login.html", {"next": _local(next), "done": done})


@router.post("/login", dependencies=[Checked])
def login(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    # No length limits here: FastAPI's refusal would repeat the value, and it may be a password.
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    address = request.client.host if request.client else "unknown"
    try:
        signed = people.sign_in(context, username=username, password=password, address=address)
    except (Unauthorized, TooManyAttempts) as error:
        status = 429 if isinstance(error, TooManyAttempts) else 401
        headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyAttempts) else None
        page = {"next": _local(next), "problem": str(error), "username": username[:64]}
        return templates.TemplateResponse(request, "login.html", page, status_code=status, headers=headers)
    home = "/clients" if signed.asker.is_clinician else "/"
    response = RedirectResponse(_local(next) or home, status_code=303)
    secure = request.url.scheme == "https"
    # Lax, not Strict: a link to supple from an email or a message opens the page signed in, while
    # another site's form posts and scripts still never carry the cookie (and forms need the token).
    response.headers.append(
        "set-cookie", csrf.cookie_header(SESSION_COOKIE, signed.token, secure=secure, same_site="lax")
    )
    # a new form token with the new sign-in: one fixed before signing in is worth nothing after
    response.headers.append("set-cookie", csrf.cookie_header(csrf.COOKIE, secrets.token_urlsafe(32), secure=secure))
    return response


def signed_out(target: str) -> Response:
    """Forget the browser's sign-in, and what the shared device kept of the person's pages."""
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    # The browser's own cache goes. Its storage does not: on a shared device it holds the sessions of
    # other people still waiting to be sent (player/outbox.js). The service worker drops the person's
    # kept pages when the sign-in page arrives (static/sw.js), and that page clears what else was
    # theirs (static/app.js, data-forget-device).
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@router.post("/logout", dependencies=[Checked])
def logout(request: Request, context: ContextDep) -> Response:
    people.sign_out(context, token=request.cookies.get(SESSION_COOKIE, ""))
    return signed_out("/login?done=signed-out")


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, templates: TemplatesDep, asker: AskerDep) -> Response:
    return templates.TemplateResponse(request, "account.html", {})


@router.post("/account/password", dependencies=[Checked])
def change_password(
    request: Request,
    context: ContextDep,
    templates: TemplatesDep,
    asker: AskerDep,
    current: Annotated[str, Form()] = "",
    new: Annotated[str, Form()] = "",
) -> Response:
    try:
        people.change_password(context, asker=asker, current=current, new=new)
    except (Unauthorized, BadRequest) as error:
        status = 401 if isinstance(error, Unauthorized) else 400
        return templates.TemplateResponse(request, "account.html", {"problem": str(error)}, status_code=status)
    return signed_out("/login?done=password")
