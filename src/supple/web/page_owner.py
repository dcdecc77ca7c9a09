"""Whose page this is, told to the service worker (static/sw.js) in two response headers.

The service worker keeps the pages a person visited so that the player opens offline. On a shared
device in clinic mode that copy must not outlive the person's sign-in, nor be shown to whoever signs
in next: each page says whose it is (`X-Supple-Person`: an id, or nothing on the sign-in page) and,
in clinic mode, until when the sign-in lasts (`X-Supple-Until`). The worker keeps one person's pages
at a time, drops them when another person's page or the sign-in page arrives, and serves none of
them offline once the sign-in has run out (docs/web.md, "Offline").
"""

from __future__ import annotations

import datetime as dt

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PERSON = "X-Supple-Person"
UNTIL = "X-Supple-Until"
ONE_PERSON = "local"  # single-person mode: every page is the one person's
_NOBODY = "supple.nobody_signed_in"


def nobody_signed_in(request: Request) -> None:
    """Mark the page as no one's: the sign-in page, shown to whoever has no sign-in."""
    request.scope.setdefault("state", {})[_NOBODY] = True


def _owner(scope: Scope, signs_in: bool) -> tuple[str, dt.datetime | None] | None:
    """(person, until) for a page whose person is known, None when the page does not say."""
    if not signs_in:
        return ONE_PERSON, None
    state = scope.get("state") or {}
    if state.get(_NOBODY):
        return "", None
    asker = state.get("asker")
    if asker is None:  # a page served without looking at the sign-in (an unknown address, say)
        return None
    return str(asker.person_id), asker.until


class PageOwner:
    """ASGI middleware adding the two headers to every HTML page."""

    def __init__(self, app: ASGIApp, *, signs_in: bool) -> None:
        self.app = app
        self.signs_in = signs_in

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_owner(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                owner = _owner(scope, self.signs_in)
                if owner is not None and headers.get("content-type", "").startswith("text/html"):
                    person, until = owner
                    headers[PERSON] = person
                    if until is not None:
                        headers[UNTIL] = _utc(until).isoformat()
            await send(message)

        await self.app(scope, receive, send_with_owner)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
