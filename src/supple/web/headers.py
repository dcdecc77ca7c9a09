"""Security headers on every answer, and the limits on what a request may send.

The Content-Security-Policy lets a page run only supple's own script files: no inline script, no
event-handler attribute, no script from elsewhere, so text that slipped past the escaping still
could not run. Styles come from supple's own stylesheet; images from supple or from data: URIs
(the handout's figures and its QR code are inside the page). A route may send a policy of its own
(the handout, for its inline styles; a figure's SVG); this middleware then leaves it as it is.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from supple.services.personal_data import LARGEST_BACKUP

SELF_ONLY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# A year. No includeSubDomains: the clinic's other names are not supple's to decide.
HSTS = "max-age=31536000"
# The figures' SVG, when opened as a page of its own: its own <style>, and nothing to run or fetch.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def policy(**sources: str) -> str:
    """The Content-Security-Policy, with some sources changed (style_src="'self' 'sha256-...'")."""
    chosen = SELF_ONLY | {name.replace("_", "-"): value for name, value in sources.items()}
    return "; ".join(f"{name} {value}" for name, value in chosen.items())


CSP = policy()
# The player's: the form check's pose model (static/pose/) compiles WebAssembly, which a policy
# must allow by name; no other page runs it (docs/camera.md).
PLAYER_POLICY = policy(script_src="'self' 'wasm-unsafe-eval'")
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def policy_for_inline_styles(page: str) -> str:
    """The policy for a page that carries its styles inside it (the handout, which is the PDF's
    template too, and must be whole in one file): each <style> element is allowed by its hash."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii") + "'"
        for css in _STYLE.findall(page)
    ]
    return policy(style_src=" ".join(["'self'", *hashes]))


class SecurityHeaders:
    """ASGI middleware: the headers every answer carries, and HSTS when the page came over https
    (supple's own certificate, or a trusted proxy that says so in X-Forwarded-Proto)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", CSP)
                headers.setdefault("x-content-type-options", "nosniff")
                headers.setdefault("referrer-policy", "same-origin")
                headers.setdefault("x-frame-options", "DENY")  # frame-ancestors, for browsers before CSP 2
                if https:
                    headers.setdefault("strict-transport-security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


# What a request may send: the player's sets, a routine pasted into a form and every other form are
# a few kilobytes; a backup to restore is the one large upload (docs/operations.md has what one
# weighs: about 40 kB a session).
BODY_LIMIT = 1024 * 1024
BACKUP_LIMIT = LARGEST_BACKUP  # the most `supple import` reads too
LARGER_BODIES = {("POST", "/import"): BACKUP_LIMIT}


class BodyLimit:
    """ASGI middleware: a request body over its limit is refused with 413 (the app's error page or
    JSON, in words) when the app reads it: at once by its Content-Length, or as it arrives when it
    has none; nothing past the limit is read. FastAPI's own max_body_size is not used: it answers
    a body declared too large with a plain "Content Too Large" whatever the app says."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = LARGER_BODIES.get((scope["method"], scope["path"]), BODY_LIMIT)
        declared = Headers(scope=scope).get("content-length", "")
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            if declared.isdigit() and int(declared) > limit:
                await _drain(receive)
                raise HTTPException(status_code=413)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if message.get("more_body", False):
                        await _drain(receive)
                    raise HTTPException(status_code=413)
            return message

        await self.app(scope, limited_receive, send)


DRAINED_AT_MOST = 2 * BACKUP_LIMIT


async def _drain(receive: Receive) -> None:
    """Read the rest of a refused body, keeping none of it, before answering. A server that closes
    the connection with a body still coming makes the kernel reset it, and a proxy that was still
    sending then answers 502 instead of passing the 413 on (nginx did, one time in two). Past
    DRAINED_AT_MOST the connection is left to close."""
    drained = 0
    while drained <= DRAINED_AT_MOST:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
        drained += len(message.get("body", b""))
