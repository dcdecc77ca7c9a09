"""Cross-site request forgery protection: a double-submit token for the pages' forms, and a guard
in front of the JSON API.

Every page visit carries a random token in an HttpOnly, SameSite=Strict cookie and in each form
(the sign-in form too); a form post whose field does not match the cookie is refused. Another site
can make a browser post a form to this server but can read neither the cookie nor the page, so it
cannot know the token.

The API's changes take only application/json bodies, which another site cannot send without a
CORS preflight this server never grants (a body with no Content-Type at all, which a cross-site
fetch can send, is refused too), and a browser's own word that a request comes from another site
(Sec-Fetch-Site) is refused outright. With the session cookie's SameSite=Lax on top, a request
another site starts never carries the cookie into a change.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "supple_csrf"
FIELD = "csrf_token"


def token_for(request: Request) -> str:
    token: str = getattr(request.state, "csrf_token", "")
    return token


def cookie_header(name: str, value: str, *, secure: bool, same_site: str = "strict", max_age: int | None = None) -> str:
    """A Set-Cookie value: HttpOnly always; Secure whenever the page came over https."""
    parts = [f"{name}={value}", "HttpOnly", "Path=/", f"SameSite={same_site}"]
    parts += ["Secure"] if secure else []
    parts += [f"Max-Age={max_age}"] if max_age is not None else []
    return "; ".join(parts)


class IssueToken:
    """ASGI middleware: every page visit gets a token (in request.state for the templates, and in a
    cookie when the browser has none yet). Pure ASGI, and it skips the API and static files: the
    hot paths pay nothing for it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(("/api/", "/static/", "/docs-assets/")):
            await self.app(scope, receive, send)
            return
        existing = Request(scope).cookies.get(COOKIE, "")
        token = existing or secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and not existing:
                headers = MutableHeaders(scope=message)
                headers.append("set-cookie", cookie_header(COOKIE, token, secure=scope.get("scheme") == "https"))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


async def verify_form(request: Request) -> None:
    """Dependency of every form post: the form's token must match the cookie's."""
    form = await request.form()
    sent = form.get(FIELD)
    expected = request.cookies.get(COOKIE)
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail="This form has expired: go back, reload the page and try again.")


CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class GuardApi:
    """ASGI middleware in front of /api: a change must come from this site's own pages (or from a
    program, which sends no Sec-Fetch-Site), and a POST must say its body is JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in CHANGES and scope["path"].startswith("/api/"):
            refusal = _refusal(Headers(scope=scope), scope["method"])
            if refusal is not None:
                await JSONResponse({"detail": refusal[1]}, status_code=refusal[0])(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _refusal(headers: Headers, method: str) -> tuple[int, str] | None:
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return 403, "a change through the API must come from supple's own pages"
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if method == "POST" and media_type != "application/json":
        return 415, "send the body as JSON, with Content-Type: application/json"
    return None
