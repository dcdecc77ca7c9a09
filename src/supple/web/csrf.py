"""Cross-site request forgery protection for the pages' forms (double-submit token).

Every page visit carries a random token in an HttpOnly, SameSite=Strict cookie and in each form;
a form post whose field does not match the cookie is refused. Another site can make a browser post
a form to this server but can read neither the cookie nor the page, so it cannot know the token.
The JSON API takes only application/json bodies, which a cross-site form cannot send without a
CORS preflight this server never grants.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "supple_csrf"
FIELD = "csrf_token"


def token_for(request: Request) -> str:
    token: str = getattr(request.state, "csrf_token", "")
    return token


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
                headers.append("set-cookie", f"{COOKIE}={token}; HttpOnly; Path=/; SameSite=strict")
            await send(message)

        await self.app(scope, receive, send_with_cookie)


async def verify_form(request: Request) -> None:
    """Dependency of every form post: the form's token must match the cookie's."""
    form = await request.form()
    sent = form.get(FIELD)
    expected = request.cookies.get(COOKIE)
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail="This form has expired: go back, reload the page and try again.")
