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
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request
from starlette.responses import Response

COOKIE = "supple_csrf"
FIELD = "csrf_token"


def token_for(request: Request) -> str:
    token: str = getattr(request.state, "csrf_token", "")
    return token


async def issue_token(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Middleware: make sure every browser has a token, and templates can put it in forms."""
    existing = request.cookies.get(COOKIE, "")
    request.state.csrf_token = existing or secrets.token_urlsafe(32)
    response = await call_next(request)
    if not existing:
        response.set_cookie(COOKIE, request.state.csrf_token, httponly=True, samesite="strict", path="/")
    return response


async def verify_form(request: Request) -> None:
    """Dependency of every form post: the form's token must match the cookie's."""
    form = await request.form()
    sent = form.get(FIELD)
    expected = request.cookies.get(COOKIE)
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail="This form has expired: go back, reload the page and try again.")
