"""HEAD answered like GET: the same status and headers, without the body.

FastAPI routes a GET route for GET only, so a HEAD (a link checker, a monitor, `curl -I`) got 405
from every page. Each page is asked for as GET underneath and its body left out, so HEAD can never
answer differently from GET.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadLikeGet:
    """ASGI middleware: a HEAD request goes through the app as a GET, and only the status and the
    headers of its answer (Content-Length included) are sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
