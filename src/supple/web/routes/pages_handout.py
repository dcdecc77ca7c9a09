"""The printable handout of a saved routine: the page (print it from the browser) and its PDF.

Both come from the same service and template as `supple handout`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from supple.services import handouts
from supple.web.deps import ContextDep, PersonDep
from supple.web.headers import policy_for_inline_styles

router = APIRouter(include_in_schema=False)
Name = Annotated[str, Path(max_length=64)]
Person = Annotated[str, Query(max_length=100)]
Paper = Annotated[str, Query(pattern="^(a4|letter)$")]
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def public_base_url(request: Request) -> str | None:
    """The address the page was reached at, for the QR code; None on this machine's own loopback
    address, which a phone scanning the paper could not reach."""
    base = str(request.base_url)
    host = urlsplit(base).hostname or ""
    return None if host in LOOPBACK or host.startswith("127.") else base


@router.get("/routines/{name}/handout", response_class=HTMLResponse)
def handout_page(
    request: Request, context: ContextDep, asker: PersonDep, name: Name, person: Person = "", paper: Paper = "a4"
) -> Response:
    page = handouts.handout_page(
        context, routine=name, person=person or None, paper=paper, base_url=public_base_url(request),
        back=f"/play?routine={quote(name)}", person_id=asker,
    )  # fmt: skip
    return handout_response(page)


def handout_response(page: str) -> HTMLResponse:
    """The handout page, whose styles are inside it (it is the PDF's template too): allowed by
    their hashes, and nothing else inline."""
    return HTMLResponse(page, headers={"Content-Security-Policy": policy_for_inline_styles(page)})


@router.get("/routines/{name}/handout.pdf")
def handout_pdf(
    request: Request, context: ContextDep, asker: PersonDep, name: Name, person: Person = "", paper: Paper = "a4"
) -> Response:
    data = handouts.handout_document(
        context, routine=name, person=person or None, paper=paper, base_url=public_base_url(request),
        person_id=asker,
    )  # fmt: skip
    return pdf_download(data, routine=name)


def pdf_download(data: bytes, *, routine: str) -> Response:
    """A handout's PDF, saved by the browser under the routine's name."""
    headers = {"Content-Disposition": f'attachment; filename="supple-{quote(routine)}-handout.pdf"'}
    return Response(data, media_type="application/pdf", headers=headers)
